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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options of every command that reads definitions (a picocli mixin). */
public final class GenerateOptions {
    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Definition files, or directories of *.yaml/*.yml files. Default: /etc/unitgen (under --root).")
    List<java.io.File> paths = new ArrayList<>(); // files: the shells complete file names

    @Mixin
    CommonOptions.RootDir root;

    @Option(names = "--host-cgroup", paramLabel = "v1|v2", completionCandidates = CgroupLayouts.class,
            description = "The cgroup layout of the host the units are for (default: read from /sys/fs/cgroup under --root, "
                    + "else the layout an offline apply under --root was given).")
    String hostCgroup;

    @Option(names = "--template-dir", paramLabel = "DIR",
            description = "Directory whose unit.ftl / env.ftl replace the built-in templates.")
    Path templateDir;

    @Mixin
    CommonOptions.DockerClient docker;

    @Mixin
    CommonOptions.Output output;

    /** What the shells complete after --host-cgroup. */
    static final class CgroupLayouts implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("v1", "v2").iterator();
        }
    }

    /** --host-cgroup, or null when not given. */
    public CgroupLayout hostCgroup() {
        if (hostCgroup == null) {
            return null;
        }
        try {
            return CgroupLayout.parse(hostCgroup);
        } catch (IllegalArgumentException e) {
            throw new UserException(ExitCode.INVALID, "invalid --host-cgroup " + hostCgroup, "Use v1 or v2.");
        }
    }

    public Root root() {
        return root.root();
    }

    public boolean json() {
        return output.json();
    }

    public Generator.Result generate() throws DefinitionLoader.NoSuchPathException, IOException, RenderException {
        return generate(true);
    }

    /** With {@code render} false: validate only (see {@link Generator.Options#render}). */
    public Generator.Result generate(boolean render)
            throws DefinitionLoader.NoSuchPathException, IOException, RenderException {
        CgroupLayout layout = hostCgroup();
        if (templateDir != null && !Files.isDirectory(templateDir)) {
            throw new UserException(ExitCode.INVALID, "--template-dir " + templateDir + " is not a directory", null);
        }
        return Generator.run(paths.stream().map(java.io.File::getPath).toList(), new Generator.Options(root(), layout, templateDir, docker.path(), render));
    }
}
