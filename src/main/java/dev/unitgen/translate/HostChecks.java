package dev.unitgen.translate;

import dev.unitgen.definition.ContainerDefinition;
import dev.unitgen.definition.ContainerKeys;
import dev.unitgen.definition.Signal;
import dev.unitgen.definition.SystemdProfile;
import dev.unitgen.definition.Volume;
import dev.unitgen.diag.Diagnostics;
import dev.unitgen.layout.CgroupLayout;
import dev.unitgen.util.Text;

/**
 * Checks that depend on the host the units are for and on the systemd decision: the cgroup
 * mounts, what a systemd container cannot have, what each systemd profile needs.
 */
final class HostChecks {
    private final CgroupLayout hostCgroup;
    private final Diagnostics diagnostics;

    HostChecks(CgroupLayout hostCgroup, Diagnostics diagnostics) {
        this.hostCgroup = hostCgroup;
        this.diagnostics = diagnostics;
    }

    /** Reports what is wrong with {@code spec} on this host ({@code profile}: null unless {@code systemd}). */
    void check(ContainerDefinition spec, boolean systemd, SystemdProfile profile) {
        String name = Text.q(spec.name());
        boolean sysAdmin = spec.list(ContainerKeys.CAP_ADD).stream().anyMatch(c -> c.equals("SYS_ADMIN") || c.equals("ALL"))
                || spec.list(ContainerKeys.DOCKER_ARGS).stream().anyMatch(a -> a.contains("SYS_ADMIN") || a.equals("--cap-add=ALL"));
        boolean privileged = Boolean.TRUE.equals(spec.get(ContainerKeys.PRIVILEGED))
                || spec.list(ContainerKeys.DOCKER_ARGS).contains("--privileged");
        for (Volume v : spec.list(ContainerKeys.VOLUMES)) {
            if (v.target().equals("/sys/fs/cgroup") || (v.source() != null && v.source().startsWith("/sys/fs/cgroup"))) {
                if (systemd && profile != SystemdProfile.HOST_RW) {
                    diagnostics.error(v.location(), "container " + name + " mounts /sys/fs/cgroup itself",
                            "systemd_profile decides the cgroup mounts of a systemd container; remove this volume.");
                } else if (!v.readOnly() && (privileged || sysAdmin)) {
                    diagnostics.error(v.location(), "container " + name + " binds the host's /sys/fs/cgroup read-write with CAP_SYS_ADMIN",
                            "That lets the container remount and change the host's cgroup tree. Bind it :ro, or use systemd_profile: host-rw "
                                    + "with systemd: always if you really mean it.");
                }
            }
        }
        if (!systemd) {
            if (spec.has(ContainerKeys.SYSTEMD_PROFILE)) {
                diagnostics.warning(spec.locationOf(ContainerKeys.SYSTEMD_PROFILE), "systemd_profile has no effect: container "
                        + name + " does not run systemd", "Set systemd: always, or a command such as /sbin/init.");
            }
            return;
        }
        if (Boolean.FALSE.equals(spec.get(ContainerKeys.TTY))) {
            diagnostics.warning(spec.locationOf(ContainerKeys.TTY), "tty: false is ignored for systemd container " + name,
                    "systemd containers get a tty so that boot messages reach the journal.");
        }
        if (Boolean.TRUE.equals(spec.get(ContainerKeys.INIT))) {
            diagnostics.error(spec.locationOf(ContainerKeys.INIT), "init: true conflicts with systemd in container " + name,
                    "systemd must be PID 1; remove init.");
        }
        if (spec.has(ContainerKeys.USER)) {
            diagnostics.error(spec.locationOf(ContainerKeys.USER), "user conflicts with systemd in container " + name,
                    "systemd as PID 1 runs as root in the container; set User= in the inner services instead.");
        }
        Signal sig = spec.get(ContainerKeys.STOP_SIGNAL);
        if (sig != null && !sig.name().equals(SystemdProfile.STOP_SIGNAL)) {
            diagnostics.warning(spec.locationOf(ContainerKeys.STOP_SIGNAL), "stop_signal " + sig.name() + " is replaced by "
                    + SystemdProfile.STOP_SIGNAL + " for systemd container " + name, "systemd shuts down in order on SIGRTMIN+3; remove stop_signal.");
        }
        switch (profile) {
            case RO_CGROUP -> {
                if (privileged || sysAdmin) {
                    diagnostics.error(spec.has(ContainerKeys.PRIVILEGED) ? spec.locationOf(ContainerKeys.PRIVILEGED)
                                    : spec.has(ContainerKeys.CAP_ADD) ? spec.locationOf(ContainerKeys.CAP_ADD) : spec.locationOf(ContainerKeys.SYSTEMD_PROFILE),
                            "container " + name + " would get CAP_SYS_ADMIN with the host's /sys/fs/cgroup mounted (systemd_profile ro-cgroup)",
                            "With CAP_SYS_ADMIN the container's systemd remounts the host's cgroup tree. Use systemd_profile: private-cgroupns.");
                }
                if (hostCgroup == CgroupLayout.V2 && spec.has(ContainerKeys.SYSTEMD_PROFILE)) {
                    diagnostics.warning(spec.locationOf(ContainerKeys.SYSTEMD_PROFILE), "systemd_profile ro-cgroup does not boot systemd on a cgroup v2 host",
                            "Docker mounts the cgroup read-only there; use private-cgroupns (or auto).");
                }
            }
            case PRIVATE_CGROUPNS -> {
                if (privileged) {
                    diagnostics.error(spec.locationOf(ContainerKeys.PRIVILEGED), "privileged conflicts with systemd_profile private-cgroupns in container " + name,
                            "Use systemd_profile: privileged.");
                }
            }
            case PRIVILEGED -> {
                if (spec.has(ContainerKeys.PRIVILEGED) && !spec.get(ContainerKeys.PRIVILEGED)) {
                    diagnostics.error(spec.locationOf(ContainerKeys.PRIVILEGED), "privileged: false conflicts with systemd_profile privileged in container " + name, null);
                }
            }
            case HOOK -> {
                if (!spec.has(ContainerKeys.RUNTIME)) {
                    diagnostics.error(spec.locationOf(ContainerKeys.SYSTEMD_PROFILE), "systemd_profile hook needs runtime in container " + name,
                            "Name the OCI runtime that runs the hooks, e.g. runtime: oci-add-hooks.");
                }
            }
            case HOST_RW -> diagnostics.warning(spec.locationOf(ContainerKeys.SYSTEMD_PROFILE),
                    "systemd_profile host-rw gives container " + name + " the host's whole cgroup tree read-write",
                    "The container can change (and has been seen to remount read-only) the host's /sys/fs/cgroup. "
                            + "Prefer private-cgroupns.");
            default -> {
            }
        }
    }
}
