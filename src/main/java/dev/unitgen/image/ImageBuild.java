package dev.unitgen.image;

import dev.unitgen.definition.BuildNetwork;
import dev.unitgen.definition.Default;
import dev.unitgen.definition.ImageKeys;
import dev.unitgen.definition.ImageDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What an image definition becomes: its Dockerfile, the files of its build context, and the
 * tag, {@code unitgen/NAME:DIGEST12}, where the digest covers the Dockerfile and every file
 * (so a changed definition or file changes the tag, and with it the units that run it).
 */
public record ImageBuild(ImageDefinition spec, String dockerfile, List<ContextFile> files, String digest) {
    /** Labels every built image carries (not part of the digest). */
    public static final String NAME_LABEL = "dev.unitgen.image";
    public static final String DIGEST_LABEL = "dev.unitgen.digest";

    /** A file of the build context: its path in the context, its mode, its content, where it came from. */
    public record ContextFile(String path, String mode, byte[] content, String source) {
    }

    public String name() {
        return spec.name();
    }

    /** unitgen/NAME:DIGEST12 */
    public String tag() {
        return spec.repository() + ":" + digest.substring("sha256:".length(), "sha256:".length() + 12);
    }

    public BuildNetwork network() {
        return spec.effective(ImageKeys.BUILD_NETWORK, new Default.Given(spec.name(), true, false));
    }

    public Map<String, String> labels() {
        return Map.of(NAME_LABEL, spec.name(), DIGEST_LABEL, digest);
    }

    /** The build context as a tar: the Dockerfile at the top, then the files. */
    public byte[] context() {
        Tar tar = new Tar().add("Dockerfile", "0644", dockerfile.getBytes(StandardCharsets.UTF_8));
        for (ContextFile f : files) {
            tar.add(f.path(), f.mode(), f.content());
        }
        return tar.finish();
    }
}
