package dev.unitgen.cli;

import dev.unitgen.ExitCode;
import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.HostUnits;
import dev.unitgen.host.OfflineServiceManager;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.host.docker.DockerJavaEngine;
import dev.unitgen.host.systemd.DbusServiceManager;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How to reach the host's systemd manager and Docker engine (a picocli mixin). */
public final class HostOptions {
    @Option(names = "--bus-address", paramLabel = "ADDRESS",
            description = "D-Bus address of the systemd manager (default: $DBUS_SYSTEM_BUS_ADDRESS, else unix:path=/run/dbus/system_bus_socket).")
    String busAddress;

    @Option(names = "--docker-host", paramLabel = "URL",
            description = "Docker engine (default: $DOCKER_HOST, else unix:///var/run/docker.sock).")
    String dockerHost;

    @Option(names = "--offline",
            description = "Do not talk to systemd or Docker: write files and WantedBy= links under --root only; start nothing.")
    boolean offline;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "How long to wait for start, restart and stop jobs (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "How long to wait for another apply or destroy to finish (default: ${DEFAULT-VALUE}).")
    String lockTimeout;

    public String busAddress() {
        if (busAddress != null) {
            return busAddress;
        }
        String env = System.getenv("DBUS_SYSTEM_BUS_ADDRESS");
        return env != null && !env.isBlank() ? env : DbusServiceManager.DEFAULT_ADDRESS;
    }

    public String dockerHost() {
        if (dockerHost != null) {
            return dockerHost;
        }
        String env = System.getenv("DOCKER_HOST");
        return env != null && !env.isBlank() ? env : DockerJavaEngine.DEFAULT_HOST;
    }

    /** The manager: over D-Bus, or the files only with --offline. */
    public ServiceManager manager(HostUnits units) {
        return offline ? new OfflineServiceManager(units) : DbusServiceManager.connect(busAddress());
    }

    /** The engine; null with --offline. */
    public ContainerEngine engine() {
        return offline ? null : DockerJavaEngine.connect(dockerHost());
    }

    public Duration timeout() {
        return duration("--timeout", timeout);
    }

    public Duration lockTimeout() {
        return duration("--lock-timeout", lockTimeout);
    }

    static Duration duration(String option, String text) {
        Duration d = dev.unitgen.spec.Types.parseDurationText(text);
        if (d == null) {
            throw new UserException(ExitCode.INVALID, "invalid " + option + " " + text, "Write a duration such as 90s or 5m.");
        }
        return d;
    }

    /** Checks option combinations. */
    public void check(GenerateOptions gen) {
        if (offline && gen.root == null) {
            throw new UserException(ExitCode.INVALID, "--offline needs --root",
                    "Offline, unitgen only writes files: give the root directory to write them under.");
        }
    }
}
