package dev.unitgen.cli;

import dev.unitgen.host.ContainerEngine;
import dev.unitgen.image.ImageBuild;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "build", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Build a declared image on the Docker engine and tag it unitgen/NAME:DIGEST, streaming the build's output.",
                "Exit status 0 when built, 1 when the build or the engine fails, 2 for invalid definitions."},
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen image build web",
                "  unitgen image build --no-cache web /etc/unitgen/web.yaml"})
final class ImageBuildCommand implements Callable<Integer> {
    @Mixin
    ImageCommand.Selection selection;

    @Mixin
    HostOptions.Docker docker;

    @Option(names = "--no-cache", description = "Run every step again instead of reusing the engine's cached layers.")
    boolean noCache;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImageBuild b = selection.resolve(err);
        try (ContainerEngine engine = docker.engine(false)) {
            out.println("Building " + b.tag() + " on " + engine.address() + " (network " + b.network().mode() + ") ...");
            out.flush();
            String id = engine.build(b.context(), new ContainerEngine.BuildRequest(b.tag(), b.network().mode(), b.labels(), noCache),
                    line -> {
                        out.println("  " + line);
                        out.flush();
                    });
            out.println("Built " + b.tag() + (id == null ? "" : " (" + id + ")") + ".");
        }
        return ExitCode.OK.code();
    }
}
