package dev.unitgen.translate;

import dev.unitgen.image.ImageBuild;
import dev.unitgen.definition.ContainerDefinition;
import dev.unitgen.unit.UnitFile;
import java.util.List;
import java.util.Map;

/**
 * What one container becomes: its unit (model), its env file (sorted variables, or null
 * when it has no environment), the docker run argv the unit runs (for tests and tools), and
 * the facts apply needs: the image it runs and, for an image declared under images:, the
 * build that makes it (null for an image of a registry).
 */
public record Translation(ContainerDefinition spec, UnitFile unit, Map<String, String> environment,
                          List<String> dockerRunArgv, boolean systemd, boolean enabled, boolean restartOnChange,
                          String image, ImageBuild build) {

    public String name() {
        return spec.name();
    }

    public String unitName() {
        return spec.unitName();
    }
}
