package dev.unitgen.cli;

import dev.unitgen.compose.ComposeImporter;
import dev.unitgen.diag.DiagnosticPrinter;
import dev.unitgen.diag.Diagnostics;
import dev.unitgen.diag.SourceFile;
import dev.unitgen.host.AtomicFiles;
import dev.unitgen.definition.DefinitionLoader;
import dev.unitgen.yaml.YamlParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compose", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Convert the services of a docker-compose file into a unitgen definition file.",
                "Every compose key unitgen supports carries over; each one that cannot is reported with its line and the "
                        + "reason, and noted in the result. The result is checked like any definition file.",
                "Exit status 0 when the result is valid, 2 when the compose file cannot be read or the result is not valid."},
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen import compose docker-compose.yml",
                "  unitgen import compose --out /etc/unitgen/shop.yaml --project-name shop compose.yaml"})
final class ImportComposeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The compose file.")
    java.io.File composeFile; // a file: the shells complete file names

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the definition file to FILE (mode 0600) instead of standard output. "
                    + "(--out names where files go, as in render and image render; -o/--output is a format everywhere.)")
    Path output;

    @Option(names = "--project-name", paramLabel = "NAME",
            description = "The compose project name, which names its networks and volumes and labels the containers "
                    + "(default: COMPOSE_PROJECT_NAME of the variables, else the file's name:, else its directory).")
    String projectName;

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Variables for compose's $${VAR} interpolation, in .env format, instead of the .env file beside the compose file "
                    + "(compose's default, read when it exists). COMPOSE_PROJECT_NAME among them names the project.")
    Path envFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path file = composeFile.toPath();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> vars = null; // the .env beside the compose file
        if (envFile != null) {
            vars = ComposeImporter.readEnvFile(new String(read(envFile, "--env-file"), StandardCharsets.UTF_8));
        }
        Path abs = file.toAbsolutePath().normalize();
        if (output != null && output.toAbsolutePath().normalize().equals(abs)) {
            throw new UserException(ExitCode.INVALID, "--out is the compose file itself", "Write the result to another file.");
        }
        Diagnostics decode = new Diagnostics();
        String decoded = YamlParser.decode(read(file, null), abs, file.toString(), decode);
        if (decoded == null) {
            DiagnosticPrinter.printText(err, decode);
            return ExitCode.INVALID.code();
        }
        SourceFile source = new SourceFile(abs, file.toString(), decoded);
        Path outDir = output == null ? null : output.toAbsolutePath().normalize().getParent();
        ComposeImporter.Result r = ComposeImporter.run(source, new ComposeImporter.Options(projectName, outDir, vars));
        if (r.yaml() == null) {
            DiagnosticPrinter.printText(err, r.report());
            err.println("Nothing imported: " + file + " is not a compose file unitgen can read.");
            return ExitCode.INVALID.code();
        }
        Path hostPath = output != null ? output.toAbsolutePath().normalize() : abs.resolveSibling("unitgen-import.yaml");
        ComposeImporter.validate(r, hostPath, output != null ? output.toString() : "(the result)");
        if (output != null) {
            try {
                AtomicFiles.write(output.toAbsolutePath(), r.yaml().getBytes(StandardCharsets.UTF_8), AtomicFiles.MODE_0600);
            } catch (IOException e) {
                throw new UserException(ExitCode.ERROR, "cannot write " + output + ": " + e.getMessage(), null, e);
            }
        } else {
            out.print(r.yaml());
            out.flush();
        }
        DiagnosticPrinter.printText(err, r.report());
        long errors = r.report().errorCount();
        long warnings = r.report().warningCount();
        err.println("Imported " + r.services() + " service" + (r.services() == 1 ? "" : "s") + " from " + file
                + (output != null ? " into " + output : "") + ": " + warnings + " warning" + (warnings == 1 ? "" : "s")
                + " (keys or values not carried over, or changed); "
                + (errors == 0 ? "the result is valid." : "the result is not valid: " + errors + " error" + (errors == 1 ? "" : "s") + "."));
        return errors == 0 ? ExitCode.OK.code() : ExitCode.INVALID.code();
    }

    private static byte[] read(Path p, String option) {
        try {
            if (!Files.isRegularFile(p)) {
                throw new UserException(ExitCode.INVALID, (option == null ? "" : option + " ") + p + " is not a readable file", null);
            }
            if (Files.size(p) > DefinitionLoader.MAX_FILE_BYTES) {
                throw new UserException(ExitCode.INVALID, p + " is larger than " + DefinitionLoader.MAX_FILE_BYTES + " bytes", null);
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UserException(ExitCode.INVALID, "cannot read " + p + ": " + e.getMessage(), null, e);
        }
    }
}
