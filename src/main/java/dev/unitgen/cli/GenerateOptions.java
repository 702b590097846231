package dev.unitgen.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every command that reads definitions and renders units (a picocli mixin):
 * {@link DefinitionOptions}, and --template-dir and --docker, which shape the rendered units.
 */
public final class GenerateOptions extends DefinitionOptions {
    @Option(names = "--template-dir", paramLabel = "DIR",
            description = "Directory whose unit.ftl / env.ftl replace the built-in templates.")
    Path templateDir;

    @Mixin
    CommonOptions.DockerClient docker;

    @Override
    Path templateDir() {
        if (templateDir != null && !Files.isDirectory(templateDir)) {
            throw new UserException(ExitCode.INVALID, "--template-dir " + templateDir + " is not a directory", null);
        }
        return templateDir;
    }

    @Override
    String dockerPath() {
        return docker.path();
    }
}
