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
                          String image, ImageBuild build) implements dev.unitgen.definition.Default.Facts {

    public String name() {
        return spec.name();
    }

    @Override
    public boolean declaredImage() {
        return build != null;
    }

    public String unitName() {
        return spec.unitName();
    }

    /** The unit's TimeoutStartSec as rendered (after unit: overrides). */
    public java.time.Duration startTimeout() {
        return serviceSpan("TimeoutStartSec", UnitAssembly.READINESS_MARGIN);
    }

    /** The unit's TimeoutStopSec as rendered (after unit: overrides). */
    public java.time.Duration stopTimeout() {
        return serviceSpan("TimeoutStopSec", java.time.Duration.ofSeconds(90));
    }

    private java.time.Duration serviceSpan(String key, java.time.Duration fallback) {
        List<dev.unitgen.escape.UnitValue> values = unit.section("Service").all(key);
        return values.isEmpty() ? fallback
                : dev.unitgen.unit.SystemdKeys.timeSpan(values.get(values.size() - 1).escaped()).orElse(fallback);
    }
}
