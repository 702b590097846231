package dev.unitgen.cli;

import dev.unitgen.generate.Generator;
import dev.unitgen.definition.DefinitionLoader;
import dev.unitgen.layout.CgroupLayout;
import dev.unitgen.layout.Root;
import dev.unitgen.template.RenderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options of every command that reads definitions (a picocli mixin). */
public final class GenerateOptions {
    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Definition files, or directories of *.yaml/*.yml files. Default: /etc/unitgen (under --root).")
    List<String> paths = new ArrayList<>();

    @Option(names = "--root", paramLabel = "DIR",
            description = "Prefix every host path with DIR (definitions, units, env files, /sys/fs/cgroup), like systemctl --root.")
    Path root;

    @Option(names = "--host-cgroup", paramLabel = "v1|v2",
            description = "The cgroup layout of the host the units are for (default: read from /sys/fs/cgroup under --root).")
    String hostCgroup;

    @Option(names = "--template-dir", paramLabel = "DIR",
            description = "Directory whose unit.ftl / env.ftl replace the built-in templates.")
    Path templateDir;

    @Option(names = "--docker", paramLabel = "PATH", defaultValue = "/usr/bin/docker",
            description = "The docker client the units run (default: ${DEFAULT-VALUE}).")
    String docker;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    public Root root() {
        return root == null ? Root.host() : new Root(root);
    }

    public Generator.Result generate() {
        return generate(true);
    }

    /** With {@code render} false: validate only (see {@link Generator.Options#render}). */
    public Generator.Result generate(boolean render) {
        CgroupLayout layout = null;
        if (hostCgroup != null) {
            try {
                layout = CgroupLayout.parse(hostCgroup);
            } catch (IllegalArgumentException e) {
                throw new UserException(ExitCode.INVALID, "invalid --host-cgroup " + hostCgroup, "Use v1 or v2.");
            }
        }
        if (root != null && !Files.isDirectory(root)) {
            throw new UserException(ExitCode.INVALID, "--root " + root + " is not a directory", null);
        }
        if (templateDir != null && !Files.isDirectory(templateDir)) {
            throw new UserException(ExitCode.INVALID, "--template-dir " + templateDir + " is not a directory", null);
        }
        if (!docker.startsWith("/")) {
            throw new UserException(ExitCode.INVALID, "--docker must be an absolute path, not " + docker, null);
        }
        try {
            return Generator.run(paths, new Generator.Options(root(), layout, templateDir, docker, render));
        } catch (DefinitionLoader.NoSuchPathException e) {
            throw new UserException(ExitCode.INVALID, "no such file or directory: " + e.getMessage(),
                    paths.isEmpty() ? "Put definitions in /etc/unitgen, or name files or directories on the command line." : null);
        } catch (RenderException e) {
            throw new UserException(ExitCode.INVALID, e.getMessage(), null, e);
        } catch (IOException e) {
            throw new UserException(ExitCode.ERROR, "I/O error: " + e.getMessage(), null, e);
        }
    }
}
