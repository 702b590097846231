package dev.unitgen.render;

import dev.unitgen.unit.Escaping;
import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;

/**
 * FreeMarker output format of unit templates: a value the template prints is either
 * markup made by the escaping module (passed through) or plain text, which is escaped as a
 * literal unit value (and refused when it holds a newline): a template cannot print
 * unescaped text into a unit.
 */
public final class UnitOutputFormat extends CommonMarkupOutputFormat<UnitOutputFormat.Markup> {
    public static final UnitOutputFormat INSTANCE = new UnitOutputFormat();
    public static final String NAME = "systemd-unit";

    private UnitOutputFormat() {
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getMimeType() {
        return "text/x-systemd-unit";
    }

    @Override
    public void output(String textToEsc, Writer out) throws IOException {
        out.write(escapePlainText(textToEsc));
    }

    @Override
    public String escapePlainText(String plainTextContent) {
        return Escaping.value(plainTextContent).escaped();
    }

    @Override
    public boolean isLegacyBuiltInBypassed(String builtInName) {
        return false;
    }

    @Override
    protected Markup newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
        return new Markup(plainTextContent, markupContent);
    }

    /** Escaped unit text. */
    public static final class Markup extends CommonTemplateMarkupOutputModel<Markup> {
        Markup(String plainTextContent, String markupContent) {
            super(plainTextContent, markupContent);
        }

        @Override
        public UnitOutputFormat getOutputFormat() {
            return INSTANCE;
        }
    }
}
