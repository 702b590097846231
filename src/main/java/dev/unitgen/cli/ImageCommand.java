package dev.unitgen.cli;

import dev.unitgen.generate.Generator;
import dev.unitgen.definition.DefinitionLoader;
import dev.unitgen.definition.ImageDefinition;
import dev.unitgen.diag.DiagnosticPrinter;
import dev.unitgen.image.ImageBuild;
import dev.unitgen.layout.Root;
import dev.unitgen.template.RenderException;
import dev.unitgen.util.Text;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code unitgen image render|build NAME [PATH...]}: the images declared under images:. */
@Command(name = "image", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Render or build the systemd images declared under images: in definition files.",
                "A container whose image: names a declared image runs it; apply builds it when the engine does not have it."},
        subcommands = {ImageRenderCommand.class, ImageBuildCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen image render web examples/images.yaml",
                "  unitgen image build web"})
final class ImageCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: render or build");
    }

    /** NAME, PATH... and the options every image command takes (a picocli mixin). */
    static final class Selection {
        @Parameters(index = "0", paramLabel = "NAME", description = "The image, as declared under images:.")
        String name;

        @Parameters(index = "1..*", paramLabel = "PATH", arity = "0..*",
                description = "Definition files, or directories of *.yaml/*.yml files. Default: /etc/unitgen (under --root).")
        List<java.io.File> paths = new ArrayList<>();

        @Mixin
        CommonOptions.RootDir root;

        @Option(names = "--template-dir", paramLabel = "DIR",
                description = "Directory whose dockerfile-debian.ftl / dockerfile-fedora.ftl replace the built-in templates.")
        Path templateDir;

        /** The diagnostics of the definitions {@link #resolve} read (their warnings, on success). */
        dev.unitgen.diag.Diagnostics diagnostics = new dev.unitgen.diag.Diagnostics();

        /**
         * The build of image NAME, after every definition was checked (errors: diagnostics on
         * {@code err}, exit status 2).
         */
        ImageBuild resolve(PrintWriter err) throws DefinitionLoader.NoSuchPathException, IOException, RenderException {
            if (templateDir != null && !Files.isDirectory(templateDir)) {
                throw new UserException(ExitCode.INVALID, "--template-dir " + templateDir + " is not a directory", null);
            }
            Generator.Result r = Generator.images(paths.stream().map(java.io.File::getPath).toList(), new Generator.Options(root.root(), null, templateDir, null));
            diagnostics = r.diagnostics();
            DiagnosticPrinter.printText(err, r.diagnostics());
            if (!r.ok()) {
                err.println(r.diagnostics().errorCount() + " error" + (r.diagnostics().errorCount() == 1 ? "" : "s") + ".");
                err.flush();
                throw new UserException(ExitCode.INVALID, "the definitions are not valid", null).with(r.diagnostics());
            }
            ImageDefinition declared = r.definitions().image(name);
            if (declared == null) {
                List<String> names = r.definitions().images().stream().map(ImageDefinition::name).toList();
                throw new UserException(ExitCode.INVALID, "no image " + Text.q(name) + " is declared",
                        names.isEmpty() ? "Declare it under images: in a definition file (see unitgen.yaml(5), IMAGES)."
                                : Text.closest(name, names).map(c -> "Did you mean " + c + "? ").orElse("")
                                + "Declared images: " + String.join(", ", names) + ".");
            }
            return r.images().get(name);
        }
    }
}
