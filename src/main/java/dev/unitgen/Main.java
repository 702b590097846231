package dev.unitgen;

import dev.unitgen.cli.Terminal;
import dev.unitgen.cli.UnitgenCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import picocli.CommandLine;

/** Entry point: {@code unitgen [--debug] COMMAND ...}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        long started = System.currentTimeMillis();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(Terminal.system(), out, err, args);
        out.flush();
        dev.unitgen.util.Timing.report(err, started);
        err.flush();
        System.exit(code);
    }

    /**
     * Runs unitgen with the given arguments, writing to {@code out} and {@code err}; returns
     * the exit code (see {@link dev.unitgen.cli.ExitCode}). Never throws; a stack trace is printed only with
     * --debug. No terminal: apply and destroy do not ask (as in a script).
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(Terminal.NONE, out, err, args);
    }

    /**
     * As {@link #run(PrintWriter, PrintWriter, String...)}, with a terminal that apply and
     * destroy ask before they act ({@link Terminal#NONE}: nobody to ask, as in a script).
     */
    public static int run(Terminal terminal, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd;
        try (var t = dev.unitgen.util.Timing.phase("cli")) {
            cmd = UnitgenCommand.commandLine(out, err, terminal, args);
        }
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
