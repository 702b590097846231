package dev.unitgen.yaml;

import dev.unitgen.diag.Location;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A mapping with string keys, in source order; duplicate keys were rejected by the parser. */
public record YMap(List<Entry> entries, Location location) implements YNode {

    public record Entry(YScalar key, YNode value) {
        public String name() {
            return key.value();
        }
    }

    public YMap {
        entries = Collections.unmodifiableList(new ArrayList<>(entries));
    }

    public Optional<Entry> entry(String key) {
        for (Entry e : entries) {
            if (e.name().equals(key)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public Optional<YNode> get(String key) {
        return entry(key).map(Entry::value);
    }

    @Override
    public String kind() {
        return "a mapping";
    }
}
