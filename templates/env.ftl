<#ftl output_format="docker-env" strip_whitespace=true>
<#--
  Layout of a container's env file (/etc/unitgen/env/NAME.env, mode 0600), read by the
  docker client with --env-file: one KEY=value line per variable, the value verbatim.
  Data model: unitName, source, header (comment lines), lines.
-->
<#list header as line>
${line}
</#list>
<#list lines as line>
${line}
</#list>
