package dev.unitgen.definition;

import dev.unitgen.diag.Location;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The typed values of the validated spec model. */
public final class Values {
    private Values() {
    }

    /** A byte size; {@link #text} is the canonical form given to docker (e.g. 512m). */
    public record Size(long bytes) {
        public String text() {
            long[] units = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
            String[] suffix = {"t", "g", "m", "k"};
            for (int i = 0; i < units.length; i++) {
                if (bytes >= units[i] && bytes % units[i] == 0) {
                    return (bytes / units[i]) + suffix[i];
                }
            }
            return Long.toString(bytes);
        }
    }

    /** A signal by canonical name (SIGTERM, SIGRTMIN+3) and number. */
    public record Signal(String name, int number) {
    }

    /** A published port: {@code [host_ip:][published:]target[/protocol]}. */
    public record Port(String hostIp, String published, String target, String protocol) {
        /** The argument of docker's --publish. */
        public String publishArg() {
            StringBuilder sb = new StringBuilder();
            if (hostIp != null) {
                sb.append(hostIp.contains(":") ? "[" + hostIp + "]" : hostIp).append(':');
            }
            if (published != null) {
                sb.append(published).append(':');
            } else if (hostIp != null) {
                sb.append(':');
            }
            sb.append(target);
            if (protocol != null && !protocol.equals("tcp")) {
                sb.append('/').append(protocol);
            }
            return sb.toString();
        }
    }

    public enum MountType { BIND, VOLUME, TMPFS }

    /**
     * A mount. For binds {@code source} is an absolute host path, for volumes a volume name
     * (null: anonymous), for tmpfs null. {@code options} are docker's -v mode options
     * (ro, z, Z, rprivate, ...) or tmpfs options. {@code createHostPath}: a bind whose
     * definition says its source may be missing (compose's long-form
     * {@code bind: {create_host_path: true}}); docker then creates an empty directory there.
     */
    public record Volume(MountType type, String source, String target, boolean readOnly, List<String> options,
                         Long tmpfsSize, Location location, boolean createHostPath) {
        public Volume(MountType type, String source, String target, boolean readOnly, List<String> options,
                      Long tmpfsSize, Location location) {
            this(type, source, target, readOnly, options, tmpfsSize, location, false);
        }
    }

    /**
     * A healthcheck: {@code shell} (CMD-SHELL form) or {@code exec} (CMD form) is the test;
     * {@code disabled} for test NONE or disable: true.
     */
    public record HealthCheck(boolean disabled, String shell, List<String> exec, Duration interval, Duration timeout,
                              Long retries, Duration startPeriod, Duration startInterval) {
        /** Not disabled: a test of its own, or timing for the image's HEALTHCHECK. */
        public boolean active() {
            return !disabled;
        }
    }

    public record Logging(String driver, Map<String, String> options) {
    }

    public record Ulimit(long soft, long hard) {
        public String arg(String name) {
            return soft == hard ? name + "=" + soft : name + "=" + soft + ":" + hard;
        }
    }

    public enum Condition { SERVICE_STARTED, SERVICE_HEALTHY }

    /** depends_on: another declared container. {@code restart} maps to Requires=. */
    public record Dependency(String name, Condition condition, boolean restart, boolean required, Location location) {
    }

    /** A user-defined network this container joins. */
    public record Network(String name, List<String> aliases, String ipv4, String ipv6, Location location) {
    }

    /** One {@code unit:} override: a systemd setting in a section. */
    public record UnitSetting(String section, String key, String value, Location location) {
    }

    public enum RestartPolicy {
        NO("no"), ON_FAILURE("on-failure"), ALWAYS("always"), UNLESS_STOPPED("always");

        private final String systemd;

        RestartPolicy(String systemd) {
            this.systemd = systemd;
        }

        /** The value of systemd's Restart=. */
        public String systemd() {
            return systemd;
        }
    }

    /** restart: the policy and, for on-failure:N, the number of attempts. */
    public record Restart(RestartPolicy policy, Integer maxAttempts) {
    }

    public enum SystemdMode { AUTO, ALWAYS, NEVER }

    public enum PullPolicy { MISSING, ALWAYS, NEVER }

    /** What the unit does when docker reports its container unhealthy after it started. */
    public enum HealthOnFailure { NONE, RESTART, STOP }
}
