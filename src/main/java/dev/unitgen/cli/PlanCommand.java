package dev.unitgen.cli;

import dev.unitgen.generate.Generator;
import dev.unitgen.apply.Pending;
import dev.unitgen.diag.DiagnosticPrinter;
import dev.unitgen.host.HostUnits;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.plan.Plan;
import dev.unitgen.plan.Planner;
import dev.unitgen.util.Json;
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
                "+ marks new units, ~ changed ones (restart or not, and which settings), - units no longer declared."},
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen plan",
                "  unitgen plan --diff /etc/unitgen/web.yaml",
                "  unitgen plan --detailed-exitcode >/dev/null; echo $?     0 no changes, 2 changes pending, 1 error",
                "  unitgen plan --offline --root /tmp/scratch"})
final class PlanCommand implements Callable<Integer> {
    @Mixin
    GenerateOptions options;

    @Mixin
    HostOptions.Bus bus;

    @Mixin
    HostOptions.Offline offline;

    @Option(names = "--diff", description = "Also print a unified diff of each unit file (and env file, values hidden).")
    boolean diff;

    @Option(names = "--detailed-exitcode", description = "Exit 2 (instead of 0) when there are changes to apply, 1 on any error (terraform's codes).")
    boolean detailedExitcode;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return run(spec, options, bus, offline, diff, detailedExitcode);
    }

    static Integer run(CommandSpec spec, GenerateOptions options, HostOptions.Bus bus, HostOptions.Offline offline, boolean diff,
                       boolean detailed) throws Exception {
        offline.check(options.root);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Generator.Result r = options.generate();
        if (!r.ok()) {
            printDiagnostics(out, err, options, r);
            return Exits.status(spec.commandLine(), ExitCode.INVALID);
        }
        HostUnits units = new HostUnits(options.root());
        Plan plan;
        try (ServiceManager manager = bus.manager(units, offline.on())) {
            Set<String> owed = new Pending(options.root()).owedUnits();
            plan = new Planner(units, manager).plan(r.units(), manager.live() ? owed : Set.of(), r.scope());
        }
        if (options.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("diagnostics", DiagnosticPrinter.toJson(r.diagnostics()));
            doc.putAll(plan.toJson());
            if (diff) { // each change's unified diffs, as --diff prints them (env values hidden)
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> changes = (List<Map<String, Object>>) doc.get("changes");
                for (int i = 0; i < changes.size(); i++) {
                    changes.get(i).put("diff", PlanPrinter.diff(plan.changes().get(i)));
                }
            }
            out.println(Json.write(doc));
        } else {
            DiagnosticPrinter.printText(err, r.diagnostics());
            PlanPrinter.print(out, plan, diff);
        }
        return detailed && !plan.isEmpty() ? ExitCode.CHANGES_PENDING.code() : ExitCode.OK.code();
    }

    static void printDiagnostics(PrintWriter out, PrintWriter err, GenerateOptions options, Generator.Result r) {
        if (options.json()) {
            out.println(Json.write(Map.of("diagnostics", DiagnosticPrinter.toJson(r.diagnostics()))));
        } else {
            DiagnosticPrinter.printText(err, r.diagnostics());
        }
    }
}
