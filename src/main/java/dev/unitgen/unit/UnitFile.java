package dev.unitgen.unit;

import dev.unitgen.escape.SystemdEscape;
import dev.unitgen.escape.UnitValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A systemd unit file: ordered sections of ordered {@code Key=value} entries, repeated keys
 * allowed, plus leading comment lines. Values enter only through {@link SystemdEscape}; the
 * FreeMarker template (templates/unit.ftl) is the one writer.
 */
public final class UnitFile {
    private final String name;
    private final List<UnitValue> comments = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();

    public UnitFile(String name) {
        this.name = name;
    }

    /** The file name, e.g. {@code web.service}. */
    public String name() {
        return name;
    }

    /** Adds a comment line for the file header (escaped; without the leading "# "). */
    public UnitFile comment(String text) {
        comments.add(SystemdEscape.comment(text));
        return this;
    }

    public List<UnitValue> comments() {
        return Collections.unmodifiableList(comments);
    }

    /** The section named {@code name}, created at the end when missing. */
    public Section section(String sectionName) {
        for (Section s : sections) {
            if (s.name().equals(sectionName)) {
                return s;
            }
        }
        Section s = new Section(SystemdEscape.sectionName(sectionName));
        sections.add(s);
        return s;
    }

    /** Sections in order, empty ones left out. */
    public List<Section> sections() {
        return sections.stream().filter(s -> !s.entries().isEmpty()).toList();
    }

    /** One ordered section. */
    public static final class Section {
        private final String name;
        private final List<Entry> entries = new ArrayList<>();

        Section(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public List<Entry> entries() {
            return Collections.unmodifiableList(entries);
        }

        /** Appends {@code key=value}, the value written literally. */
        public Section add(String key, String value) {
            entries.add(new Entry(SystemdEscape.key(key), value(key, value)));
            return this;
        }

        /**
         * The value as systemd will read {@code value}: {@code %} as {@code %%}, except in the
         * settings where systemd resolves no specifiers (a percentage: {@code MemoryMax=50%}).
         */
        private UnitValue value(String key, String value) {
            return SystemdValues.noSpecifiers(key, SystemdKeys.type(name, key)) ? SystemdEscape.literal(value) : SystemdEscape.value(value);
        }

        /** Appends a command line. */
        public Section addExec(String key, String prefix, List<String> argv) {
            entries.add(new Entry(SystemdEscape.key(key), SystemdEscape.exec(prefix, argv)));
            return this;
        }

        /** Replaces every entry of {@code key} by one entry, in the place of the first. */
        public Section set(String key, String value) {
            UnitValue v = value(key, value);
            int at = -1;
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (entries.get(i).key().equals(key)) {
                    entries.remove(i);
                    at = i;
                }
            }
            Entry e = new Entry(SystemdEscape.key(key), v);
            if (at < 0) {
                entries.add(e);
            } else {
                entries.add(at, e);
            }
            return this;
        }

        public boolean remove(String key) {
            return entries.removeIf(e -> e.key().equals(key));
        }

        public List<UnitValue> all(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).map(Entry::value).toList();
        }

        public boolean has(String key) {
            return entries.stream().anyMatch(e -> e.key().equals(key));
        }
    }

    /** {@code key=value} with an escaped value. */
    public record Entry(String key, UnitValue value) {
        /** The FreeMarker template reads this. */
        public String getKey() {
            return key;
        }

        public UnitValue getValue() {
            return value;
        }
    }
}
