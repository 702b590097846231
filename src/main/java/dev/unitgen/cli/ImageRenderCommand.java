package dev.unitgen.cli;

import dev.unitgen.host.AtomicFiles;
import dev.unitgen.image.ImageBuild;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "render", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Print the Dockerfile of a declared image (or write its whole build context).",
                "The same definition and files always give the same Dockerfile and the same tag."},
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen image render web examples/images.yaml",
                "  unitgen image render --out /tmp/web web     then: docker build /tmp/web"})
final class ImageRenderCommand implements Callable<Integer> {
    @Mixin
    ImageCommand.Selection selection;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write the build context to DIR (DIR/Dockerfile and DIR/files/...) instead of printing the Dockerfile.")
    Path outDir;

    @Mixin
    CommonOptions.Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImageBuild b = selection.resolve(err);
        if (outDir != null) {
            write(b, outDir);
        }
        if (output.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", b.name());
            doc.put("tag", b.tag());
            doc.put("digest", b.digest());
            doc.put("family", b.spec().family().yaml());
            doc.put("network", b.network().mode());
            doc.put("dockerfile", b.dockerfile());
            List<Object> files = new ArrayList<>();
            for (ImageBuild.ContextFile f : b.files()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", f.path());
                m.put("mode", f.mode());
                m.put("source", f.source());
                m.put("size", f.content().length);
                files.add(m);
            }
            doc.put("files", files);
            JsonOutput.print(out, ExitCode.OK.code(), doc, selection.diagnostics);
        } else if (outDir == null) {
            out.print(b.dockerfile());
        } else {
            out.println("Wrote the build context of " + b.tag() + " to " + outDir + " (Dockerfile and " + b.files().size()
                    + " file" + (b.files().size() == 1 ? "" : "s") + ").");
        }
        return ExitCode.OK.code();
    }

    private static void write(ImageBuild b, Path dir) {
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(dir.resolve("Dockerfile"), b.dockerfile().getBytes(StandardCharsets.UTF_8), AtomicFiles.MODE_0644);
            for (ImageBuild.ContextFile f : b.files()) {
                Path p = dir.resolve(f.path());
                Files.createDirectories(p.getParent());
                AtomicFiles.write(p, f.content(), PosixFilePermissions.fromString(rwx(f.mode())));
            }
        } catch (IOException e) {
            throw new UserException(ExitCode.ERROR, "cannot write to " + dir + ": " + e.getMessage(), null, e);
        }
    }

    /** "0755" -> "rwxr-xr-x" (the special bits are left to the image's chmod). */
    static String rwx(String mode) {
        int m = Integer.parseInt(mode, 8);
        String bits = "rwxrwxrwx";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            sb.append((m & (1 << (8 - i))) != 0 ? bits.charAt(i) : '-');
        }
        return sb.toString();
    }
}
