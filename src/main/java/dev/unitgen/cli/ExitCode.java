package dev.unitgen.cli;

import dev.unitgen.apply.Applier;

/**
 * Every exit code unitgen returns, in one place. Documented in unitgen(1), EXIT STATUS.
 */
public enum ExitCode {
    /** Success; for {@code plan --detailed-exitcode}: no changes. */
    OK(0),
    /** A runtime error: I/O, an unreachable manager or engine, an internal error. */
    ERROR(1),
    /** Invalid input or usage: a definition that does not validate, an unknown option. */
    INVALID(2),
    /** {@code plan --detailed-exitcode}: the plan has changes to apply. */
    CHANGES_PENDING(3),
    /** {@code apply}: the host was changed but a unit or container failed verification. */
    VERIFY_FAILED(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The exit code of an apply that ran to its end. */
    public static ExitCode of(Applier.Outcome outcome) {
        return switch (outcome) {
            case APPLIED -> OK;
            case VERIFY_FAILED -> VERIFY_FAILED;
        };
    }
}
