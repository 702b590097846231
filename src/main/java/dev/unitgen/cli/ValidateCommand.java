package dev.unitgen.cli;

import dev.unitgen.generate.Generator;
import dev.unitgen.diag.DiagnosticPrinter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Check definitions and report every problem of every file at once.",
                "Exit status 0 when valid (warnings allowed), 2 when not."},
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen validate",
                "  unitgen validate examples/ web.yaml",
                "  unitgen validate --output json /etc/unitgen | jq .diagnostics"})
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    GenerateOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Generator.Result r = options.generate(false);
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int code = r.ok() ? ExitCode.OK.code() : ExitCode.INVALID.code();
        if (options.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("valid", r.ok());
            doc.put("files", r.files());
            doc.put("containers", r.definitions().containers().stream().map(c -> c.name()).toList());
            JsonOutput.print(out, code, doc, r.diagnostics());
        } else {
            DiagnosticPrinter.printText(err, r.diagnostics());
            if (r.ok()) {
                out.println("Success! " + r.containers() + " container" + (r.containers() == 1 ? "" : "s") + " in "
                        + r.files() + " file" + (r.files() == 1 ? "" : "s") + (r.diagnostics().warningCount() > 0
                        ? ", " + r.diagnostics().warningCount() + " warning" + (r.diagnostics().warningCount() == 1 ? "" : "s") : "")
                        + ": the definitions are valid.");
            } else {
                err.println(r.diagnostics().errorCount() + " error" + (r.diagnostics().errorCount() == 1 ? "" : "s")
                        + ", " + r.diagnostics().warningCount() + " warning" + (r.diagnostics().warningCount() == 1 ? "" : "s") + ".");
            }
        }
        return code;
    }
}
