package dev.unitgen.apply;

import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.HostException;
import dev.unitgen.host.HostUnits;
import dev.unitgen.host.Journal;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.image.ImageBuild;
import dev.unitgen.plan.Change;
import dev.unitgen.plan.Plan;
import dev.unitgen.plan.Planner;
import dev.unitgen.plan.Scope;
import dev.unitgen.render.RenderedUnit;
import dev.unitgen.definition.ContainerKeys;
import dev.unitgen.definition.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries a plan out on the host, in this order (each step only when there is work for it):
 * images are checked and pulled, or built when declared under images: (before anything is
 * written, so a failing pull or build changes nothing); the owed work is recorded (pending); removed units are stopped, disabled and
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
    private final java.util.function.Consumer<ApplyEvent> events;
    private boolean rollbackOnFailure;

    /** How an apply ended (the CLI maps it to an exit code). */
    public enum Outcome {
        /** The plan was carried out and every unit verified (or, offline, the files were written). */
        APPLIED,
        /** The host was changed, but a unit or its container failed verification. */
        VERIFY_FAILED
    }

    /**
     * What happened. {@code rolledBack}: the units put back to their previous version (or
     * removed, when new) after failing verification, with --rollback-on-failure.
     */
    public record Result(Plan plan, boolean reloaded, Map<String, String> jobs, List<Verification> verifications,
                         List<String> rolledBack, Outcome outcome, boolean offline) {
    }

    private Duration minHealthy;

    /** The stability window of every unit for this run (null: each definition's min_healthy). */
    public Applier minHealthy(Duration window) {
        this.minHealthy = window;
        return this;
    }

    /** The stability window of a unit without a definition: min_healthy's default (its table row's). */
    static final Duration DEFAULT_MIN_HEALTHY = ContainerKeys.MIN_HEALTHY.fallback().of(new dev.unitgen.definition.Default.Given("", false, false));

    private java.util.function.Consumer<dev.unitgen.diag.Diagnostic> warnings = w -> { };

    /** Where apply's warnings about the host (an image that runs systemd, ...) go. */
    public Applier warnings(java.util.function.Consumer<dev.unitgen.diag.Diagnostic> sink) {
        this.warnings = sink;
        return this;
    }

    private boolean pull;
    private Map<String, dev.unitgen.plan.ImageDrift> drift = Map.of();
    private final Map<String, dev.unitgen.plan.ImageDrift> kept = new LinkedHashMap<>();

    /**
     * With true (apply --pull), {@link #plan} first pulls the definitions' images, and apply
     * restarts the containers whose image ID changed, keeping each previous image under
     * {@link ImageUpdates#previousRef} until the new one is verified.
     */
    public Applier pull(boolean enabled) {
        this.pull = enabled;
        return this;
    }

    /** With true, units that fail verification are put back as they were before this apply. */
    public Applier rollbackOnFailure(boolean enabled) {
        this.rollbackOnFailure = enabled;
        return this;
    }

    /**
     * @param engine   null with --offline
     * @param timeout  how long to wait for the start, restart and stop jobs; null: the units' own
     *                 bound (the longest TimeoutStartSec + TimeoutStopSec of the jobs, plus 30 s)
     * @param events   what apply tells as it works (the CLI prints them; null: nobody listens)
     */
    public Applier(HostUnits host, ServiceManager manager, ContainerEngine engine, Journal journal, Duration timeout,
                   java.util.function.Consumer<ApplyEvent> events) {
        this.host = host;
        this.manager = manager;
        this.engine = engine;
        this.journal = journal;
        this.timeout = timeout;
        this.events = events;
    }

    private void tell(ApplyEvent e) {
        if (events != null) {
            events.accept(e);
        }
    }

    /** Plans and applies: every managed unit is in scope (see {@link #apply(Plan, List)}). */
    public Result apply(List<RenderedUnit> desired) {
        Plan plan = plan(desired, Scope.WHOLE);
        tell(new ApplyEvent.Planned(plan));
        return apply(plan, desired);
    }

    /** What {@link #apply(Plan, List)} would do; restarts owed by an interrupted apply included. */
    public Plan plan(List<RenderedUnit> desired, Scope scope) {
        Set<String> owedUnits = new Pending(host.root()).owedUnits();
        if (pull && engine != null) {
            try (var t = dev.unitgen.util.Timing.phase("pull")) {
                ImageUpdates.pull(engine, desired, this::tell);
                ImageUpdates.newerDigests(engine, desired, this::tell, warnings);
                drift = ImageUpdates.drift(engine, desired);
            }
        }
        try (var t = dev.unitgen.util.Timing.phase("plan")) {
            return new Planner(host, manager).plan(desired, manager.live() ? owedUnits : Set.of(), scope, drift);
        }
    }

    /** Carries out {@code plan}, made by {@link #plan} for {@code desired} under the lock held now. */
    public Result apply(Plan plan, List<RenderedUnit> desired) {
        Pending pending = new Pending(host.root());
        boolean reloadOwed = pending.read().contains("reload");

        Checkpoint.reach("planned");
        List<EngineObjects.Adoption> adoptions = List.of();
        if (engine != null) {
            adoptions = EngineObjects.checkNoForeign(engine, desired); // before anything is written
            if (!manager.live()) {
                adoptions = List.of(); // nothing is stopped nor started offline: the network's unit refuses it at its start
            }
        }
        List<Change> toRun = plan.changes().stream().filter(c -> c.action() != Change.Action.REMOVE && (c.restart() || c.start())).toList();
        if (engine != null) {
            try (var t = dev.unitgen.util.Timing.phase("images")) {
                pullImages(toRun);
                ImageInits.check(toRun, engine, warnings);
                keepPreviousImages(toRun);
            }
        }

        Map<String, ServiceManager.JobType> jobs = new LinkedHashMap<>();
        for (Change c : toRun) {
            jobs.put(c.unit(), c.action() == Change.Action.CREATE || (c.start() && !c.restart())
                    ? ServiceManager.JobType.START : ServiceManager.JobType.RESTART);
        }
        Set<String> removing = plan.changes().stream().filter(c -> c.action() == Change.Action.REMOVE).map(Change::unit)
                .collect(java.util.stream.Collectors.toSet());
        for (EngineObjects.Adoption a : adoptions) {
            // the units an adoption stops are started again, after the network's unit (their Requires=)
            a.units().stream().filter(u -> !removing.contains(u)).forEach(u -> jobs.putIfAbsent(u, ServiceManager.JobType.RESTART));
        }
        // env files are read by the docker client at each start: they need a restart, not a reload
        boolean filesChange = plan.changes().stream().anyMatch(c -> c.writeUnit() || c.enable() != null
                || c.action() == Change.Action.REMOVE);
        boolean writes = plan.changes().stream().anyMatch(c -> c.writeUnit() || c.writeEnv() || c.deleteEnv()
                || c.enable() != null || c.action() == Change.Action.REMOVE);
        if (writes) {
            host.checkWritable(plan.changes().stream().anyMatch(Change::writeEnv));
        }
        if (manager.live() && (filesChange || !jobs.isEmpty())) {
            List<String> entries = new ArrayList<>();
            if (filesChange) {
                entries.add("reload");
            }
            jobs.forEach((u, t) -> entries.add(t.name().toLowerCase(java.util.Locale.ROOT) + " " + u));
            pending.write(entries);
            Checkpoint.reach("pending-written");
        }

        // removed units: stop (the unit's ExecStopPost removes the container), disable, delete
        List<Change> removed = plan.changes().stream().filter(c -> c.action() == Change.Action.REMOVE).toList();
        Map<String, String> jobResults = new LinkedHashMap<>();
        if (!removed.isEmpty()) {
            if (manager.live()) {
                Map<String, ServiceManager.JobType> stops = new LinkedHashMap<>();
                removed.forEach(c -> stops.put(c.unit(), ServiceManager.JobType.STOP));
                Map<String, String> r = manager.runJobs(stops, timeout != null ? timeout : Duration.ofMinutes(5));
                r.forEach((u, res) -> tell(new ApplyEvent.Stopped(u, res)));
                jobResults.putAll(r);
                // a removed unit that had failed must not leave the manager degraded
                removed.forEach(c -> manager.resetFailed(c.unit()));
                Checkpoint.reach("stopped-removed");
            }
            manager.disable(removed.stream().map(Change::unit).toList());
            for (Change c : removed) {
                host.unlink(c.unit());
                host.deleteUnit(c.unit());
                host.deleteEnv(c.container());
                if (engine != null && !EngineObjects.isObjectUnit(c.oldUnit())) {
                    engine.remove(c.container());
                }
                tell(new ApplyEvent.Removed(host.unitPath(c.unit()), c.oldEnv() != null));
                Checkpoint.reach("removed:" + c.unit());
            }
        }
        // env files before unit files, all in one batch: durable with one flush (AtomicFiles.Batch)
        Map<String, String> envs = new LinkedHashMap<>();
        Map<String, String> unitTexts = new LinkedHashMap<>();
        for (Change c : plan.changes()) {
            if (c.writeEnv()) {
                envs.put(c.container(), c.desired().envText());
            }
            if (c.writeUnit()) {
                unitTexts.put(c.unit(), c.desired().unitText());
            }
        }
        try (var t = dev.unitgen.util.Timing.phase("write")) {
            host.writeAll(envs, unitTexts);
        }
        unitTexts.keySet().forEach(u -> tell(new ApplyEvent.Wrote(host.unitPath(u))));
        if (!envs.isEmpty() || !unitTexts.isEmpty()) {
            Checkpoint.reach("wrote-files");
        }
        for (Change c : plan.changes()) {
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
            tell(new ApplyEvent.Disabled(disable));
        }
        if (!enable.isEmpty()) {
            manager.enable(enable);
            tell(new ApplyEvent.Enabled(enable));
        }
        Checkpoint.reach("before-reload");
        boolean reloaded = false;
        if (manager.live() && (filesChange || reloadOwed)) {
            manager.reload();
            reloaded = true;
            tell(new ApplyEvent.Reloaded(manager.address()));
            Checkpoint.reach("reloaded");
        }
        if (!manager.live()) {
            if (!plan.isEmpty()) {
                tell(new ApplyEvent.Offline(host.root().dir()));
            }
            return new Result(plan, false, jobResults, List.of(), List.of(), Outcome.APPLIED, true);
        }
        for (EngineObjects.Adoption a : adoptions) {
            tell(new ApplyEvent.ObjectAdopted(a.describe()));
            EngineObjects.adopt(engine, manager, a, timeout != null ? timeout : Duration.ofMinutes(5));
        }
        if (!jobs.isEmpty()) {
            Map<String, String> r;
            try (var t = dev.unitgen.util.Timing.phase("jobs")) {
                jobs.keySet().forEach(manager::resetFailed);
                r = manager.runJobs(jobs, jobTimeout(desired, jobs.keySet()));
            }
            r.forEach((u, res) -> tell(new ApplyEvent.JobDone(u, jobs.get(u), res)));
            jobResults.putAll(r);
            Checkpoint.reach("jobs-done");
        }
        if (manager.live() && (filesChange || !jobs.isEmpty() || reloadOwed)) {
            pending.clear();
        }
        if (engine != null) {
            // once the containers that left a removed network have been restarted elsewhere
            removed.forEach(c -> EngineObjects.prune(engine, c.oldUnit(), false).forEach(m -> tell(new ApplyEvent.ObjectPruned(m))));
        }

        Verifier verifier = new Verifier(manager, engine, journal);
        List<Verification> verifications;
        try (var t = dev.unitgen.util.Timing.phase("verify")) {
            List<Verifier.Target> targets = desired.stream().filter(RenderedUnit::isContainer).map(this::target).toList();
            Duration longest = targets.stream().map(Verifier.Target::minHealthy).max(Duration::compareTo).orElse(Duration.ZERO);
            if (!targets.isEmpty()) {
                tell(new ApplyEvent.Verifying(targets.size(), longest));
            }
            verifications = verifier.verify(targets);
        }
        tell(new ApplyEvent.Verified(verifications));
        long failed = verifications.stream().filter(v -> !v.ok()).count();
        for (Verification v : verifications) {
            String container = v.unit().substring(0, v.unit().length() - ".service".length());
            dev.unitgen.plan.ImageDrift k = kept.get(container);
            if (v.ok() && k != null) {
                engine.untag(ImageUpdates.previousRef(container));
                kept.remove(container);
                tell(new ApplyEvent.PreviousImage(container, k.image(), k.running(), ImageUpdates.previousRef(container),
                        ApplyEvent.PreviousImage.Step.RELEASED));
            }
        }
        List<String> rolledBack = failed > 0 && rollbackOnFailure ? rollBack(plan, verifications, verifier) : List.of();
        return new Result(plan, reloaded, jobResults, verifications, rolledBack, failed == 0 ? Outcome.APPLIED : Outcome.VERIFY_FAILED, false);
    }

    /**
     * Puts the units that failed verification back as they were: a changed unit gets its
     * previous unit and env files and is restarted (and verified again); a new unit is
     * stopped and removed. Units whose files did not change are left as they are.
     */
    private List<String> rollBack(Plan plan, List<Verification> verifications, Verifier verifier) {
        Map<String, Change> byUnit = new LinkedHashMap<>();
        plan.changes().forEach(c -> byUnit.put(c.unit(), c));
        List<Change> restore = new ArrayList<>();
        List<Change> remove = new ArrayList<>();
        for (Verification v : verifications) {
            Change c = byUnit.get(v.unit());
            if (v.ok() || c == null) {
                continue;
            }
            if (c.action() == Change.Action.CREATE) {
                remove.add(c);
            } else if (c.writeUnit() || c.writeEnv() || c.deleteEnv() || kept.containsKey(c.container())) {
                restore.add(c);
            }
        }
        if (restore.isEmpty() && remove.isEmpty()) {
            return List.of();
        }
        tell(new ApplyEvent.RollingBack(restore.size() + remove.size()));
        Pending pending = new Pending(host.root());
        List<String> entries = new ArrayList<>(List.of("reload"));
        restore.forEach(c -> entries.add("restart " + c.unit()));
        pending.write(entries);
        if (!remove.isEmpty()) {
            Map<String, ServiceManager.JobType> stops = new LinkedHashMap<>();
            remove.forEach(c -> stops.put(c.unit(), ServiceManager.JobType.STOP));
            manager.runJobs(stops, timeout != null ? timeout : Duration.ofMinutes(5));
            remove.forEach(c -> manager.resetFailed(c.unit()));
            manager.disable(remove.stream().map(Change::unit).toList());
            for (Change c : remove) {
                host.unlink(c.unit());
                host.deleteUnit(c.unit());
                host.deleteEnv(c.container());
                if (engine != null) {
                    engine.remove(c.container());
                }
                tell(new ApplyEvent.RolledBack(c.unit(), true));
            }
        }
        for (Change c : restore) {
            dev.unitgen.plan.ImageDrift k = kept.get(c.container());
            if (k != null) { // the reference back at the image the container ran before this apply
                engine.tag(k.running(), k.image());
                tell(new ApplyEvent.PreviousImage(c.container(), k.image(), k.running(), ImageUpdates.previousRef(c.container()),
                        ApplyEvent.PreviousImage.Step.RESTORED));
                if (c.desired().translation().spec().get(ContainerKeys.PULL_POLICY, Values.PullPolicy.MISSING) == Values.PullPolicy.ALWAYS) {
                    warnings.accept(new dev.unitgen.diag.Diagnostic(dev.unitgen.diag.Severity.WARNING, "container "
                            + dev.unitgen.util.Text.q(c.container()) + " has pull_policy always: its restart pulls "
                            + k.image() + " again, so the rollback cannot keep the previous image",
                            c.desired().translation().spec().locationOf(ContainerKeys.PULL_POLICY), null,
                            "Use pull_policy missing with apply --pull to update images with rollback."));
                }
            }
            if (!(c.writeUnit() || c.writeEnv() || c.deleteEnv())) {
                continue; // only the image changed
            }
            if (c.oldEnv() != null) {
                host.writeEnv(c.container(), c.oldEnv());
            } else {
                host.deleteEnv(c.container());
            }
            host.writeUnit(c.unit(), c.oldUnit());
            tell(new ApplyEvent.RolledBack(c.unit(), false));
        }
        manager.reload();
        Map<String, ServiceManager.JobType> restarts = new LinkedHashMap<>();
        restore.forEach(c -> {
            manager.resetFailed(c.unit());
            restarts.put(c.unit(), ServiceManager.JobType.RESTART);
        });
        manager.runJobs(restarts, timeout != null ? timeout : Duration.ofMinutes(5)).forEach((u, r) -> tell(new ApplyEvent.RestartedPrevious(u, r)));
        pending.clear();
        restore.stream().filter(c -> kept.remove(c.container()) != null).forEach(c -> engine.untag(ImageUpdates.previousRef(c.container())));
        List<Verifier.Target> previous = new ArrayList<>();
        for (Change c : restore) {
            dev.unitgen.unit.ParsedUnit u = dev.unitgen.unit.ParsedUnit.parse(c.oldUnit());
            Duration settle = u.value("Service", "TimeoutStartSec").flatMap(dev.unitgen.unit.SystemdKeys::timeSpan)
                    .orElse(Duration.ofSeconds(120));
            previous.add(new Verifier.Target(c.unit(), u.value("X-Unitgen", "Container").orElse(c.container()),
                    u.value("X-Unitgen", "Systemd").orElse("false").equals("true"), windowOf(c.desired()), settle));
        }
        verifier.verify(previous).forEach(v -> tell(new ApplyEvent.PreviousVerified(v)));
        List<String> out = new ArrayList<>();
        restore.forEach(c -> out.add(c.unit()));
        remove.forEach(c -> out.add(c.unit()));
        return out;
    }

    private Verifier.Target target(RenderedUnit d) {
        return new Verifier.Target(d.unitName(), d.translation().name(), d.translation().systemd(), windowOf(d),
                d.translation().startTimeout());
    }

    private Duration windowOf(RenderedUnit d) {
        if (minHealthy != null) {
            return minHealthy;
        }
        return d == null ? DEFAULT_MIN_HEALTHY : d.translation().spec().effective(ContainerKeys.MIN_HEALTHY, d.translation());
    }

    /** --timeout, or the units' own bound: the longest start + stop timeout of the jobs, plus 30 s. */
    private Duration jobTimeout(List<RenderedUnit> desired, Set<String> units) {
        if (timeout != null) {
            return timeout;
        }
        return desired.stream().filter(d -> d.isContainer() && units.contains(d.unitName()))
                .map(d -> d.translation().startTimeout().plus(d.translation().stopTimeout()))
                .max(Duration::compareTo).orElse(Duration.ofSeconds(120)).plusSeconds(30);
    }

    /**
     * apply --pull: before a container whose image changed is restarted, its previous image is
     * kept under unitgen-previous:NAME (a rollback points the reference back at it).
     */
    private void keepPreviousImages(List<Change> toRun) {
        for (Change c : toRun) {
            dev.unitgen.plan.ImageDrift d = drift.get(c.container());
            if (d != null && c.restart() && c.desired().isContainer()) {
                String ref = ImageUpdates.previousRef(c.container());
                engine.tag(d.running(), ref);
                kept.put(c.container(), d);
                tell(new ApplyEvent.PreviousImage(c.container(), d.image(), d.running(), ref, ApplyEvent.PreviousImage.Step.KEPT));
            }
        }
    }

    private void pullImages(List<Change> toRun) {
        Set<String> done = new LinkedHashSet<>();
        if (pull) { // pulled by plan() already
            ImageUpdates.pullable(toRun.stream().map(Change::desired).toList()).forEach(i -> {
                done.add(i + "/" + Values.PullPolicy.MISSING);
                done.add(i + "/" + Values.PullPolicy.ALWAYS);
            });
        }
        for (Change c : toRun.stream().filter(c -> c.desired().isContainer()).toList()) {
            ImageBuild build = c.desired().translation().build();
            if (build != null) {
                // an image declared under images: is built when the engine does not have its tag, never pulled
                if (done.add("build " + build.tag()) && !engine.imageExists(build.tag())) {
                    tell(new ApplyEvent.Building(build.tag(), build.name(), c.unit(), null));
                    engine.build(build.context(), new ContainerEngine.BuildRequest(build.tag(), build.network().mode(),
                            build.labels(), false), line -> tell(new ApplyEvent.Building(build.tag(), build.name(), c.unit(), line)));
                    tell(new ApplyEvent.Built(build.tag()));
                }
                continue;
            }
            String image = c.desired().translation().spec().get(ContainerKeys.IMAGE);
            Values.PullPolicy policy = c.desired().translation().spec().effective(ContainerKeys.PULL_POLICY, c.desired().translation());
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
                        tell(new ApplyEvent.Pulling(image, null));
                        engine.pull(image, line -> tell(new ApplyEvent.Pulling(image, line)));
                    }
                }
            }
        }
    }
}
