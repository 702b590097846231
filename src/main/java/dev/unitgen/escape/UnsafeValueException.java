package dev.unitgen.escape;

/** A value that cannot be written into its file (unit, env file, Dockerfile, YAML) without changing its meaning. */
public final class UnsafeValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsafeValueException(String message) {
        super(message);
    }
}
