package dev.unitgen.apply;

import dev.unitgen.ExitCode;
import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.HostException;
import dev.unitgen.host.HostUnits;
import dev.unitgen.host.Journal;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.plan.Change;
import dev.unitgen.plan.Plan;
import dev.unitgen.plan.Planner;
import dev.unitgen.render.RenderedUnit;
import dev.unitgen.spec.ContainerKeys;
import dev.unitgen.spec.Values;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries a plan out on the host, in this order (each step only when there is work for it):
 * images are checked and pulled (before anything is written, so a failing pull changes
 * nothing); the owed work is recorded (pending); removed units are stopped, disabled and
 * deleted with their env files and containers; env files, then unit files are written
 * atomically; units are enabled or disabled; the manager is reloaded ONCE; start and restart
 * jobs are queued in mode "replace" and waited for; every declared unit is verified.
 */
public final class Applier {
    private final HostUnits host;
    private final ServiceManager manager;
    private final ContainerEngine engine;
    private final Journal journal;
    private final Duration timeout;
    private final PrintWriter progress;

    /** What happened; {@code exitCode} is OK, VERIFY_FAILED or ERROR. */
    public record Result(Plan plan, boolean reloaded, Map<String, String> jobs, List<Verification> verifications,
                         List<String> errors, ExitCode exitCode) {
    }

    /**
     * @param engine   null with --offline
     * @param progress where to say what is happening (null: quiet, for --output json)
     */
    public Applier(HostUnits host, ServiceManager manager, ContainerEngine engine, Journal journal, Duration timeout,
                   PrintWriter progress) {
        this.host = host;
        this.manager = manager;
        this.engine = engine;
        this.journal = journal;
        this.timeout = timeout;
        this.progress = progress;
    }

    private void say(String line) {
        if (progress != null) {
            progress.println(line);
            progress.flush();
        }
    }

    public Result apply(List<RenderedUnit> desired) {
        Pending pending = new Pending(host.root());
        Set<String> owed = pending.read();
        boolean reloadOwed = owed.remove("reload");
        Set<String> owedUnits = new LinkedHashSet<>();
        owed.forEach(e -> owedUnits.add(e.replaceFirst("^(start|restart) ", "")));
        Plan plan = new Planner(host, manager).plan(desired, manager.live() ? owedUnits : Set.of());
        say(plan.summary());
        plan.changes().forEach(c -> say("  " + c.describe()));

        List<Change> toRun = plan.changes().stream().filter(c -> c.action() != Change.Action.REMOVE && (c.restart() || c.start())).toList();
        if (engine != null) {
            pullImages(toRun);
        }

        Map<String, ServiceManager.JobType> jobs = new LinkedHashMap<>();
        for (Change c : toRun) {
            jobs.put(c.unit(), c.action() == Change.Action.CREATE || (c.start() && !c.restart())
                    ? ServiceManager.JobType.START : ServiceManager.JobType.RESTART);
        }
        // env files are read by the docker client at each start: they need a restart, not a reload
        boolean filesChange = plan.changes().stream().anyMatch(c -> c.writeUnit() || c.enable() != null
                || c.action() == Change.Action.REMOVE);
        if (manager.live() && (filesChange || !jobs.isEmpty())) {
            List<String> entries = new ArrayList<>();
            if (filesChange) {
                entries.add("reload");
            }
            jobs.forEach((u, t) -> entries.add(t.name().toLowerCase(java.util.Locale.ROOT) + " " + u));
            pending.write(entries);
        }

        // removed units: stop (the unit's ExecStopPost removes the container), disable, delete
        List<Change> removed = plan.changes().stream().filter(c -> c.action() == Change.Action.REMOVE).toList();
        Map<String, String> jobResults = new LinkedHashMap<>();
        if (!removed.isEmpty()) {
            if (manager.live()) {
                Map<String, ServiceManager.JobType> stops = new LinkedHashMap<>();
                removed.forEach(c -> stops.put(c.unit(), ServiceManager.JobType.STOP));
                Map<String, String> r = manager.runJobs(stops, timeout);
                r.forEach((u, res) -> say("Stopped " + u + ": " + res));
                jobResults.putAll(r);
            }
            manager.disable(removed.stream().map(Change::unit).toList());
            for (Change c : removed) {
                host.unlink(c.unit());
                host.deleteUnit(c.unit());
                host.deleteEnv(c.container());
                if (engine != null) {
                    engine.remove(c.container());
                }
                say("Removed " + host.unitPath(c.unit()) + (c.oldEnv() != null ? " and its env file" : ""));
            }
        }
        for (Change c : plan.changes()) {
            if (c.writeEnv()) {
                host.writeEnv(c.container(), c.desired().envText());
            }
            if (c.writeUnit()) {
                host.writeUnit(c.unit(), c.desired().unitText());
                say("Wrote " + host.unitPath(c.unit()));
            }
            if (c.deleteEnv() && c.action() != Change.Action.REMOVE) {
                host.deleteEnv(c.container());
            }
        }
        List<String> enable = plan.changes().stream().filter(c -> Boolean.TRUE.equals(c.enable())).map(Change::unit).toList();
        List<String> disable = plan.changes().stream().filter(c -> c.action() != Change.Action.REMOVE && Boolean.FALSE.equals(c.enable()))
                .map(Change::unit).toList();
        if (!disable.isEmpty()) {
            manager.disable(disable);
            disable.forEach(host::unlink);
            say("Disabled " + String.join(", ", disable));
        }
        if (!enable.isEmpty()) {
            manager.enable(enable);
            say("Enabled " + String.join(", ", enable));
        }
        boolean reloaded = false;
        if (manager.live() && (filesChange || reloadOwed)) {
            manager.reload();
            reloaded = true;
            say("Reloaded the systemd manager at " + manager.address() + ".");
        }
        if (!manager.live()) {
            if (!plan.isEmpty()) {
                say("Offline: files written under " + host.root().dir() + "; nothing was started.");
            }
            return new Result(plan, false, jobResults, List.of(), List.of(), ExitCode.OK);
        }
        if (!jobs.isEmpty()) {
            jobs.keySet().forEach(manager::resetFailed);
            Map<String, String> r = manager.runJobs(jobs, timeout);
            r.forEach((u, res) -> say((jobs.get(u) == ServiceManager.JobType.START ? "Started " : "Restarted ") + u + ": " + res));
            jobResults.putAll(r);
        }
        if (manager.live() && (filesChange || !jobs.isEmpty() || reloadOwed)) {
            pending.clear();
        }

        Verifier verifier = new Verifier(manager, engine, journal);
        List<Verification> verifications = new ArrayList<>();
        for (RenderedUnit d : desired) {
            verifications.add(verifier.verify(d.unitName(), d.unitText()));
        }
        long failed = verifications.stream().filter(v -> !v.ok()).count();
        for (Verification v : verifications) {
            if (v.ok()) {
                say("  ok      " + v.unit() + "  " + v.state().describe() + ", container " + v.container().status()
                        + (v.container().health() != null ? " (" + v.container().health() + ")" : "")
                        + (v.innerSystemd() != null ? ", inner systemd " + v.innerSystemd() : ""));
            } else {
                say("  FAILED  " + v.unit() + "  " + String.join("; ", v.problems()));
                v.details().forEach(l -> say("    " + l));
            }
        }
        say(failed == 0 ? "Apply complete: " + plan.count(Change.Action.CREATE) + " created, " + plan.count(Change.Action.UPDATE)
                + " changed, " + plan.count(Change.Action.REMOVE) + " removed; " + verifications.size() + " units verified."
                : "Apply finished, but " + failed + " of " + verifications.size() + " units failed verification.");
        return new Result(plan, reloaded, jobResults, verifications, List.of(), failed == 0 ? ExitCode.OK : ExitCode.VERIFY_FAILED);
    }

    private void pullImages(List<Change> toRun) {
        Set<String> done = new LinkedHashSet<>();
        for (Change c : toRun) {
            String image = c.desired().translation().spec().get(ContainerKeys.IMAGE);
            Values.PullPolicy policy = c.desired().translation().spec().get(ContainerKeys.PULL_POLICY, Values.PullPolicy.MISSING);
            if (!done.add(image + "/" + policy)) {
                continue;
            }
            boolean present = engine.imageExists(image);
            switch (policy) {
                case NEVER -> {
                    if (!present) {
                        throw new HostException("image " + image + " of " + c.unit() + " is not on the engine and its pull_policy is never",
                                "Load the image (docker load / docker pull), or change pull_policy.", null);
                    }
                }
                case MISSING, ALWAYS -> {
                    if (!present || policy == Values.PullPolicy.ALWAYS) {
                        say("Pulling " + image + " ...");
                        engine.pull(image, line -> say("  " + image + ": " + line));
                    }
                }
            }
        }
    }
}
