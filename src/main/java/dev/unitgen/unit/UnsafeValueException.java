package dev.unitgen.unit;

/** A value that cannot be written into a unit or env file without changing its meaning. */
public final class UnsafeValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsafeValueException(String message) {
        super(message);
    }
}
