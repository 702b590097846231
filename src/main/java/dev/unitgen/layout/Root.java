package dev.unitgen.layout;

import java.nio.file.Path;

/**
 * The host's file system as unitgen sees it: {@code --root DIR} prefixes every host path
 * (like systemctl --root); files written under it keep their host paths inside units.
 */
public final class Root {
    public static final String DEFINITIONS_DIR = "/etc/unitgen";
    public static final String ENV_DIR = "/etc/unitgen/env";
    public static final String UNIT_DIR = "/etc/systemd/system";
    public static final String CGROUP_DIR = "/sys/fs/cgroup";

    private final Path root;

    public Root(Path root) {
        this.root = root == null ? Path.of("/") : root.toAbsolutePath().normalize();
    }

    public static Root host() {
        return new Root(Path.of("/"));
    }

    public Path dir() {
        return root;
    }

    public boolean isHost() {
        return root.equals(Path.of("/"));
    }

    /** Where the host path {@code hostPath} (absolute) is under the root. */
    public Path resolve(String hostPath) {
        if (!hostPath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute host path: " + hostPath);
        }
        return root.resolve(hostPath.substring(1));
    }

    /** The host's name for a file under the root: the root prefix removed. Paths outside stay as they are. */
    public String hostPath(Path real) {
        Path abs = real.toAbsolutePath().normalize();
        if (!isHost() && abs.startsWith(root)) {
            return "/" + root.relativize(abs).toString();
        }
        return abs.toString();
    }

    /** The env file of container {@code name}, as the host sees it. */
    public static String envFile(String name) {
        return ENV_DIR + "/" + name + ".env";
    }

    public static String unitFile(String unitName) {
        return UNIT_DIR + "/" + unitName;
    }
}
