package dev.unitgen.render;

import dev.unitgen.unit.UnsafeValueException;
import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;

/**
 * FreeMarker output format of Dockerfile templates: every value of the data model is markup
 * made by the escaping module for its place (an exec form, a shell word, a COPY source and
 * target); plain text the template prints is refused when it holds a line break, a NUL or
 * ends in a backslash, so that no value can add or continue an instruction.
 */
public final class DockerfileOutputFormat extends CommonMarkupOutputFormat<DockerfileOutputFormat.Markup> {
    public static final DockerfileOutputFormat INSTANCE = new DockerfileOutputFormat();
    public static final String NAME = "dockerfile";

    private DockerfileOutputFormat() {
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getMimeType() {
        return "text/x-dockerfile";
    }

    @Override
    public void output(String textToEsc, Writer out) throws IOException {
        out.write(escapePlainText(textToEsc));
    }

    @Override
    public String escapePlainText(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf(0) >= 0 || text.endsWith("\\")) {
            throw new UnsafeValueException("a line break, NUL or trailing backslash cannot be printed into a Dockerfile");
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

    /** Dockerfile text made by the escaping module. */
    public static final class Markup extends CommonTemplateMarkupOutputModel<Markup> {
        Markup(String plainTextContent, String markupContent) {
            super(plainTextContent, markupContent);
        }

        @Override
        public DockerfileOutputFormat getOutputFormat() {
            return INSTANCE;
        }
    }
}
