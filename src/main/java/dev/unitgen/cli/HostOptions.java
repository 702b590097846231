package dev.unitgen.cli;

import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.HostUnits;
import dev.unitgen.host.OfflineServiceManager;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.host.docker.DockerJavaEngine;
import dev.unitgen.host.systemd.DbusServiceManager;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How commands reach the host: picocli mixins, each command takes the ones it uses. */
public final class HostOptions {
    private HostOptions() {
    }

    /** --bus-address: the systemd manager. */
    public static final class Bus {
        @Option(names = "--bus-address", paramLabel = "ADDRESS",
                description = "D-Bus address of the systemd manager (default: $DBUS_SYSTEM_BUS_ADDRESS, else unix:path=/run/dbus/system_bus_socket).")
        String busAddress;

        public String address() {
            if (busAddress != null) {
                return busAddress;
            }
            String env = System.getenv("DBUS_SYSTEM_BUS_ADDRESS");
            return env != null && !env.isBlank() ? env : DbusServiceManager.DEFAULT_ADDRESS;
        }

        /**
         * Fails (exit 2) when --bus-address is not a D-Bus address: {@code transport:key=value,...},
         * several separated by {@code ;}. Checked before anything connects.
         */
        public void check() {
            if (busAddress != null && !BUS_ADDRESS.matcher(busAddress).matches()) {
                throw new UserException(ExitCode.INVALID, "invalid --bus-address " + busAddress,
                        "Write a D-Bus address such as " + DbusServiceManager.DEFAULT_ADDRESS + ".");
            }
        }

        /** The manager over D-Bus, or the files only when {@code offline}. */
        public ServiceManager manager(HostUnits units, boolean offline) {
            return offline ? new OfflineServiceManager(units) : DbusServiceManager.connect(address());
        }
    }

    /** --docker-host: the Docker engine. */
    public static final class Docker {
        @Option(names = "--docker-host", paramLabel = "URL",
                description = "Docker engine (default: $DOCKER_HOST, else unix:///var/run/docker.sock).")
        String dockerHost;

        public String host() {
            if (dockerHost != null) {
                return dockerHost;
            }
            String env = System.getenv("DOCKER_HOST");
            return env != null && !env.isBlank() ? env : DockerJavaEngine.DEFAULT_HOST;
        }

        /** Fails (exit 2) when --docker-host is not a unix://, tcp:// or npipe:// URL. Checked before connecting. */
        public void check() {
            if (dockerHost != null && !DOCKER_HOST.matcher(dockerHost).matches()) {
                throw new UserException(ExitCode.INVALID, "invalid --docker-host " + dockerHost,
                        "Write an engine URL such as " + DockerJavaEngine.DEFAULT_HOST + " or tcp://HOST:2375.");
            }
        }

        /** The engine; null when {@code offline}. */
        public ContainerEngine engine(boolean offline) {
            return offline ? null : DockerJavaEngine.connect(host());
        }
    }

    /** --offline: files only. */
    public static final class Offline {
        @Option(names = "--offline",
                description = "Do not talk to systemd or Docker: only files and WantedBy= links under --root (default /); "
                        + "nothing is started or stopped. apply and destroy need --root with it.")
        boolean offline;

        public boolean on() {
            return offline;
        }

        /**
         * An offline apply or destroy writes files under a root given, never behind the back of
         * the running host's manager (plan and status only read: their root defaults to /).
         */
        public void checkWrites(CommonOptions.RootDir root) {
            if (offline && !root.given()) {
                throw new UserException(ExitCode.INVALID, "--offline needs --root",
                        "Offline, unitgen only writes files: give the root directory to write them under.");
            }
        }
    }

    private static final String BUS_PAIR = "[A-Za-z0-9_-]+=[^,;=]*";
    private static final String BUS_ONE = "[a-z][a-z0-9-]*:(" + BUS_PAIR + "(," + BUS_PAIR + ")*)?";
    static final java.util.regex.Pattern BUS_ADDRESS = java.util.regex.Pattern.compile(BUS_ONE + "(;" + BUS_ONE + ")*;?");
    static final java.util.regex.Pattern DOCKER_HOST = java.util.regex.Pattern.compile("(unix|npipe)://\\S+|tcp://[^/\\s]+/?");

    /** --timeout and --lock-timeout of commands that change the host. */
    public static final class Timeouts {
        @Option(names = "--timeout", paramLabel = "DURATION",
                description = "How long to wait for start, restart and stop jobs (default: the units' own bound, the longest "
                        + "TimeoutStartSec + TimeoutStopSec of the jobs plus 30s; 5m for stops).")
        String timeout;

        @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "5m",
                description = "How long to wait for another apply or destroy to finish (default: ${DEFAULT-VALUE}).")
        String lockTimeout;

        /** --timeout, or null when not given (apply then waits as long as the units' own timeouts). */
        public Duration jobs() {
            return timeout == null ? null : duration("--timeout", timeout);
        }

        /** --timeout, or 5 minutes: for stop jobs. */
        public Duration stops() {
            return timeout == null ? Duration.ofMinutes(5) : duration("--timeout", timeout);
        }

        public Duration lock() {
            return duration("--lock-timeout", lockTimeout);
        }

        /** Fails (exit 2) on a value that is not a duration, before anything connects. */
        public void check() {
            jobs();
            lock();
        }
    }

    static Duration duration(String option, String text) {
        Duration d = dev.unitgen.definition.Types.parseDurationText(text);
        if (d == null) {
            throw new UserException(ExitCode.INVALID, "invalid " + option + " " + text, "Write a duration such as 90s or 5m.");
        }
        return d;
    }
}
