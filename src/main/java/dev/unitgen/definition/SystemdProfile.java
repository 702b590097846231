package dev.unitgen.definition;

/** How a container that runs systemd as PID 1 gets a usable cgroup tree. */
public enum SystemdProfile {
    AUTO("auto", "pick from the host: ro-cgroup on a cgroup v1/hybrid host, private-cgroupns on cgroup v2"),
    RO_CGROUP("ro-cgroup", "host cgroup namespace, /sys/fs/cgroup bound read-only (cgroup v1 or hybrid hosts)"),
    PRIVATE_CGROUPNS("private-cgroupns", "private cgroup namespace, CAP_SYS_ADMIN, seccomp unconfined, and an entrypoint "
            + "wrapper that remounts only the container's own cgroup read-write (cgroup v1 and v2)"),
    PRIVILEGED("privileged", "--privileged with a private cgroup namespace (needs a full capability bounding set)"),
    HOOK("hook", "an OCI runtime with hooks (e.g. oci-add-hooks + oci-systemd-hook) prepares the mounts: needs runtime"),
    HOST_RW("host-rw", "the seed's --privileged --cgroupns=host -v /sys/fs/cgroup:/sys/fs/cgroup:rw: exposes and "
            + "can damage the host's cgroup tree; only when named");

    private final String yaml;
    private final String doc;

    SystemdProfile(String yaml, String doc) {
        this.yaml = yaml;
        this.doc = doc;
    }

    public String yaml() {
        return yaml;
    }

    public String doc() {
        return doc;
    }
}
