package dev.unitgen.definition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The keys of one mapping table (containers, images), in table order and by name. */
final class KeyTable {
    private final Map<String, Key<?>> byName = new LinkedHashMap<>();

    <T> Key<T> add(Key<T> key) {
        if (byName.putIfAbsent(key.name(), key) != null) {
            throw new IllegalStateException("key twice in a table: " + key.name());
        }
        return key;
    }

    List<Key<?>> all() {
        return List.copyOf(byName.values());
    }

    Key<?> byName(String name) {
        return byName.get(name);
    }

    Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }
}
