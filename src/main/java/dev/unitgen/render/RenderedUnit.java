package dev.unitgen.render;

import dev.unitgen.definition.ObjectDefinition;
import dev.unitgen.translate.Translation;

/**
 * A unit rendered to text: a container's (its {@code translation}; its env file, null without
 * environment) or a declared network's or volume's ({@code object}; no env file). Exactly one
 * of {@code translation} and {@code object} is set. {@code unitPath} and {@code envPath} are
 * host paths.
 */
public record RenderedUnit(Translation translation, ObjectDefinition object, String unitName, String unitPath, String unitText,
                           String envPath, String envText) {

    /** Whether this is a container's unit (else a network's or volume's). */
    public boolean isContainer() {
        return translation != null;
    }

    /** The container's name, or the unit's name without .service for a network or volume. */
    public String name() {
        return translation != null ? translation.name() : unitName.substring(0, unitName.length() - ".service".length());
    }

    /** Whether the unit is enabled: a container's enabled key; a network's or volume's always. */
    public boolean enabled() {
        return translation == null || translation.enabled();
    }

    /** Whether a change restarts it: a container's restart_on_change; a network's or volume's always. */
    public boolean restartOnChange() {
        return translation == null || translation.restartOnChange();
    }
}
