package dev.unitgen.cli;

import dev.unitgen.apply.Applier;

/**
 * Every exit code unitgen returns, in one place, each with what it means and why it was
 * chosen. unitgen(1) EXIT STATUS and {@code unitgen --help} print this table (ManPageTest
 * checks the page against it); {@code cli.Exits} maps every outcome of a command to a row.
 */
public enum ExitCode {
    OK(0, "success: the definitions are valid (warnings allowed), the command did its work; "
            + "plan --detailed-exitcode: no changes",
            "the shell's success"),
    ERROR(1, "a runtime error: the host (systemd, Docker, files), I/O, a lock held too long, an internal error; "
            + "apply or destroy answered with anything but yes; with plan --detailed-exitcode, every error",
            "the shell's generic failure, as terraform uses it; a cancelled apply did not do what was asked, "
                    + "so that unitgen apply && next stops"),
    INVALID(2, "invalid input or usage: definitions that do not validate, an unknown command, option or key, "
            + "an invalid option value, a missing PATH, a NAME unitgen does not manage",
            "2 is the usage error of getopt, picocli and the shells; nothing was done"),
    CHANGES_PENDING(2, "plan --detailed-exitcode only: the plan has changes to apply",
            "terraform's -detailed-exitcode (0 no changes, 1 error, 2 changes); under it an invalid definition "
                    + "exits 1, so that 2 means changes and nothing else"),
    VERIFY_FAILED(4, "apply only: the host was changed, but a unit or its container failed verification",
            "apart from 1 (nothing or not everything was done) and 2, so that configuration management can tell "
                    + "a host that was changed but is unhealthy; 3 stays unused (older unitgen said changes with it)");

    private final int code;
    private final String meaning;
    private final String reason;

    ExitCode(int code, String meaning, String reason) {
        this.code = code;
        this.meaning = meaning;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    /** What the code says, for unitgen(1) and --help. */
    public String meaning() {
        return meaning;
    }

    /** Why this number. */
    public String reason() {
        return reason;
    }

    /** The exit code of an apply that ran to its end. */
    public static ExitCode of(Applier.Outcome outcome) {
        return switch (outcome) {
            case APPLIED -> OK;
            case VERIFY_FAILED -> VERIFY_FAILED;
        };
    }
}
