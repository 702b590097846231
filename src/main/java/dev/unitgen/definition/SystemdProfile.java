package dev.unitgen.definition;

import java.util.List;

/**
 * How a container that runs systemd as PID 1 gets a usable cgroup tree: the profiles and
 * their docker run flags, and the flags every systemd container gets.
 */
public enum SystemdProfile {
    AUTO("auto", "pick from the host: ro-cgroup on a cgroup v1/hybrid host, private-cgroupns on cgroup v2",
            List.of()),
    RO_CGROUP("ro-cgroup", "host cgroup namespace, /sys/fs/cgroup bound read-only (cgroup v1 or hybrid hosts)",
            List.of("--cgroupns=host", "-v", "/sys/fs/cgroup:/sys/fs/cgroup:ro")),
    PRIVATE_CGROUPNS("private-cgroupns", "private cgroup namespace, CAP_SYS_ADMIN, seccomp unconfined, and an entrypoint "
            + "wrapper that remounts only the container's own cgroup read-write (cgroup v1 and v2)",
            List.of("--cgroupns=private", "--cap-add", "SYS_ADMIN", "--security-opt", "seccomp=unconfined")),
    PRIVILEGED("privileged", "--privileged with a private cgroup namespace (needs a full capability bounding set)",
            List.of("--privileged", "--cgroupns=private")),
    HOOK("hook", "an OCI runtime with hooks (e.g. oci-add-hooks + oci-systemd-hook) prepares the mounts: needs runtime",
            List.of()),
    HOST_RW("host-rw", "the seed's --privileged --cgroupns=host -v /sys/fs/cgroup:/sys/fs/cgroup:rw: exposes and "
            + "can damage the host's cgroup tree; only when named",
            List.of("--privileged", "--cgroupns=host", "-v", "/sys/fs/cgroup:/sys/fs/cgroup:rw"));

    /** The signal that shuts systemd down in order. */
    public static final String STOP_SIGNAL = "SIGRTMIN+3";

    /** Flags every systemd container gets (CONTAINER_INTERFACE; -t so boot messages reach the journal). */
    public static final List<String> CONTAINER_FLAGS = List.of("-t", "-e", "container=docker", "-e", "SYSTEMD_COLORS=0",
            "--tmpfs", "/run", "--tmpfs", "/run/lock", "--stop-signal", STOP_SIGNAL);

    /**
     * The entrypoint of private-cgroupns: makes only the container's own cgroup mount
     * writable (Docker mounts it read-only on cgroup v2 unless privileged), then runs the
     * real command. Measured in design/docker-under-systemd.md.
     */
    static final List<String> REMOUNT_WRAPPER = List.of("-c", "mount -o remount,bind,rw /sys/fs/cgroup && exec \"$@\"", "sh");

    private final String yaml;
    private final String doc;
    private final List<String> flags;

    SystemdProfile(String yaml, String doc, List<String> flags) {
        this.yaml = yaml;
        this.doc = doc;
        this.flags = flags;
    }

    public String yaml() {
        return yaml;
    }

    public String doc() {
        return doc;
    }

    /**
     * Writes the profile's docker run flags among unitgen's own options; private-cgroupns also
     * wraps the command ({@code init}: what runs when the container names no command).
     */
    void emit(DockerArgs args, String init) {
        args.own(flags);
        if (this == PRIVATE_CGROUPNS) {
            args.wrap("/bin/sh", REMOUNT_WRAPPER, init);
        }
    }
}
