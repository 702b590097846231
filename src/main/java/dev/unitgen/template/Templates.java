package dev.unitgen.template;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.core.TemplateClassResolver;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The FreeMarker templates in templates/ (on the classpath; {@code --template-dir} overrides
 * single files), shared by the unit, env file and Dockerfile renderers. Templates decide
 * layout only: each must declare the output format of its file ({@link CheckedOutputFormat}),
 * so every value it prints is escaped.
 */
public final class Templates {
    static {
        System.setProperty("org.freemarker.loggerLibrary", "none");
    }

    private final Configuration cfg;

    public Templates(Path templateDir) throws IOException {
        cfg = new Configuration(Configuration.VERSION_2_3_34);
        List<TemplateLoader> loaders = new ArrayList<>();
        if (templateDir != null) {
            loaders.add(new FileTemplateLoader(templateDir.toFile()));
        }
        loaders.add(new ClassTemplateLoader(Templates.class, "/templates"));
        cfg.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(new TemplateLoader[0])));
        cfg.setRegisteredCustomOutputFormats(List.of(CheckedOutputFormat.UNIT, CheckedOutputFormat.ENV,
                CheckedOutputFormat.DOCKERFILE));
        cfg.setDefaultEncoding("UTF-8");
        cfg.setLocale(Locale.ROOT);
        cfg.setNumberFormat("computer");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
    }

    /** Runs template {@code name}, which must declare the output format {@code expected}, on {@code model}. */
    public String process(String name, CheckedOutputFormat expected, Map<String, Object> model) throws RenderException {
        try {
            Template template = cfg.getTemplate(name);
            if (template.getOutputFormat() != expected) {
                throw new RenderException("template " + name + " must start with <#ftl output_format=\"" + expected.getName()
                        + "\">, so that everything it prints is escaped");
            }
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new RenderException("cannot load template " + name + ": " + e.getMessage());
        } catch (TemplateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new RenderException("template " + name + " failed: " + firstLine(cause.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
