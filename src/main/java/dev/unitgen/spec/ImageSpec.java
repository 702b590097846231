package dev.unitgen.spec;

import dev.unitgen.diag.Location;
import dev.unitgen.diag.SourceFile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One validated image definition (under {@code images:}): a systemd-enabled image that
 * unitgen builds, and that containers name in {@code image:}.
 */
public final class ImageSpec {
    private final String name;
    private final Location nameLocation;
    private final SourceFile file;
    private final String hostSourcePath;
    private final DistroFamily family;
    private final Map<Key<?>, Object> values;
    private final Map<Key<?>, Location> locations;
    private final boolean valid;

    ImageSpec(String name, Location nameLocation, SourceFile file, String hostSourcePath, DistroFamily family,
              Map<Key<?>, Object> values, Map<Key<?>, Location> locations, boolean valid) {
        this.name = name;
        this.nameLocation = nameLocation;
        this.file = file;
        this.hostSourcePath = hostSourcePath;
        this.family = family;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
        this.valid = valid;
    }

    public String name() {
        return name;
    }

    /** The repository of the images built from this definition: unitgen/NAME. */
    public String repository() {
        return "unitgen/" + name;
    }

    public Location nameLocation() {
        return nameLocation;
    }

    public SourceFile file() {
        return file;
    }

    public String hostSourcePath() {
        return hostSourcePath;
    }

    /** The family: given, or told by the base image's name (null only when invalid). */
    public DistroFamily family() {
        return family;
    }

    public boolean valid() {
        return valid;
    }

    public String from() {
        return get(ImageKeys.FROM);
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

    public Location locationOf(Key<?> key) {
        return locations.getOrDefault(key, nameLocation);
    }
}
