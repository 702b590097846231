package dev.unitgen;

import dev.unitgen.host.HostUnits;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.host.UnitState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A service manager for fast tests of plan/apply logic: records calls, keeps unit states. */
public class FakeServiceManager implements ServiceManager {
    public final List<String> calls = new ArrayList<>();
    public final Map<String, UnitState> states = new HashMap<>();
    /** unit -> job result to report (default "done") */
    public final Map<String, String> jobResults = new HashMap<>();
    public RuntimeException failJobsWith;
    /** A started unit whose file contains this text fails (exit-code) instead of running. */
    public String failWhenUnitContains;
    private final HostUnits host;

    /** {@code host}: where enable/disable make and remove links, as systemd does (may be null). */
    public FakeServiceManager(HostUnits host) {
        this.host = host;
    }

    public FakeServiceManager() {
        this(null);
    }

    @Override
    public ManagerInfo info() {
        return new ManagerInfo("252", "running");
    }

    @Override
    public String address() {
        return "fake";
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public void reload() {
        calls.add("reload");
    }

    @Override
    public Map<String, String> runJobs(Map<String, JobType> jobs, Duration timeout) {
        jobs.forEach((u, t) -> calls.add(t.name().toLowerCase() + " " + u));
        if (failJobsWith != null) {
            throw failJobsWith;
        }
        Map<String, String> out = new LinkedHashMap<>();
        jobs.forEach((u, t) -> {
            out.put(u, jobResults.getOrDefault(u, "done"));
            if (t == JobType.STOP) {
                states.put(u, new UnitState("loaded", "inactive", "dead", "success", 0, 0, 0));
            } else if (failWhenUnitContains != null && host != null
                    && host.unitText(u).orElse("").contains(failWhenUnitContains)) {
                out.put(u, "failed");
                states.put(u, new UnitState("loaded", "failed", "failed", "exit-code", 3, 0, 0));
            } else {
                states.put(u, new UnitState("loaded", "active", "running", "success", 0, 0, 1));
            }
        });
        return out;
    }

    @Override
    public void enable(List<String> units) {
        calls.add("enable " + String.join(",", units));
        if (host != null) {
            units.forEach(u -> host.unitText(u).ifPresent(t -> host.link(u, t)));
        }
    }

    @Override
    public void disable(List<String> units) {
        calls.add("disable " + String.join(",", units));
        if (host != null) {
            units.forEach(host::unlink);
        }
    }

    @Override
    public void resetFailed(String unit) {
        calls.add("reset-failed " + unit);
    }

    @Override
    public UnitState state(String unit) {
        return states.getOrDefault(unit, new UnitState("loaded", "active", "running", "success", 0, 0, 1));
    }

    @Override
    public List<List<String>> execArgv(String unit, String setting) {
        return List.of();
    }

    @Override
    public void close() {
    }
}
