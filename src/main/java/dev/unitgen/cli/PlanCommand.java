package dev.unitgen.cli;

import dev.unitgen.generate.Generator;
import dev.unitgen.apply.Pending;
import dev.unitgen.diag.DiagnosticPrinter;
import dev.unitgen.host.HostUnits;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.plan.Plan;
import dev.unitgen.plan.Planner;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plan", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Show what apply would change on the host, and why, without changing anything.",
                "+ marks new units, ~ changed ones (restart or not, and which settings), - units no longer declared.",
                "With --pull: pulls the definitions' images first (the engine's images change, no container does) and shows "
                        + "each running container whose image ID differs from what its reference now points to."},
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen plan",
                "  unitgen plan --diff /etc/unitgen/web.yaml",
                "  unitgen plan --pull                       which containers a new image behind their tag would restart",
                "  unitgen plan --detailed-exitcode >/dev/null; echo $?     0 no changes, 2 changes pending, 1 error",
                "  unitgen plan --offline --root /tmp/scratch      compare with the files under a root only"})
final class PlanCommand implements Callable<Integer> {
    @Mixin
    GenerateOptions options;

    @Mixin
    HostOptions.Bus bus;

    @Mixin
    HostOptions.Offline offline;

    @Mixin
    HostOptions.Docker docker;

    @Option(names = "--pull", description = "Pull the images first (not those of images: or pull_policy never) and plan "
            + "a restart of each running container whose image ID changed.")
    boolean pull;

    @Option(names = "--diff", description = "Also print a unified diff of each unit file (and env file, values hidden).")
    boolean diff;

    @Option(names = "--detailed-exitcode", description = "Exit 2 (instead of 0) when there are changes to apply, 1 on any error (terraform's codes).")
    boolean detailedExitcode;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return run(spec, options, bus, offline, diff, detailedExitcode, pull ? docker : null);
    }

    /** @param pull the engine's options with --pull (null without) */
    static Integer run(CommandSpec spec, GenerateOptions options, HostOptions.Bus bus, HostOptions.Offline offline, boolean diff,
                       boolean detailed, HostOptions.Docker pull) throws Exception {
        if (pull != null && offline.on()) {
            throw new UserException(ExitCode.INVALID, "--pull cannot be used with --offline", "--pull talks to the Docker engine.");
        }
        if (pull != null) {
            pull.check();
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Generator.Result r = options.generate();
        if (!r.ok()) {
            int code = Exits.status(spec.commandLine(), ExitCode.INVALID);
            printDiagnostics(out, err, options, r, code);
            return code;
        }
        HostUnits units = new HostUnits(options.root());
        Plan plan;
        try (ServiceManager manager = bus.manager(units, offline.on())) {
            Set<String> owed = new Pending(options.root()).owedUnits();
            Map<String, dev.unitgen.plan.ImageDrift> drift = Map.of();
            if (pull != null) {
                try (dev.unitgen.host.ContainerEngine engine = pull.engine(false)) {
                    // progress on stderr: stdout holds the plan only
                    java.util.function.Consumer<dev.unitgen.apply.ApplyEvent> progress = e -> {
                        if (e instanceof dev.unitgen.apply.ApplyEvent.Pulling p && p.line() == null && !options.json()) {
                            err.println("Pulling " + p.image() + " ...");
                            err.flush();
                        }
                    };
                    dev.unitgen.apply.ImageUpdates.pull(engine, r.units(), progress);
                    dev.unitgen.apply.ImageUpdates.newerDigests(engine, r.units(), progress, r.diagnostics()::add);
                    drift = dev.unitgen.apply.ImageUpdates.drift(engine, r.units());
                }
            }
            plan = new Planner(units, manager).plan(r.units(), manager.live() ? owed : Set.of(), r.scope(), drift);
        }
        int code = detailed && !plan.isEmpty() ? ExitCode.CHANGES_PENDING.code() : ExitCode.OK.code();
        if (options.json()) {
            Map<String, Object> doc = new LinkedHashMap<>(plan.toJson());
            if (diff) { // each change's unified diffs, as --diff prints them (env values hidden)
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> changes = (List<Map<String, Object>>) doc.get("changes");
                for (int i = 0; i < changes.size(); i++) {
                    changes.get(i).put("diff", PlanPrinter.diff(plan.changes().get(i)));
                }
            }
            JsonOutput.print(out, code, doc, r.diagnostics());
        } else {
            DiagnosticPrinter.printText(err, r.diagnostics());
            PlanPrinter.print(out, plan, diff);
        }
        return code;
    }

    /** Definitions that do not validate: their diagnostics, as text or as the JSON document of exit status {@code code}. */
    static void printDiagnostics(PrintWriter out, PrintWriter err, DefinitionOptions options, Generator.Result r, int code) {
        if (options.json()) {
            JsonOutput.print(out, code, Map.of(), r.diagnostics());
        } else {
            DiagnosticPrinter.printText(err, r.diagnostics());
        }
    }
}
