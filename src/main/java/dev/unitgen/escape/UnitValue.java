package dev.unitgen.escape;

import java.util.Objects;

/**
 * A value already escaped for a systemd unit file. Only {@link SystemdEscape} creates these, so a
 * value that reaches a unit file has passed the escaping package by construction.
 */
public final class UnitValue {
    private final String escaped;

    UnitValue(String escaped) {
        this.escaped = Objects.requireNonNull(escaped);
    }

    /** The text exactly as it appears after {@code Key=} in the unit file. */
    public String escaped() {
        return escaped;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitValue v && v.escaped.equals(escaped);
    }

    @Override
    public int hashCode() {
        return escaped.hashCode();
    }

    @Override
    public String toString() {
        return escaped;
    }
}
