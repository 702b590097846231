package dev.unitgen.unit;

import dev.unitgen.escape.SystemdEscape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A unit file read back the way systemd reads it: comments dropped, continuation lines
 * joined, values trimmed, specifiers in plain values resolved ({@code %%} to {@code %}).
 * Used by the golden tests and to compare what is on a host with what unitgen would write.
 */
public final class ParsedUnit {
    private final Map<String, List<Map.Entry<String, String>>> sections = new LinkedHashMap<>();

    private ParsedUnit() {
    }

    public static ParsedUnit parse(String text) {
        ParsedUnit unit = new ParsedUnit();
        List<Map.Entry<String, String>> current = null;
        String[] lines = text.split("\n", -1);
        StringBuilder pending = null;
        for (String raw : lines) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (pending != null) {
                String t = line.strip();
                if (t.startsWith("#") || t.startsWith(";")) {
                    continue; // comments inside a continuation are skipped
                }
                if (line.endsWith("\\")) {
                    pending.append(' ').append(line, 0, line.length() - 1);
                    continue;
                }
                pending.append(' ').append(line);
                line = pending.toString();
                pending = null;
            } else {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    pending = new StringBuilder(line.substring(0, line.length() - 1));
                    continue;
                }
            }
            String t = line.strip();
            if (t.startsWith("[") && t.endsWith("]")) {
                String name = t.substring(1, t.length() - 1);
                current = unit.sections.computeIfAbsent(name, k -> new ArrayList<>());
                continue;
            }
            int eq = t.indexOf('=');
            if (eq <= 0 || current == null) {
                throw new IllegalArgumentException("not a unit file line: " + line);
            }
            current.add(Map.entry(t.substring(0, eq).strip(), t.substring(eq + 1).strip()));
        }
        return unit;
    }

    public List<String> sectionNames() {
        return new ArrayList<>(sections.keySet());
    }

    /** Every entry of a section in order, raw (still escaped) values. */
    public List<Map.Entry<String, String>> entries(String section) {
        return sections.getOrDefault(section, List.of());
    }

    /** Raw (still escaped) values of a key, in order. */
    public List<String> raw(String section, String key) {
        return entries(section).stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).toList();
    }

    /** Values of a plain key as systemd sees them (specifiers {@code %%} resolved). */
    public List<String> values(String section, String key) {
        return raw(section, key).stream().map(v -> v.replace("%%", "%")).toList();
    }

    public Optional<String> value(String section, String key) {
        List<String> all = values(section, key);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The command lines of an Exec key, parsed as systemd parses them, {@code $$} expanded. */
    public List<SystemdEscape.ExecLine> exec(String section, String key) {
        return raw(section, key).stream().map(v -> SystemdEscape.splitExec(v, true)).toList();
    }
}
