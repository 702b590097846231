<#ftl output_format="dockerfile" strip_whitespace=true>
<#--
  The Dockerfile of a systemd-enabled image whose base is Fedora, CentOS or RHEL (dnf, yum).
  The data model (every value already escaped for its place by unitgen's escaping package, dev.unitgen.escape):
    header           comment lines
    from             the base image
    packageManager   dnf or yum
    packages         shell words: systemd, then the image's packages
    files            [{copy: the JSON form of COPY, mode: octal, target: shell word}]
    run              RUN arguments, one per step
    mask, enable     shell words: unit names
    userSessions     true: systemd-user-sessions.service is wanted by multi-user.target
    unitDir          where the distribution installs units
    stopSignal, init the STOPSIGNAL word and the exec form of CMD
  Plain text printed here may not hold a line break.
-->
<#list header as line>
# ${line}
</#list>
FROM ${from}

ENV container=docker

# systemd as PID 1, and the image's packages
RUN ${packageManager} -y<#if packageManager == "dnf"> --setopt=install_weak_deps=False</#if> install \
<#list packages as p>
      ${p} \
</#list>
 && ${packageManager} clean all

# unit links that make no sense in a container
RUN cd ${unitDir}/sysinit.target.wants \
 && for f in *; do [ "$f" = systemd-tmpfiles-setup.service ] || rm -f "$f"; done \
 && rm -f ${unitDir}/multi-user.target.wants/* \
 && rm -f /etc/systemd/system/*.wants/* \
 && rm -f ${unitDir}/local-fs.target.wants/* \
 && rm -f ${unitDir}/sockets.target.wants/*udev* \
 && rm -f ${unitDir}/sockets.target.wants/*initctl* \
 && rm -f ${unitDir}/basic.target.wants/* \
 && rm -f ${unitDir}/anaconda.target.wants/* \
 && rm -f ${unitDir}/getty.target.wants/*
<#if files?has_content>

# files
<#list files as f>
COPY ${f.copy}
</#list>
RUN <#list files as f>chmod ${f.mode} ${f.target}<#sep> && </#sep></#list>
</#if>
<#if run?has_content>

# the image's own steps
<#list run as step>
RUN ${step}
</#list>
</#if>

# units that cannot work in a container
RUN systemctl mask<#list mask as u> ${u}</#list>
<#if enable?has_content>

# the image's services
RUN systemctl enable<#list enable as u> ${u}</#list>
</#if>
<#if userSessions>

# allow logins
RUN mkdir -p /etc/systemd/system/multi-user.target.wants \
 && ln -sf ${unitDir}/systemd-user-sessions.service /etc/systemd/system/multi-user.target.wants/systemd-user-sessions.service
</#if>

STOPSIGNAL ${stopSignal}
CMD ${init}
