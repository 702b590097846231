package dev.unitgen.render;

import dev.unitgen.translate.Translation;

/**
 * A container rendered to text: its unit file and its env file (null without environment).
 * {@code unitPath} and {@code envPath} are host paths.
 */
public record RenderedUnit(Translation translation, String unitPath, String unitText, String envPath, String envText) {
    public String unitName() {
        return translation.unitName();
    }
}
