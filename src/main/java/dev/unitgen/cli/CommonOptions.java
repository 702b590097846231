package dev.unitgen.cli;

import dev.unitgen.layout.Root;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options several commands share, each declared once (picocli mixins). */
public final class CommonOptions {
    private CommonOptions() {
    }

    /** --root DIR: every host path under DIR. */
    public static final class RootDir {
        @Option(names = "--root", paramLabel = "DIR",
                description = "Prefix every host path with DIR (definitions, units, env files, /sys/fs/cgroup), like systemctl --root.")
        Path dir;

        /** The root; a --root that is not a directory is a usage error. */
        public Root root() {
            if (dir == null) {
                return Root.host();
            }
            if (!Files.isDirectory(dir)) {
                throw new UserException(ExitCode.INVALID, "--root " + dir + " is not a directory", null);
            }
            return new Root(dir);
        }

        public boolean given() {
            return dir != null;
        }
    }

    /** -o / --output FORMAT: text for people, json for tools. */
    public static final class Output {
        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
                description = "text or json (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        public boolean json() {
            return format == OutputFormat.json;
        }
    }

    /** --docker PATH: the docker client the units run. */
    public static final class DockerClient {
        @Option(names = "--docker", paramLabel = "PATH", defaultValue = "/usr/bin/docker",
                description = "The docker client the units run (default: ${DEFAULT-VALUE}).")
        String path;

        /** The path; one that is not absolute is a usage error. */
        public String path() {
            if (!path.startsWith("/")) {
                throw new UserException(ExitCode.INVALID, "--docker must be an absolute path, not " + path, null);
            }
            return path;
        }
    }
}
