package dev.unitgen.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "unitgen",
        description = "Run Docker containers as real systemd services, from declarative YAML definitions.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        subcommands = {ValidateCommand.class, RenderCommand.class, PlanCommand.class, ApplyCommand.class, StatusCommand.class,
                DestroyCommand.class, DoctorCommand.class, KeysCommand.class, CompletionCommand.class,
                ImageCommand.class, ImportCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  unitgen validate                      check /etc/unitgen/*.yaml",
                "  unitgen render examples/              print the units of examples/*.yaml",
                "  unitgen render --out /tmp/units web.yaml",
                "",
                "Exit status: 0 ok, 1 runtime error, 2 invalid definitions or usage,",
                "3 changes pending (plan --detailed-exitcode), 4 applied but verification failed.",
                "See unitgen(1) and unitgen.yaml(5)."})
public final class UnitgenCommand implements Runnable {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of internal errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** The configured command line: exit codes, error printing, writers. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new UnitgenCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(false);
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine cl = ex.getCommandLine();
            PrintWriter e = cl.getErr();
            e.println("Error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
            e.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
            e.flush();
            return ExitCode.INVALID.code();
        });
        cmd.setExecutionExceptionHandler((ex, cl, parseResult) -> {
            PrintWriter e = cl.getErr();
            boolean debug = isDebug(cl);
            if (ex instanceof dev.unitgen.host.HostException h) {
                e.println("Error: " + h.getMessage());
                if (h.hint() != null) {
                    e.println();
                    e.println(h.hint());
                }
                if (debug && h.getCause() != null) {
                    h.getCause().printStackTrace(e);
                }
                e.flush();
                return ExitCode.ERROR.code();
            }
            if (ex instanceof UserException u) {
                e.println("Error: " + u.getMessage());
                if (u.hint() != null) {
                    e.println();
                    e.println(u.hint());
                }
                if (debug && u.getCause() != null) {
                    u.getCause().printStackTrace(e);
                }
                e.flush();
                return u.exitCode().code();
            }
            e.println("Error: internal error: " + ex);
            if (debug) {
                ex.printStackTrace(e);
            } else {
                e.println("Run again with --debug for details, and report it.");
            }
            e.flush();
            return ExitCode.ERROR.code();
        });
        return cmd;
    }

    private static boolean isDebug(CommandLine cl) {
        Object root = cl.getCommandSpec().root().userObject();
        return root instanceof UnitgenCommand u && u.debug;
    }
}
