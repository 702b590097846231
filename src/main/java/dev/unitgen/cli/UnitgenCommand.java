package dev.unitgen.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "unitgen",
        description = "Run Docker containers as real systemd services, from declarative YAML definitions.",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        footerHeading = "%nExamples:%n")
public final class UnitgenCommand implements Runnable {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of internal errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private Terminal terminal = Terminal.NONE;

    /** The terminal the commands of this command line may ask at (apply, destroy). */
    static Terminal terminal(CommandLine.Model.CommandSpec anyCommand) {
        return anyCommand.root().userObject() instanceof UnitgenCommand u ? u.terminal : Terminal.NONE;
    }

    /** unitgen alone: the usage, with the list of commands. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The commands, in the order of the usage. */
    private static final List<Class<?>> COMMANDS = List.of(ValidateCommand.class, ConfigCommand.class, RenderCommand.class, PlanCommand.class,
            ApplyCommand.class, StatusCommand.class, DestroyCommand.class, DoctorCommand.class, KeysCommand.class,
            CompletionCommand.class, ImageCommand.class, ImportCommand.class, CommandLine.HelpCommand.class);

    /** The configured command line with every command: exit codes, error printing, writers, the terminal to ask at. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Terminal terminal) {
        return commandLine(out, err, terminal, new String[0]);
    }

    /**
     * The command line to run {@code args} with: with only the command they name when they
     * name one (picocli builds each command's model by reflection at start-up: a third of a
     * small run), else with every command (the usage, suggestions for a mistyped command);
     * completion and help, which read the whole tree, get every command too.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Terminal terminal, String... argv) {
        UnitgenCommand root = new UnitgenCommand();
        root.terminal = terminal;
        CommandLine cmd = new CommandLine(root);
        String named = java.util.Arrays.stream(argv).filter(a -> !a.startsWith("-")).findFirst().orElse(null);
        Class<?> only = COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(named)).findFirst().orElse(null);
        for (Class<?> c : COMMANDS) {
            if (only == null || c == only || only == CompletionCommand.class || only == CommandLine.HelpCommand.class) {
                cmd.addSubcommand(c);
            }
        }
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(false);
        cmd.setParameterExceptionHandler((ex, args) -> {
            CommandLine cl = ex.getCommandLine();
            PrintWriter e = cl.getErr();
            e.println("Error: " + message(ex));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
            e.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
            e.flush();
            int code = Exits.status(cl, ExitCode.INVALID);
            if (JsonOutput.requested(cl, args)) { // tools read stdout: the error, in the one JSON shape
                cl.getOut().println(dev.unitgen.util.Json.write(JsonOutput.failure(code, message(ex),
                        "Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.")));
                cl.getOut().flush();
            }
            return code;
        });
        cmd.setExecutionExceptionHandler((ex, cl, parseResult) -> {
            PrintWriter e = cl.getErr();
            boolean debug = isDebug(cl);
            Exits.Failure f = Exits.of(ex).orElse(null);
            if (f == null) {
                e.println("Error: internal error: " + ex);
                if (debug) {
                    ex.printStackTrace(e);
                } else {
                    e.println("Run again with --debug for details, and report it.");
                }
                e.flush();
                json(cl, ExitCode.ERROR.code(), "internal error: " + ex, "Run again with --debug for details, and report it.",
                        new dev.unitgen.diag.Diagnostics());
                return ExitCode.ERROR.code();
            }
            e.println("Error: " + f.message());
            if (f.hint() != null) {
                e.println();
                e.println(f.hint());
            }
            if (debug && (ex.getCause() != null || !(ex instanceof UserException))) {
                (ex.getCause() != null ? ex.getCause() : ex).printStackTrace(e);
            }
            e.flush();
            json(cl, Exits.status(cl, f.code()), f.message(), f.hint(),
                    ex instanceof UserException u ? u.diagnostics() : new dev.unitgen.diag.Diagnostics());
            return Exits.status(cl, f.code());
        });
        cmd.getCommandSpec().usageMessage().footer(footer());
        return cmd;
    }

    /** With -o json: the failure as the command's JSON document on standard output too (the text stays on stderr). */
    private static void json(CommandLine cl, int code, String message, String hint, dev.unitgen.diag.Diagnostics behind) {
        if (JsonOutput.requested(cl)) {
            cl.getOut().println(dev.unitgen.util.Json.write(JsonOutput.failure(code, message, hint, behind)));
            cl.getOut().flush();
        }
    }

    /** picocli's message, except for an unknown command: said as such. */
    private static String message(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !ex.getCommandLine().getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + u.getUnmatched().get(0) + "'";
        }
        return ex.getMessage();
    }

    /** The examples, then the exit codes, from {@link ExitCode}: the one table. */
    static String[] footer() {
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(
                "  unitgen validate                      check /etc/unitgen/*.yaml",
                "  unitgen render examples/              print the units of examples/*.yaml",
                "  unitgen render --out /tmp/units web.yaml",
                "",
                "Exit status:"));
        for (ExitCode c : ExitCode.values()) {
            lines.add("  " + c.code() + "  " + c.meaning().replace("%", "%%"));
        }
        lines.add("See unitgen(1) and unitgen.yaml(5).");
        return lines.toArray(String[]::new);
    }

    private static boolean isDebug(CommandLine cl) {
        Object root = cl.getCommandSpec().root().userObject();
        return root instanceof UnitgenCommand u && u.debug;
    }
}
