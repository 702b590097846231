package dev.unitgen.yaml;

import dev.unitgen.diag.Location;
import java.util.Set;

/**
 * A scalar: its text exactly as YAML parsed it. {@code plain} is false for quoted and block
 * scalars. A plain empty, {@code ~} or {@code null} scalar is YAML's null.
 */
public record YScalar(String value, boolean plain, Location location) implements YNode {
    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

    public boolean isNull() {
        return plain && NULLS.contains(value);
    }

    @Override
    public String kind() {
        return isNull() ? "null" : "a scalar";
    }
}
