package dev.unitgen.definition;

import dev.unitgen.diag.Location;
import dev.unitgen.diag.SourceFile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a container and an image definition share: a name, where it was declared, whether it
 * validated, and a typed value for each key of its mapping table that was set.
 */
public abstract class Declared {
    private final String name;
    private final Location nameLocation;
    private final SourceFile file;
    private final String hostSourcePath;
    private final Map<Key<?>, Object> values;
    private final Map<Key<?>, Location> locations;
    private final boolean valid;

    Declared(String name, Location nameLocation, SourceFile file, String hostSourcePath, Map<Key<?>, Object> values,
             Map<Key<?>, Location> locations, boolean valid) {
        this.name = name;
        this.nameLocation = nameLocation;
        this.file = file;
        this.hostSourcePath = hostSourcePath;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
        this.valid = valid;
    }

    public String name() {
        return name;
    }

    public Location nameLocation() {
        return nameLocation;
    }

    public SourceFile file() {
        return file;
    }

    /** The definition file's path as the host sees it. */
    public String hostSourcePath() {
        return hostSourcePath;
    }

    /**
     * False when a key did not validate: still checked against the others (names,
     * references), but never translated or built.
     */
    public boolean valid() {
        return valid;
    }

    public boolean has(Key<?> key) {
        return values.containsKey(key);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        return (T) values.get(key);
    }

    public <T> T get(Key<T> key, T fallback) {
        T v = get(key);
        return v == null ? fallback : v;
    }

    /** The key's value, else its default for these facts (its table row's); null when it has neither. */
    public <T> T effective(Key<T> key, Default.Facts facts) {
        return key.orDefault(get(key), facts);
    }

    public <T> List<T> list(Key<List<T>> key) {
        List<T> v = get(key);
        return v == null ? List.of() : v;
    }

    public <V> Map<String, V> map(Key<Map<String, V>> key) {
        Map<String, V> v = get(key);
        return v == null ? Map.of() : v;
    }

    /** Where the key's value was written (in the definition or in defaults); the name if unset. */
    public Location locationOf(Key<?> key) {
        return locations.getOrDefault(key, nameLocation);
    }

    /** Every key that was set, in table order. */
    public Map<Key<?>, Object> values() {
        return values;
    }
}
