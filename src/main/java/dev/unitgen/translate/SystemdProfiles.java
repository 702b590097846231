package dev.unitgen.translate;

import dev.unitgen.definition.ContainerDefinition;
import dev.unitgen.definition.ContainerKeys;
import dev.unitgen.definition.Default;
import dev.unitgen.definition.SystemdProfile;
import dev.unitgen.diag.Diagnostics;
import dev.unitgen.layout.CgroupLayout;
import dev.unitgen.image.ImageBuild;
import dev.unitgen.util.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether a container runs systemd as PID 1, and which systemd profile it gets on the host
 * the units are for. The profiles' docker run flags are {@link SystemdProfile}'s.
 */
public final class SystemdProfiles {
    private SystemdProfiles() {
    }

    static final Set<String> INIT_PATHS = Set.of("/sbin/init", "/usr/sbin/init", "/lib/systemd/systemd", "/usr/lib/systemd/systemd");
    static final String DEFAULT_INIT = "/lib/systemd/systemd";

    static boolean commandIsInit(ContainerDefinition spec) {
        List<String> words = new ArrayList<>(spec.list(ContainerKeys.ENTRYPOINT));
        words.addAll(spec.list(ContainerKeys.COMMAND));
        return isInit(words);
    }

    /** Whether a command line (entrypoint and command) starts systemd as PID 1. */
    public static boolean isInit(List<String> words) {
        if (words == null || words.isEmpty()) {
            return false;
        }
        String first = words.get(0);
        return INIT_PATHS.contains(first) || first.endsWith("/systemd");
    }

    /**
     * @param systemdImage the image is declared under images: (its command is an init), so
     *                     auto means yes unless the definition sets a command of its own
     */
    public static boolean isSystemd(ContainerDefinition spec, boolean systemdImage) {
        return switch (spec.effective(ContainerKeys.SYSTEMD, new Default.Given(spec.name(), false, systemdImage))) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> commandIsInit(spec) || (systemdImage && !spec.has(ContainerKeys.ENTRYPOINT) && !spec.has(ContainerKeys.COMMAND));
        };
    }

    /** The profile of a systemd container: the one it names, else the one for the host's cgroup layout. */
    static SystemdProfile resolve(ContainerDefinition spec, CgroupLayout layout, Diagnostics diagnostics) {
        SystemdProfile p = spec.effective(ContainerKeys.SYSTEMD_PROFILE, new Default.Given(spec.name(), true, false));
        if (p != SystemdProfile.AUTO) {
            return p;
        }
        if (layout == null) {
            diagnostics.warning(spec.locationOf(ContainerKeys.SYSTEMD_PROFILE), "cannot tell the cgroup layout of the host for container "
                    + Text.q(spec.name()) + "; using systemd_profile private-cgroupns, which works on cgroup v1 and v2",
                    "Pass --host-cgroup v1 or v2 when rendering for another host.");
            return SystemdProfile.PRIVATE_CGROUPNS;
        }
        return layout == CgroupLayout.V2 ? SystemdProfile.PRIVATE_CGROUPNS : SystemdProfile.RO_CGROUP;
    }

    /** What a systemd container runs when it names no command: its image's init. */
    static String init(ImageBuild build) {
        return build != null ? build.spec().family().init() : DEFAULT_INIT;
    }
}
