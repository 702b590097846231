package dev.unitgen.host;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The host's service manager, as apply needs it: systemd over D-Bus ({@code
 * dev.unitgen.host.systemd.DbusServiceManager}) or, with --offline, the files only.
 */
public interface ServiceManager extends AutoCloseable {
    /** Where the manager was reached, for messages. */
    String address();

    /** False for --offline: no reload, no jobs, no state. */
    boolean live();

    void reload();

    /** The manager's version (e.g. "252.38-1~deb12u1") and SystemState (running, degraded, ...). */
    ManagerInfo info();

    record ManagerInfo(String version, String systemState) {
    }

    /**
     * Queues a start, restart or stop job (mode "replace") for each unit, then waits until
     * each has finished (JobRemoved) or the timeout passed. Returns unit -> job result (done,
     * failed, timeout, dependency, canceled, skipped; "refused: ..." when the manager did not
     * queue it; "timeout waiting" when no JobRemoved came).
     */
    Map<String, String> runJobs(Map<String, JobType> jobs, Duration timeout);

    /** Enables (WantedBy= symlinks) units whose files are in the unit directory. */
    void enable(List<String> units);

    void disable(List<String> units);

    void resetFailed(String unit);

    UnitState state(String unit);

    /**
     * The states of many units. The default asks one by one; a manager may answer in one call,
     * with the full state (Result, ExecMainStatus, ...) only for units that are not active.
     */
    default java.util.Map<String, UnitState> states(List<String> units) {
        java.util.Map<String, UnitState> out = new java.util.LinkedHashMap<>();
        units.forEach(u -> out.put(u, state(u)));
        return out;
    }

    /** The command lines of a unit's Exec setting as the manager parsed them (argv each). */
    List<List<String>> execArgv(String unit, String setting);

    @Override
    void close();

    enum JobType { START, RESTART, STOP }
}
