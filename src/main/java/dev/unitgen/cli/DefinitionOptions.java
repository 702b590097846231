package dev.unitgen.cli;

import dev.unitgen.definition.DefinitionLoader;
import dev.unitgen.generate.Generator;
import dev.unitgen.layout.CgroupLayout;
import dev.unitgen.layout.Root;
import dev.unitgen.template.RenderException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options of a command that reads and checks definitions without writing units
 * ({@code config}; a picocli mixin): the paths, --root, --host-cgroup (the host checks of
 * systemd containers depend on the cgroup layout, so the same definitions can be valid for
 * one host and not for another) and -o. {@link GenerateOptions} adds what rendering units needs.
 */
public class DefinitionOptions {
    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Definition files, or directories of *.yaml/*.yml files. Default: /etc/unitgen (under --root).")
    List<java.io.File> paths = new ArrayList<>(); // files: the shells complete file names

    @Mixin
    CommonOptions.RootDir root;

    @Option(names = "--host-cgroup", paramLabel = "v1|v2", completionCandidates = CgroupLayouts.class,
            description = "The cgroup layout of the host the units are for (default: read from /sys/fs/cgroup under --root, "
                    + "else the layout an offline apply under --root was given).")
    String hostCgroup;

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

    /** The directory of templates that replace the built-in ones; none here. */
    Path templateDir() {
        return null;
    }

    /** The docker client the units run; null: the default (it shows only in rendered units). */
    String dockerPath() {
        return null;
    }

    public Generator.Result generate() throws DefinitionLoader.NoSuchPathException, IOException, RenderException {
        return generate(true);
    }

    /** With {@code render} false: validate only (see {@link Generator.Options#render}). */
    public Generator.Result generate(boolean render)
            throws DefinitionLoader.NoSuchPathException, IOException, RenderException {
        CgroupLayout layout = hostCgroup();
        Path templates = templateDir();
        return Generator.run(paths.stream().map(java.io.File::getPath).toList(),
                new Generator.Options(root(), layout, templates, dockerPath(), render));
    }
}
