package dev.unitgen.template;

import dev.unitgen.escape.DockerfileEscape;
import dev.unitgen.escape.EnvFileEscape;
import dev.unitgen.escape.SystemdEscape;
import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import java.io.IOException;
import java.io.Writer;
import java.util.function.UnaryOperator;

/**
 * The FreeMarker output formats of unitgen's templates, one per kind of file. A value a
 * template prints is either markup made by the escaping package (dev.unitgen.escape) for
 * its place (passed through), or plain text, which goes through that package's check for its
 * kind of file (and is refused when it could add or join a line). A template cannot print
 * unescaped text; each must declare its format ({@link Templates} checks).
 */
public final class CheckedOutputFormat extends CommonMarkupOutputFormat<CheckedOutputFormat.Markup> {
    /** systemd units: plain text is written as a literal unit value. */
    public static final CheckedOutputFormat UNIT = new CheckedOutputFormat("systemd-unit", "text/x-systemd-unit",
            text -> SystemdEscape.value(text).escaped());
    /** docker env files. */
    public static final CheckedOutputFormat ENV = new CheckedOutputFormat("docker-env", "text/x-docker-env", EnvFileEscape::text);
    /** Dockerfiles. */
    public static final CheckedOutputFormat DOCKERFILE = new CheckedOutputFormat("dockerfile", "text/x-dockerfile",
            DockerfileEscape::text);

    private final String name;
    private final String mimeType;
    private final UnaryOperator<String> plainText;

    private CheckedOutputFormat(String name, String mimeType, UnaryOperator<String> plainText) {
        this.name = name;
        this.mimeType = mimeType;
        this.plainText = plainText;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getMimeType() {
        return mimeType;
    }

    @Override
    public void output(String textToEsc, Writer out) throws IOException {
        out.write(escapePlainText(textToEsc));
    }

    @Override
    public String escapePlainText(String plainTextContent) {
        return plainText.apply(plainTextContent);
    }

    @Override
    public boolean isLegacyBuiltInBypassed(String builtInName) {
        return false;
    }

    /** Text already escaped for this format by the escaping package, for a template's data model. */
    public Markup markup(String escaped) {
        try {
            return fromMarkup(escaped);
        } catch (freemarker.template.TemplateModelException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Markup newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
        return new Markup(this, plainTextContent, markupContent);
    }

    /** Text of one of these formats, made by the escaping package. */
    public static final class Markup extends CommonTemplateMarkupOutputModel<Markup> {
        private final CheckedOutputFormat format;

        Markup(CheckedOutputFormat format, String plainTextContent, String markupContent) {
            super(plainTextContent, markupContent);
            this.format = format;
        }

        @Override
        public CheckedOutputFormat getOutputFormat() {
            return format;
        }
    }
}
