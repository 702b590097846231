package dev.unitgen.cli;


/** An error with a message meant for the user (no stack trace) and its exit code. */
public class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;
    private final String hint;
    private dev.unitgen.diag.Diagnostics diagnostics;

    public UserException(ExitCode exitCode, String message, String hint) {
        super(message);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public UserException(ExitCode exitCode, String message, String hint, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public String hint() {
        return hint;
    }

    /** This error, with the diagnostics of the definitions behind it (for --output json: they precede it). */
    public UserException with(dev.unitgen.diag.Diagnostics behind) {
        this.diagnostics = behind;
        return this;
    }

    /** The diagnostics behind this error; empty when none. */
    public dev.unitgen.diag.Diagnostics diagnostics() {
        return diagnostics == null ? new dev.unitgen.diag.Diagnostics() : diagnostics;
    }
}
