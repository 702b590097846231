package dev.unitgen.apply;

import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.Journal;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.host.UnitState;
import dev.unitgen.unit.ParsedUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a unit is active and running (not failed, not in auto-restart), that its
 * container runs, that the inner systemd of a systemd container is up, and that a container
 * with a healthcheck is healthy. Reads the unit's X-Unitgen section to know what to check.
 */
public final class Verifier {
    static final int LOG_LINES = 20;

    private final ServiceManager manager;
    private final ContainerEngine engine;
    private final Journal journal;

    public Verifier(ServiceManager manager, ContainerEngine engine, Journal journal) {
        this.manager = manager;
        this.engine = engine;
        this.journal = journal;
    }

    public Verification verify(String unit, String unitText) {
        return verify(unit, unitText, null, null);
    }

    /**
     * Verifies with what is already known: {@code known} the unit's state (null: ask), and
     * {@code listed} its container from a listing (null: inspect it).
     */
    public Verification verify(String unit, String unitText, UnitState known, ContainerEngine.ContainerInfo listed) {
        ParsedUnit u = ParsedUnit.parse(unitText);
        String container = u.value("X-Unitgen", "Container").orElse(unit.replaceAll("\\.service$", ""));
        boolean systemd = u.value("X-Unitgen", "Systemd").orElse("false").equals("true");
        UnitState state = known != null ? known : manager.state(unit);
        List<String> problems = new ArrayList<>();
        if (!state.isActiveRunning()) {
            problems.add("unit is " + state.describe() + (state.nRestarts() > 0 ? ", restarted " + state.nRestarts() + " times" : ""));
        }
        Optional<ContainerEngine.ContainerInfo> info = listed != null && listed.running() ? Optional.of(listed) : engine.inspect(container);
        String inner = null;
        if (info.isEmpty()) {
            problems.add("container " + container + " does not exist");
        } else {
            ContainerEngine.ContainerInfo c = info.get();
            if (!c.running()) {
                problems.add("container " + container + " is " + c.status() + (c.exitCode() != 0 ? " (exit " + c.exitCode() + ")" : ""));
            } else {
                if (systemd) {
                    ContainerEngine.ExecResult r = engine.exec(container, List.of("systemctl", "is-system-running"), Duration.ofSeconds(30));
                    inner = r.output().strip();
                    if (!inner.equals("running") && !inner.equals("degraded")) {
                        problems.add("systemd in container " + container + " is " + (inner.isEmpty() ? "not answering" : inner));
                    }
                }
                if (c.health() != null && !c.health().equals("healthy")) {
                    problems.add("container " + container + " is " + c.health());
                }
            }
        }
        List<String> details = new ArrayList<>();
        if (!problems.isEmpty()) {
            List<String> lines = journal.lastLines(unit, LOG_LINES);
            if (!lines.isEmpty()) {
                details.add("journal of " + unit + " (last " + lines.size() + " lines):");
                lines.forEach(l -> details.add("  " + l));
            }
            if (info.isPresent()) {
                List<String> logs = engine.logs(container, LOG_LINES);
                if (!logs.isEmpty()) {
                    details.add("docker logs " + container + " (last " + logs.size() + " lines):");
                    logs.forEach(l -> details.add("  " + l));
                }
            }
        }
        return new Verification(unit, state, info.orElse(null), inner, problems, details);
    }
}
