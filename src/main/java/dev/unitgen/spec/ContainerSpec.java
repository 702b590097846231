package dev.unitgen.spec;

import dev.unitgen.diag.Location;
import dev.unitgen.diag.SourceFile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One validated container definition: its name, where it was declared, and a typed value
 * for each key that was set (directly or through the file's defaults).
 */
public final class ContainerSpec {
    private final String name;
    private final Location nameLocation;
    private final SourceFile file;
    private final String hostSourcePath;
    private final Map<Key<?>, Object> values;
    private final Map<Key<?>, Location> locations;
    private final boolean valid;

    ContainerSpec(String name, Location nameLocation, SourceFile file, String hostSourcePath,
                  Map<Key<?>, Object> values, Map<Key<?>, Location> locations, boolean valid) {
        this.valid = valid;
        this.name = name;
        this.nameLocation = nameLocation;
        this.file = file;
        this.hostSourcePath = hostSourcePath;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
    }

    /**
     * False when a key of the definition did not validate: the container is still checked
     * against the others (names, dependencies), but never translated.
     */
    public boolean valid() {
        return valid;
    }

    /** The container name, also the unit name (NAME.service) and the docker container name. */
    public String name() {
        return name;
    }

    public String unitName() {
        return name + ".service";
    }

    public Location nameLocation() {
        return nameLocation;
    }

    public SourceFile file() {
        return file;
    }

    /** The definition file's path as the host sees it (SourcePath=). */
    public String hostSourcePath() {
        return hostSourcePath;
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

    public <T> List<T> list(Key<List<T>> key) {
        List<T> v = get(key);
        return v == null ? List.of() : v;
    }

    public <V> Map<String, V> map(Key<Map<String, V>> key) {
        Map<String, V> v = get(key);
        return v == null ? Map.of() : v;
    }

    /** Where the key's value was written (in the container or in defaults); the name if unset. */
    public Location locationOf(Key<?> key) {
        return locations.getOrDefault(key, nameLocation);
    }

    /** Every key that was set, in table order. */
    public Map<Key<?>, Object> values() {
        return values;
    }
}
