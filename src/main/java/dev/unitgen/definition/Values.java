package dev.unitgen.definition;

/**
 * The plain enumerations of keys: words with no reader or formatting of their own (read by
 * {@link Types#enumeration}). Every structured value has a class of its own ({@link Port},
 * {@link Volume}, {@link HealthCheck}, ...).
 */
public final class Values {
    private Values() {
    }

    /** systemd: whether the container runs systemd as PID 1. */
    public enum SystemdMode { AUTO, ALWAYS, NEVER }

    /** pull_policy: when docker run pulls the image. */
    public enum PullPolicy { MISSING, ALWAYS, NEVER }

    /** What the unit does when docker reports its container unhealthy after it started. */
    public enum HealthOnFailure { NONE, RESTART, STOP }
}
