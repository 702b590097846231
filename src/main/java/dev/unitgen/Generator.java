package dev.unitgen;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.host.CgroupLayout;
import dev.unitgen.host.Root;
import dev.unitgen.render.RenderedUnit;
import dev.unitgen.render.Renderer;
import dev.unitgen.spec.ContainerSpec;
import dev.unitgen.spec.DefinitionLoader;
import dev.unitgen.spec.Definitions;
import dev.unitgen.translate.TranslateOptions;
import dev.unitgen.translate.Translation;
import dev.unitgen.translate.Translator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline every command shares: definition files -> validated specs -> unit models ->
 * rendered text. Nothing here touches the host beyond reading definitions and the cgroup
 * layout.
 */
public final class Generator {
    /**
     * How to generate. {@code hostCgroup} null: detect under the root. {@code render} false
     * stops after translation (validate: the built-in templates cannot fail, and loading
     * FreeMarker is the largest share of a validate run; a --template-dir is still rendered).
     */
    public record Options(Root root, CgroupLayout hostCgroup, Path templateDir, String docker, boolean render) {
        public Options(Root root, CgroupLayout hostCgroup, Path templateDir, String docker) {
            this(root, hostCgroup, templateDir, docker, true);
        }
    }

    /** Everything one run produced; {@code units} is empty when there were errors. */
    public record Result(Diagnostics diagnostics, Definitions definitions, List<RenderedUnit> units, int containers, int files) {
        public boolean ok() {
            return !diagnostics.hasErrors();
        }
    }

    private Generator() {
    }

    public static Result run(List<String> paths, Options options)
            throws DefinitionLoader.NoSuchPathException, IOException, Renderer.RenderException {
        Diagnostics diagnostics = new Diagnostics();
        DefinitionLoader loader = new DefinitionLoader(options.root(), diagnostics);
        Definitions defs;
        try (var t = dev.unitgen.util.Timing.phase("parse")) {
            defs = loader.load(paths);
        }
        CgroupLayout layout = options.hostCgroup() != null ? options.hostCgroup()
                : CgroupLayout.detect(options.root()).orElse(null);
        Translator translator = new Translator(new TranslateOptions(options.root(), layout,
                options.docker() == null ? TranslateOptions.DEFAULT_DOCKER : options.docker()), diagnostics);
        List<Translation> translations = new ArrayList<>();
        try (var timing = dev.unitgen.util.Timing.phase("translate")) {
            for (ContainerSpec c : defs.containers()) {
                Translation t = translator.translate(c, defs);
                if (t != null) {
                    translations.add(t);
                }
            }
        }
        List<RenderedUnit> units = new ArrayList<>();
        if (!diagnostics.hasErrors() && (options.render() || options.templateDir() != null)) {
            try (var timing = dev.unitgen.util.Timing.phase("render")) {
                Renderer renderer = new Renderer(options.templateDir());
                for (Translation t : translations) {
                    units.add(renderer.render(t));
                }
            }
        }
        return new Result(diagnostics, defs, units, translations.size(), loader.fileCount());
    }
}
