package dev.unitgen.cli;

import dev.unitgen.generate.Generator;
import dev.unitgen.diag.DiagnosticPrinter;
import dev.unitgen.host.AtomicFiles;
import dev.unitgen.render.RenderedUnit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

@Command(name = "render", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Print (or write) the systemd units and env files the definitions become.",
                "Nothing on the host changes: see plan and apply for that. Env file values are never printed."},
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen render examples/web.yaml",
                "  unitgen render --out /tmp/units examples/      writes NAME.service and env/NAME.env",
                "  unitgen render --host-cgroup v2 examples/systemd.yaml"})
final class RenderCommand implements Callable<Integer> {
    @Mixin
    GenerateOptions options;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write each unit to DIR/NAME.service and each env file to DIR/env/NAME.env (mode 0600) instead of printing.")
    Path outDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Generator.Result r = options.generate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!r.ok()) {
            if (options.json()) {
                JsonOutput.print(out, ExitCode.INVALID.code(), Map.of("units", List.of()), r.diagnostics());
            } else {
                DiagnosticPrinter.printText(err, r.diagnostics());
            }
            return ExitCode.INVALID.code();
        }
        if (!options.json()) {
            DiagnosticPrinter.printText(err, r.diagnostics());
        }
        if (outDir != null) {
            try (var t = dev.unitgen.util.Timing.phase("write")) {
                write(r.units(), outDir);
            }
        }
        if (options.json()) {
            List<Object> units = new ArrayList<>();
            for (RenderedUnit u : r.units()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", u.name());
                m.put("unit", u.unitName());
                m.put("path", u.unitPath());
                m.put("content", u.unitText());
                m.put("env_path", u.envPath());
                m.put("env_variables", !u.isContainer() || u.translation().environment() == null ? null
                        : List.copyOf(u.translation().environment().keySet()));
                m.put("docker_argv", u.isContainer() ? u.translation().dockerRunArgv() : null);
                units.add(m);
            }
            JsonOutput.print(out, ExitCode.OK.code(), Map.of("units", units), r.diagnostics());
        } else if (outDir == null) {
            boolean first = true;
            for (RenderedUnit u : r.units()) {
                if (!first) {
                    out.println();
                }
                first = false;
                out.println("# " + u.unitPath());
                out.print(u.unitText());
                if (u.envPath() != null) {
                    out.println();
                    out.println("# " + u.envPath() + " (mode 0600; values not shown, written by --out or apply): "
                            + String.join(" ", u.translation().environment().keySet()));
                }
            }
        } else {
            out.println("Wrote " + r.units().size() + " unit" + (r.units().size() == 1 ? "" : "s") + " to " + outDir + ".");
        }
        return ExitCode.OK.code();
    }

    private static void write(List<RenderedUnit> units, Path dir) {
        try {
            Files.createDirectories(dir);
            AtomicFiles.Batch batch = new AtomicFiles.Batch();
            for (RenderedUnit u : units) {
                if (u.envText() != null) {
                    Path envDir = dir.resolve("env");
                    Files.createDirectories(envDir);
                    batch.add(envDir.resolve(u.translation().name() + ".env"), u.envText(),
                            AtomicFiles.MODE_0600);
                }
                batch.add(dir.resolve(u.unitName()), u.unitText(), AtomicFiles.MODE_0644);
            }
            batch.commit();
        } catch (IOException e) {
            throw new UserException(ExitCode.ERROR, "cannot write to " + dir + ": " + dev.unitgen.util.Text.io(e), null, e);
        }
    }
}
