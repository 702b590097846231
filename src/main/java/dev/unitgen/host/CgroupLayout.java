package dev.unitgen.host;

import java.nio.file.Files;
import java.util.Optional;

/** The host's cgroup layout, which decides how systemd can run inside a container. */
public enum CgroupLayout {
    /** cgroup v1 or hybrid (v1 controllers, a v2 tree at /sys/fs/cgroup/unified). */
    V1,
    /** the unified cgroup v2 hierarchy at /sys/fs/cgroup. */
    V2;

    /**
     * Reads the layout under {@code root}: a cgroup2 mount at /sys/fs/cgroup has
     * cgroup.controllers at its top (v1 and hybrid layouts have a tmpfs there). Empty when
     * /sys/fs/cgroup does not exist under the root.
     */
    public static Optional<CgroupLayout> detect(Root root) {
        var dir = root.resolve(Root.CGROUP_DIR);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        return Optional.of(Files.exists(dir.resolve("cgroup.controllers")) ? V2 : V1);
    }

    public static CgroupLayout parse(String s) {
        return switch (s) {
            case "v1", "1", "hybrid" -> V1;
            case "v2", "2", "unified" -> V2;
            default -> throw new IllegalArgumentException("expected v1 or v2, got " + s);
        };
    }
}
