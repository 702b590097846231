package dev.unitgen.plan;

import dev.unitgen.escape.SystemdEscape;
import dev.unitgen.unit.ParsedUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of the units unitgen manages the definitions read speak for, and may therefore remove
 * when they no longer declare them. A directory (or the default /etc/unitgen) is the whole
 * desired state: every managed unit. Definition files named one by one speak only for the
 * units they wrote, known by the {@code Source=} of the unit's [X-Unitgen] section.
 */
public record Scope(boolean whole, Set<String> sources) {
    public static final Scope WHOLE = new Scope(true, Set.of());

    public Scope {
        sources = Set.copyOf(sources);
    }

    /** Only the units written from these definition files (host paths, as in Source=). */
    public static Scope files(List<String> hostPaths) {
        return new Scope(false, new LinkedHashSet<>(hostPaths));
    }

    /** The unit (its text on the host) came from a definition file read this time. */
    public boolean covers(String unitText) {
        if (whole) {
            return true;
        }
        List<String> raw;
        try {
            raw = ParsedUnit.parse(unitText).raw("X-Unitgen", "Source");
        } catch (IllegalArgumentException e) {
            return false; // not readable as a unit: not ours to judge
        }
        return !raw.isEmpty() && sources.stream().anyMatch(s -> escaped(s).equals(raw.get(raw.size() - 1)));
    }

    private static String escaped(String path) {
        try {
            return SystemdEscape.value(path).escaped();
        } catch (dev.unitgen.escape.UnsafeValueException e) {
            return ""; // such a path cannot be in a unit file
        }
    }
}
