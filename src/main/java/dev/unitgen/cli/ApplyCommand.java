package dev.unitgen.cli;

import dev.unitgen.generate.Generator;
import dev.unitgen.apply.ApplyLock;
import dev.unitgen.apply.Applier;
import dev.unitgen.apply.Verification;
import dev.unitgen.diag.DiagnosticPrinter;
import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.HostUnits;
import dev.unitgen.host.JournalctlJournal;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.plan.Change;
import dev.unitgen.plan.Plan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "apply", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Make the host match the definitions, then verify that every unit and its container are up.",
                "apply writes changed units and env files, prunes the units unitgen wrote that are no longer declared, "
                        + "reloads systemd once, and starts or restarts exactly the units that changed.",
                "A directory (default /etc/unitgen) is the whole desired state; files named one by one prune only "
                        + "the units written from them.",
                "On a terminal, apply shows the plan and asks first (--yes does not ask); without one it does not ask.",
                "Exit status: 0 done, 4 applied but a unit failed verification, 1 error or cancelled, 2 invalid definitions."},
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen apply",
                "  unitgen apply --dry-run                  same as plan",
                "  unitgen apply --pull --rollback-on-failure   update images behind their tags, restore a failed one",
                "  unitgen apply --output json /etc/unitgen   for configuration management",
                "  unitgen apply --offline --root /mnt/image  write files and links into an image, start nothing"})
final class ApplyCommand implements Callable<Integer> {
    @Mixin
    GenerateOptions options;

    @Mixin
    HostOptions.Bus bus;

    @Mixin
    HostOptions.Docker docker;

    @Mixin
    HostOptions.Offline offline;

    @Mixin
    HostOptions.Timeouts timeouts;

    @Option(names = "--dry-run", description = "Only show the plan (as unitgen plan).")
    boolean dryRun;

    @Option(names = "--diff", description = "With --dry-run: also print unified diffs (env values hidden).")
    boolean diff;

    @Option(names = "--pull",
            description = "Pull the definitions' images first (not those of images: or pull_policy never), and restart exactly "
                    + "the running containers whose image ID changed. Each previous image is kept as unitgen-previous:NAME until "
                    + "the new one is verified; with --rollback-on-failure a failed one is restored and restarted.")
    boolean pull;

    @Option(names = "--rollback-on-failure",
            description = "When a unit fails verification, put back its previous unit and env files and restart the previous "
                    + "version (a new unit is removed). The exit status stays 4.")
    boolean rollbackOnFailure;

    @Option(names = "--min-healthy", paramLabel = "DURATION",
            description = "The stability window of every unit for this run, instead of each definition's min_healthy "
                    + "(default 10s): a started container counts as verified only once it has stayed up this long. "
                    + "0s looks once.")
    String minHealthy;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation on a terminal.")
    boolean yes;

    @Option(names = "--allow-empty",
            description = "Allow definitions that declare no container at all (apply then removes every unit unitgen manages).")
    boolean allowEmpty;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (dryRun) {
            return PlanCommand.run(spec, options, bus, offline, diff, false, pull ? docker : null);
        }
        if (diff) {
            throw new UserException(ExitCode.INVALID, "--diff needs --dry-run", "Use unitgen plan --diff to see the diffs first.");
        }
        // the command line first (exit 2), then the definitions, then connect, then lock
        offline.checkWrites(options.root);
        timeouts.check();
        bus.check();
        docker.check();
        if (pull && offline.on()) {
            throw new UserException(ExitCode.INVALID, "--pull cannot be used with --offline", "--pull talks to the Docker engine.");
        }
        Duration window = minHealthy == null ? null : HostOptions.duration("--min-healthy", minHealthy);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = options.json();
        // Connecting docker-java (Jackson, HttpClient, JNA) is the largest share of a small
        // apply after the jobs themselves (bench/apply.sh): do it while the definitions are read.
        java.util.concurrent.CompletableFuture<ContainerEngine> engineFuture = offline.on()
                ? java.util.concurrent.CompletableFuture.completedFuture(null)
                : java.util.concurrent.CompletableFuture.supplyAsync(this::dockerEngine);
        Generator.Result r;
        try {
            r = options.generate();
        } catch (Exception e) {
            closeQuietly(engineFuture);
            throw e;
        }
        if (!r.ok()) {
            closeQuietly(engineFuture);
            PlanCommand.printDiagnostics(out, err, options, r, ExitCode.INVALID.code());
            return ExitCode.INVALID.code();
        }
        if (!json) {
            DiagnosticPrinter.printText(err, r.diagnostics());
        }
        HostUnits units = new HostUnits(options.root());
        long managedCount = r.units().isEmpty() && !allowEmpty
                ? units.managed().values().stream().filter(r.scope()::covers).count() : 0;
        if (managedCount > 0) {
            closeQuietly(engineFuture);
            throw new UserException(ExitCode.INVALID, "the definitions declare no container: apply would remove all "
                    + managedCount + " units unitgen wrote from " + (r.scope().whole() ? "them" : "these files"),
                    "Check the PATH (default /etc/unitgen). To remove them all, use unitgen destroy --all or apply --allow-empty.");
        }
        ApplyPrinter printer = json ? null : new ApplyPrinter(out);
        try (ServiceManager manager = connect(units);
             ApplyLock lock = ApplyLock.acquire(options.root(), timeouts.lock(), json ? err : out)) {
            ContainerEngine engine = join(engineFuture);
            try (engine) {
                Applier applier = new Applier(units, manager, engine, new JournalctlJournal(options.root()),
                        timeouts.jobs(), printer).rollbackOnFailure(rollbackOnFailure).minHealthy(window).pull(pull)
                        .warnings(w -> {
                            r.diagnostics().add(w); // in the JSON document's diagnostics
                            if (!json) {
                                err.print(DiagnosticPrinter.format(w));
                                err.flush();
                            }
                        });
                Plan plan = applier.plan(r.units(), r.scope());
                if (!confirmed(plan, json ? err : out, json)) {
                    (json ? err : out).println("Apply cancelled: nothing was changed.");
                    return ExitCode.ERROR.code();
                }
                Applier.Result result = applier.apply(plan, r.units());
                if (offline.on() && options.hostCgroup() != null) {
                    // the root has no /sys/fs/cgroup to read: the next offline plan renders for the same layout
                    dev.unitgen.host.CgroupProbe.record(options.root(), options.hostCgroup());
                }
                if (printer != null) {
                    printer.summary(result);
                }
                if (json) {
                    JsonOutput.print(out, ExitCode.of(result.outcome()).code(), toJson(r, result, offline.on()), r.diagnostics());
                }
                return ExitCode.of(result.outcome()).code();
            }
        } catch (RuntimeException e) {
            closeQuietly(engineFuture); // never joined when the bus or the lock failed first
            throw e;
        }
    }

    /**
     * Shows the plan; on a terminal, without --yes, asks before carrying out a plan with
     * changes. Without a terminal nobody can answer: the plan is carried out (unitgen(1)).
     */
    private boolean confirmed(Plan plan, PrintWriter to, boolean json) {
        Terminal terminal = UnitgenCommand.terminal(spec);
        if (!plan.isEmpty() && !yes && terminal.interactive(json)) {
            PlanPrinter.print(to, plan, false);
            return terminal.confirm(to, "Do you want to perform these actions?",
                    "unitgen will perform the actions described above on " + (offline.on() ? "the files under " + options.root().dir()
                            : "this host") + ".");
        }
        if (!json) {
            to.println(plan.summary());
            plan.changes().forEach(c -> to.println("  " + c.describe()));
            PlanPrinter.untouched(plan).ifPresent(to::println);
        }
        return true;
    }

    private ServiceManager connect(HostUnits units) {
        try (var t = dev.unitgen.util.Timing.phase("connect-bus")) {
            return bus.manager(units, offline.on());
        }
    }

    private static ContainerEngine join(java.util.concurrent.CompletableFuture<ContainerEngine> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private static void closeQuietly(java.util.concurrent.CompletableFuture<ContainerEngine> f) {
        f.whenComplete((engine, error) -> {
            if (engine != null) {
                engine.close();
            }
        });
    }

    private ContainerEngine dockerEngine() {
        try (var t = dev.unitgen.util.Timing.phase("connect-dock")) {
            return docker.engine(offline.on());
        }
    }

    /** apply's own fields of its JSON document. @param offline only files were written: nothing was started or restarted */
    static Map<String, Object> toJson(Generator.Result r, Applier.Result result, boolean offline) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("changed", !result.plan().isEmpty());
        doc.put("offline", offline);
        doc.put("reloaded", result.reloaded());
        doc.put("rolled_back", result.rolledBack());
        Map<String, Map<String, Object>> byUnit = new LinkedHashMap<>();
        for (var u : r.units()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unit", u.unitName());
            m.put("action", "none");
            m.put("changed", false);
            byUnit.put(u.unitName(), m);
        }
        for (Change c : result.plan().changes()) {
            Map<String, Object> m = byUnit.computeIfAbsent(c.unit(), k -> {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("unit", k);
                return n;
            });
            m.put("action", c.action().name().toLowerCase(java.util.Locale.ROOT));
            m.put("changed", true);
            m.put("reasons", c.reasons().stream().map(Change.Reason::toJson).toList());
            m.put("restarted", !offline && c.restart());
            m.put("started", !offline && (c.start() || c.action() == Change.Action.CREATE));
        }
        result.jobs().forEach((u, res) -> {
            if (byUnit.containsKey(u)) {
                byUnit.get(u).put("job", res);
            }
        });
        for (Verification v : result.verifications()) {
            Map<String, Object> m = byUnit.get(v.unit());
            m.put("result", v.ok() ? "ok" : "failed");
            m.put("active_state", v.state().activeState());
            m.put("sub_state", v.state().subState());
            if (v.container() != null) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("id", v.container().id());
                c.put("status", v.container().status());
                c.put("started_at", v.container().startedAt());
                c.put("health", v.container().health());
                c.put("inner_systemd", v.innerSystemd());
                m.put("container", c);
            }
            m.put("problems", v.problems());
            if (!v.ok()) {
                m.put("log", v.details());
            }
        }
        List<Object> list = new ArrayList<>(byUnit.values());
        doc.put("units", list);
        doc.put("summary", result.plan().toJson().get("summary"));
        return doc;
    }
}
