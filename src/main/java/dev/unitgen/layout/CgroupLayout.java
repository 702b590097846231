package dev.unitgen.layout;

/**
 * The host's cgroup layout, which decides how systemd can run inside a container (read from
 * the host by {@code host.CgroupProbe}, or given with {@code --host-cgroup}).
 */
public enum CgroupLayout {
    /** cgroup v1 or hybrid (v1 controllers, a v2 tree at /sys/fs/cgroup/unified). */
    V1,
    /** the unified cgroup v2 hierarchy at /sys/fs/cgroup. */
    V2;

    public static CgroupLayout parse(String s) {
        return switch (s) {
            case "v1", "1", "hybrid" -> V1;
            case "v2", "2", "unified" -> V2;
            default -> throw new IllegalArgumentException("expected v1 or v2, got " + s);
        };
    }
}
