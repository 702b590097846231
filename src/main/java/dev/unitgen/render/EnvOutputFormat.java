package dev.unitgen.render;

import dev.unitgen.unit.UnsafeValueException;
import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;

/**
 * FreeMarker output format of env file templates: lines come from the escaping module;
 * plain text holding a line break or NUL is refused.
 */
public final class EnvOutputFormat extends CommonMarkupOutputFormat<EnvOutputFormat.Markup> {
    public static final EnvOutputFormat INSTANCE = new EnvOutputFormat();
    public static final String NAME = "docker-env";

    private EnvOutputFormat() {
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getMimeType() {
        return "text/x-docker-env";
    }

    @Override
    public void output(String textToEsc, Writer out) throws IOException {
        out.write(escapePlainText(textToEsc));
    }

    @Override
    public String escapePlainText(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf(0) >= 0) {
            throw new UnsafeValueException("a line break or NUL cannot be written into an env file");
        }
        return text;
    }

    @Override
    public boolean isLegacyBuiltInBypassed(String builtInName) {
        return false;
    }

    @Override
    protected Markup newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
        return new Markup(plainTextContent, markupContent);
    }

    public static final class Markup extends CommonTemplateMarkupOutputModel<Markup> {
        Markup(String plainTextContent, String markupContent) {
            super(plainTextContent, markupContent);
        }

        @Override
        public EnvOutputFormat getOutputFormat() {
            return INSTANCE;
        }
    }
}
