package dev.unitgen.apply;

import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.Journal;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.host.UnitState;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches units until each is verified or has failed: a unit counts as verified only once its
 * container has stayed up for its stability window ({@code min_healthy}) with the same
 * container ID, the unit active/running, its automatic restart count unchanged and, with a
 * healthcheck, healthy; a systemd container's inner manager must also say running or
 * degraded. All windows run at the same time (one unit listing and one container listing per
 * tick, whatever the number of units), and each ends early at the first sign of failure: the
 * unit failed, inactive or in auto-restart, the container gone, replaced or unhealthy.
 *
 * <p>The window is counted from the container's own start (docker's StartedAt), so a unit that
 * has run for an hour is verified at the first look, and a container that dies 6 s after its
 * start fails a 10 s window whenever apply happens to look.
 */
public final class Verifier {
    static final int LOG_LINES = 20;
    /** How often the states are read while windows are open. */
    static final Duration TICK = Duration.ofMillis(200);
    /**
     * Seconds past the window after which a container's creation time alone proves it has been
     * up for the window (creation precedes the start by well under this, even on a loaded host).
     */
    static final long SURELY_PAST = 30;

    /**
     * What to verify for one unit.
     *
     * @param minHealthy how long the container must have stayed up (the stability window)
     * @param settle     how long the unit may take to become active (a unit still starting, e.g.
     *                   restarted along with a dependency, is waited for; its TimeoutStartSec)
     */
    public record Target(String unit, String container, boolean systemd, Duration minHealthy, Duration settle) {
    }

    /** Time, so that tests of the window logic run on a virtual clock. */
    public interface Clock {
        long nanos();

        void pause(Duration d);

        Clock SYSTEM = new Clock() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public void pause(Duration d) {
                try {
                    Thread.sleep(Math.max(1, d.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    private final ServiceManager manager;
    private final ContainerEngine engine;
    private final Journal journal;
    private final Clock clock;

    public Verifier(ServiceManager manager, ContainerEngine engine, Journal journal) {
        this(manager, engine, journal, Clock.SYSTEM);
    }

    public Verifier(ServiceManager manager, ContainerEngine engine, Journal journal, Clock clock) {
        this.manager = manager;
        this.engine = engine;
        this.journal = journal;
        this.clock = clock;
    }

    /** One unit's watch. */
    private final class Watch {
        final Target target;
        final long deadline;
        String containerId;
        long startedAtNanos;
        long baselineRestarts = -1;
        ContainerEngine.ContainerInfo container;
        UnitState state;
        String inner;
        final List<String> problems = new ArrayList<>();
        boolean done;

        Watch(Target target, long start) {
            this.target = target;
            this.deadline = start + target.settle().toNanos() + target.minHealthy().toNanos();
        }
    }

    /** Verifies every target, all windows at once; returns one verification per target, in order. */
    public List<Verification> verify(List<Target> targets) {
        long start = clock.nanos();
        Map<String, Watch> watches = new LinkedHashMap<>();
        targets.forEach(t -> watches.put(t.unit(), new Watch(t, start)));
        while (true) {
            List<Watch> open = watches.values().stream().filter(w -> !w.done).toList();
            if (open.isEmpty()) {
                break;
            }
            Map<String, UnitState> states = manager.states(open.stream().map(w -> w.target.unit()).toList());
            Map<String, ContainerEngine.ContainerInfo> listed = engine.listByLabel(dev.unitgen.translate.Translator.UNIT_LABEL);
            long now = clock.nanos();
            for (Watch w : open) {
                look(w, states.get(w.target.unit()), listed.get(w.target.container()), now);
            }
            if (watches.values().stream().allMatch(w -> w.done)) {
                break;
            }
            clock.pause(TICK);
        }
        List<Verification> out = new ArrayList<>();
        for (Watch w : watches.values()) {
            out.add(result(w));
        }
        return out;
    }

    private void look(Watch w, UnitState state, ContainerEngine.ContainerInfo listed, long now) {
        Target t = w.target;
        w.state = state == null ? UnitState.unknown() : state;
        UnitState s = w.state;
        boolean transitional = (s.activeState().equals("activating") && !s.subState().equals("auto-restart"))
                || s.activeState().equals("deactivating") || s.activeState().equals("reloading");
        if (transitional) {
            // still starting (e.g. restarted along with a dependency): wait, within its start bound
            w.containerId = null;
            if (now - w.deadline > 0) {
                fail(w, "unit is still " + s.describe() + " after " + seconds(t.settle().plus(t.minHealthy())));
            }
            return;
        }
        if (!s.isActiveRunning()) {
            UnitState full = s.result().isEmpty() && s.loadState().equals("loaded") ? manager.state(t.unit()) : s;
            w.state = full;
            fail(w, "unit is " + full.describe() + (full.nRestarts() > 0 ? ", restarted " + full.nRestarts() + " times" : ""));
            return;
        }
        ContainerEngine.ContainerInfo c = listed;
        if (w.containerId == null && c != null && c.running() && c.created() > 0
                && Instant.now().getEpochSecond() - c.created() > t.minHealthy().toSeconds() + SURELY_PAST) {
            // created long before the window: it has been up longer than the window (no inspect needed)
            w.containerId = c.id();
            w.container = c;
            w.startedAtNanos = now - t.minHealthy().toNanos() - Duration.ofSeconds(SURELY_PAST).toNanos();
            w.baselineRestarts = -1;
        } else if (c == null || (w.containerId == null && c.running())) {
            // not in the listing (an engine without label listings) or first sight: inspect for StartedAt
            c = engine.inspect(t.container()).orElse(null);
        } else if (c.id().equals(w.containerId) && w.container != null) {
            c = new ContainerEngine.ContainerInfo(c.id(), c.name(), c.image(), c.status(), c.running(), w.container.startedAt(),
                    c.health(), c.exitCode(), c.created());
        }
        if (c == null) {
            fail(w, "container " + t.container() + " does not exist");
            return;
        }
        w.container = c;
        if (!c.running()) {
            fail(w, "container " + t.container() + " is " + c.status() + (c.exitCode() != 0 ? " (exit " + c.exitCode() + ")" : ""));
            return;
        }
        if (w.containerId == null) {
            w.containerId = c.id();
            w.startedAtNanos = startedAt(c.startedAt(), now);
            // a container already up for its whole window (one ID all along) proves it at the
            // first look; otherwise systemd's restart count is watched from here
            w.baselineRestarts = now - w.startedAtNanos >= t.minHealthy().toNanos() ? -1 : manager.state(t.unit()).nRestarts();
        } else if (!w.containerId.equals(c.id())) {
            fail(w, "container " + t.container() + " was replaced during its " + seconds(t.minHealthy())
                    + " stability window (it exited and was started again)");
            return;
        }
        if ("unhealthy".equals(c.health())) {
            fail(w, "container " + t.container() + " is unhealthy");
            return;
        }
        boolean windowOver = now - w.startedAtNanos >= t.minHealthy().toNanos();
        boolean healthy = c.health() == null || c.health().equals("healthy");
        if (!windowOver || !healthy) {
            if (now - w.deadline > 0) {
                fail(w, "container " + t.container() + (healthy ? " did not stay up for " + seconds(t.minHealthy())
                        : " is " + c.health() + " after " + seconds(t.settle().plus(t.minHealthy()))));
            }
            return;
        }
        if (w.baselineRestarts >= 0) {
            UnitState end = manager.state(t.unit());
            w.state = end;
            if (!end.isActiveRunning()) {
                fail(w, "unit is " + end.describe());
                return;
            }
            if (end.nRestarts() > w.baselineRestarts) {
                fail(w, "unit was restarted " + (end.nRestarts() - w.baselineRestarts) + " times by systemd during its stability window");
                return;
            }
        }
        if (t.systemd()) {
            ContainerEngine.ExecResult r = engine.exec(t.container(), List.of("systemctl", "is-system-running", "--wait"), Duration.ofSeconds(30));
            w.inner = r.output().strip();
            if (!w.inner.equals("running") && !w.inner.equals("degraded")) {
                fail(w, "systemd in container " + t.container() + " is " + (w.inner.isEmpty() ? "not answering" : w.inner));
                return;
            }
        }
        w.done = true;
    }

    /**
     * The container's start on this clock: now minus how long ago docker says it started
     * (never in the future; when unknown, now, so the whole window is watched).
     */
    private long startedAt(String rfc3339, long now) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return now;
        }
        try {
            Duration ago = Duration.between(Instant.parse(rfc3339), Instant.now());
            return now - Math.max(0, ago.toNanos());
        } catch (DateTimeParseException e) {
            return now;
        }
    }

    private static void fail(Watch w, String problem) {
        w.problems.add(problem);
        w.done = true;
    }

    public static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    private Verification result(Watch w) {
        List<String> details = new ArrayList<>();
        if (!w.problems.isEmpty()) {
            List<String> lines = journal.lastLines(w.target.unit(), LOG_LINES);
            if (!lines.isEmpty()) {
                details.add("journal of " + w.target.unit() + " (last " + lines.size() + " lines):");
                lines.forEach(l -> details.add("  " + l));
            }
            List<String> logs = engine.logs(w.target.container(), LOG_LINES);
            if (!logs.isEmpty()) {
                details.add("docker logs " + w.target.container() + " (last " + logs.size() + " lines):");
                logs.forEach(l -> details.add("  " + l));
            }
        }
        return new Verification(w.target.unit(), w.state, w.container, w.inner, List.copyOf(w.problems), details);
    }
}
