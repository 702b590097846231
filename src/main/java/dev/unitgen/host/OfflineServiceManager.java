package dev.unitgen.host;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * --offline: no manager to talk to. Enabling makes the WantedBy= links under the root itself
 * (as systemctl --root does); reload and jobs are skipped (the caller reports it).
 */
public final class OfflineServiceManager implements ServiceManager {
    private final HostUnits units;

    public OfflineServiceManager(HostUnits units) {
        this.units = units;
    }

    @Override
    public String address() {
        return "offline (" + units.root().dir() + ")";
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public void reload() {
        // nothing is running to reload
    }

    @Override
    public ManagerInfo info() {
        return new ManagerInfo("offline", "offline");
    }

    @Override
    public Map<String, String> runJobs(Map<String, JobType> jobs, Duration timeout) {
        throw new UnsupportedOperationException("offline: no jobs");
    }

    @Override
    public void enable(List<String> names) {
        for (String n : names) {
            units.unitText(n).ifPresent(t -> units.link(n, t));
        }
    }

    @Override
    public void disable(List<String> names) {
        names.forEach(units::unlink);
    }

    @Override
    public void resetFailed(String unit) {
        // nothing is running
    }

    @Override
    public UnitState state(String unit) {
        return UnitState.unknown();
    }

    @Override
    public List<List<String>> execArgv(String unit, String setting) {
        return List.of();
    }

    @Override
    public void close() {
        // nothing to close
    }
}
