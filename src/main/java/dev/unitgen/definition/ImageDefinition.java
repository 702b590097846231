package dev.unitgen.definition;

import dev.unitgen.diag.Location;
import dev.unitgen.diag.SourceFile;
import java.util.Map;

/**
 * One validated image definition (under {@code images:}): a systemd-enabled image that
 * unitgen builds, and that containers name in {@code image:}.
 */
public final class ImageDefinition extends Declared {
    private final DistroFamily family;

    ImageDefinition(String name, Location nameLocation, SourceFile file, String hostSourcePath, DistroFamily family,
              Map<Key<?>, Object> values, Map<Key<?>, Location> locations, boolean valid) {
        super(name, nameLocation, file, hostSourcePath, values, locations, valid);
        this.family = family;
    }

    /** The repository of the images built from this definition: unitgen/NAME. */
    public String repository() {
        return "unitgen/" + name();
    }

    /** The family: given, or told by the base image's name (null only when invalid). */
    public DistroFamily family() {
        return family;
    }

    public String from() {
        return get(ImageKeys.FROM);
    }
}
