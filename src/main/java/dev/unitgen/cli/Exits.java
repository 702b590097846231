package dev.unitgen.cli;

import dev.unitgen.definition.DefinitionLoader;
import dev.unitgen.host.HostException;
import dev.unitgen.template.RenderException;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The one place where what happened to a command becomes an exit code (the codes and their
 * reasons: {@link ExitCode}): every exception a command throws, and the rule of
 * {@code plan --detailed-exitcode}. The execution and parameter exception handlers of
 * {@link UnitgenCommand} and the commands' own results go through it.
 */
final class Exits {
    private Exits() {
    }

    /** An error for the user: its exit code, message and hint. */
    record Failure(ExitCode code, String message, String hint) {
    }

    /** The failure an exception stands for; empty for an internal error (a bug: exit 1, stack trace with --debug). */
    static Optional<Failure> of(Throwable ex) {
        if (ex instanceof UserException u) {
            return Optional.of(new Failure(u.exitCode(), u.getMessage(), u.hint()));
        }
        if (ex instanceof HostException h) {
            return Optional.of(new Failure(ExitCode.ERROR, h.getMessage(), h.hint()));
        }
        if (ex instanceof DefinitionLoader.NoSuchPathException p) {
            return Optional.of(new Failure(ExitCode.INVALID, "no such file or directory: " + p.getMessage(), p.defaultDirectory()
                    ? "Put definitions in /etc/unitgen, or name files or directories on the command line." : null));
        }
        if (ex instanceof RenderException r) {
            return Optional.of(new Failure(ExitCode.INVALID, r.getMessage(), null));
        }
        if (ex instanceof IOException io) {
            return Optional.of(new Failure(ExitCode.ERROR, "I/O error: " + dev.unitgen.util.Text.io(io), null));
        }
        return Optional.empty();
    }

    /**
     * The exit status of {@code code} for the command {@code cl} ran: under
     * {@code plan --detailed-exitcode} every failure is 1, so that 2 means changes only (terraform).
     */
    static int status(CommandLine cl, ExitCode code) {
        if (code == ExitCode.INVALID && cl != null && cl.getCommandSpec().userObject() instanceof PlanCommand p && p.detailedExitcode) {
            return ExitCode.ERROR.code();
        }
        return code.code();
    }
}
