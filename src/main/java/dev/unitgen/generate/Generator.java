package dev.unitgen.generate;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.image.ImageBuild;
import dev.unitgen.image.ImageBuilder;
import dev.unitgen.plan.Scope;
import dev.unitgen.render.RenderedUnit;
import dev.unitgen.render.Renderer;
import dev.unitgen.definition.ContainerDefinition;
import dev.unitgen.definition.DefinitionLoader;
import dev.unitgen.definition.Definitions;
import dev.unitgen.definition.ImageDefinition;
import dev.unitgen.definition.ObjectDefinition;
import dev.unitgen.translate.ObjectUnits;
import dev.unitgen.diag.Diagnostics;
import dev.unitgen.host.CgroupProbe;
import dev.unitgen.image.ImageBuild;
import dev.unitgen.image.ImageBuilder;
import dev.unitgen.layout.CgroupLayout;
import dev.unitgen.layout.Root;
import dev.unitgen.render.RenderedUnit;
import dev.unitgen.render.Renderer;
import dev.unitgen.template.RenderException;
import dev.unitgen.template.Templates;
import dev.unitgen.translate.TranslateOptions;
import dev.unitgen.translate.Translation;
import dev.unitgen.translate.Translator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pipeline every command shares: definition files -> validated specs -> unit models ->
 * rendered text, and declared images -> Dockerfiles and build contexts (their tags are part
 * of the units). Nothing here touches the host beyond reading definitions, the files of
 * images and the cgroup layout.
 */
public final class Generator {
    /**
     * How to generate. {@code hostCgroup} null: detect under the root. {@code render} false
     * stops after translation (validate: the built-in templates cannot fail, and loading
     * FreeMarker is the largest share of a validate run; a --template-dir is still rendered).
     * Declared images are always rendered: their tags are part of the units.
     */
    public record Options(Root root, CgroupLayout hostCgroup, Path templateDir, String docker, boolean render) {
        public Options(Root root, CgroupLayout hostCgroup, Path templateDir, String docker) {
            this(root, hostCgroup, templateDir, docker, true);
        }
    }

    /**
     * Everything one run produced; {@code units} is empty when there were errors. {@code scope}:
     * which managed units the definitions read speak for (a directory: all; files: theirs).
     * {@code images} holds the builds of the declared images that could be prepared, by name.
     */
    public record Result(Diagnostics diagnostics, Definitions definitions, List<RenderedUnit> units,
                         Map<String, ImageBuild> images, int containers, int files, Scope scope) {
        public boolean ok() {
            return !diagnostics.hasErrors();
        }
    }

    private Generator() {
    }

    /**
     * Only the declared images: definitions read and checked together (as {@link #run}), the
     * images' Dockerfiles rendered and their files read; no container is translated.
     */
    public static Result images(List<String> paths, Options options)
            throws DefinitionLoader.NoSuchPathException, IOException, RenderException {
        Diagnostics diagnostics = new Diagnostics();
        DefinitionLoader loader = new DefinitionLoader(options.root(), diagnostics);
        Definitions defs = loader.load(paths);
        Templates templates = new Templates(options.templateDir());
        Map<String, ImageBuild> images = new ImageBuilder(options.root(), templates, diagnostics).prepareAll(defs.images());
        return new Result(diagnostics, defs, List.of(), images, 0, loader.fileCount(), scope(loader));
    }

    private static Scope scope(DefinitionLoader loader) {
        return loader.wholeState() ? Scope.WHOLE : Scope.files(loader.sources());
    }

    public static Result run(List<String> paths, Options options)
            throws DefinitionLoader.NoSuchPathException, IOException, RenderException {
        Diagnostics diagnostics = new Diagnostics();
        DefinitionLoader loader = new DefinitionLoader(options.root(), diagnostics);
        Definitions defs;
        try (var t = dev.unitgen.util.Timing.phase("parse")) {
            defs = loader.load(paths);
        }
        CgroupLayout layout = options.hostCgroup() != null ? options.hostCgroup()
                : CgroupProbe.detectOrRecorded(options.root()).orElse(null);
        String docker = options.docker() == null ? TranslateOptions.DEFAULT_DOCKER : options.docker();
        Translator translator = new Translator(new TranslateOptions(layout, docker), diagnostics);
        Templates templates = null;
        Map<String, ImageBuild> images = Map.of();
        if (!defs.images().isEmpty()) {
            try (var timing = dev.unitgen.util.Timing.phase("dockerfiles")) {
                templates = new Templates(options.templateDir());
                images = new ImageBuilder(options.root(), templates, diagnostics).prepareAll(defs.images());
            }
        }
        List<Translation> translations = new ArrayList<>();
        try (var timing = dev.unitgen.util.Timing.phase("translate")) {
            for (ContainerDefinition c : defs.containers()) {
                ImageDefinition declared = defs.declaredImage(c);
                if (declared != null && !images.containsKey(declared.name())) {
                    continue; // the image's problems are reported
                }
                Translation t = translator.translate(c, defs, declared == null ? null : images.get(declared.name()));
                if (t != null) {
                    translations.add(t);
                }
            }
        }
        List<RenderedUnit> units = new ArrayList<>();
        if (!diagnostics.hasErrors() && (options.render() || options.templateDir() != null)) {
            try (var timing = dev.unitgen.util.Timing.phase("render")) {
                Renderer renderer = new Renderer(templates != null ? templates : new Templates(options.templateDir()));
                units.addAll(renderer.renderAll(translations));
                for (ObjectDefinition.Kind kind : ObjectDefinition.Kind.values()) {
                    for (ObjectDefinition o : defs.objects(kind)) {
                        if (o.valid() && !o.external()) {
                            units.add(renderer.render(o, ObjectUnits.unit(o, docker)));
                        }
                    }
                }
            }
        }
        return new Result(diagnostics, defs, units, images, translations.size(), loader.fileCount(), scope(loader));
    }
}
