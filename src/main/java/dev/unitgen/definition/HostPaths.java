package dev.unitgen.definition;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.layout.Root;
import dev.unitgen.util.Text;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The host files a container needs before it can start, checked under the root: its
 * env_file files (docker run fails at every start without one) and the sources of its bind
 * mounts (docker -v would create a missing one as an empty directory owned by root, which
 * hides a wrong path and breaks a mount of a file). A bind whose definition says the source
 * may be missing ({@code bind: {create_host_path: true}}) is not checked.
 */
final class HostPaths {
    private HostPaths() {
    }

    static void check(List<ContainerDefinition> containers, Root root, Diagnostics d) {
        for (ContainerDefinition c : containers) {
            for (String f : c.envFiles()) {
                Path p = root.resolve(f);
                if (!Files.exists(p)) {
                    d.error(c.locationOf(ContainerKeys.ENV_FILE), "env_file " + Text.q(f) + " of container "
                                    + Text.q(c.name()) + " does not exist" + under(root, p),
                            "docker run fails at every start without it: create the file (KEY=VALUE lines), or remove it "
                                    + "from env_file. A relative path is read from the definition file's directory.");
                } else if (!Files.isRegularFile(p)) {
                    d.error(c.locationOf(ContainerKeys.ENV_FILE), "env_file " + Text.q(f) + " of container "
                            + Text.q(c.name()) + " is not a regular file" + under(root, p), null);
                }
            }
            for (Volume v : c.list(ContainerKeys.VOLUMES)) {
                if (v.type() != Volume.MountType.BIND || v.createHostPath()) {
                    continue;
                }
                Path p = root.resolve(v.source());
                if (!Files.exists(p)) {
                    d.warning(v.location(), "the source " + Text.q(v.source()) + " of a bind mount of container "
                                    + Text.q(c.name()) + " does not exist" + under(root, p),
                            "docker would create an empty directory owned by root there. Create it (the directory, or "
                                    + "the file the container expects), or, when an empty directory is what the container "
                                    + "needs, write the long form with bind: {create_host_path: true}.");
                }
            }
        }
    }

    private static String under(Root root, Path p) {
        return root.isHost() ? "" : " (looked for " + p + ")";
    }
}
