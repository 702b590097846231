package dev.unitgen.translate;

import dev.unitgen.definition.ContainerDefinition;
import dev.unitgen.definition.ContainerKeys;
import dev.unitgen.definition.Volume;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The content of a container's configuration files: every read-only bind mount whose source is
 * a regular file on this host (e.g. {@code ./nginx.conf:/etc/nginx/nginx.conf:ro}) is a
 * {@code Mounted=PATH sha256:HEX} line of the unit's [X-Unitgen] section, so an edit of the
 * file changes the unit and plan restarts the container, naming the file (unitgen.yaml(5),
 * MOUNTED FILES). Writable binds are left out: the container may write them itself; so are
 * directories and missing sources (a warning of validate).
 */
public final class MountedFiles {
    /** The [X-Unitgen] key of the lines. */
    public static final String KEY = "Mounted";

    private MountedFiles() {
    }

    /** "PATH sha256:HEX" for each read-only bind-mounted regular file, in the order of volumes:. */
    public static List<String> lines(ContainerDefinition spec) {
        List<String> out = new ArrayList<>();
        for (Volume v : spec.list(ContainerKeys.VOLUMES)) {
            if (v.type() != Volume.MountType.BIND || !v.readOnly() || v.source() == null) {
                continue;
            }
            Path p = Path.of(v.source());
            if (Files.isRegularFile(p)) {
                String line = v.source() + " sha256:" + sha256(p);
                if (!out.contains(line)) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /** The path of a Mounted= line (everything before its last space). */
    public static String path(String line) {
        int space = line.lastIndexOf(' ');
        return space < 0 ? line : line.substring(0, space);
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mounted file " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
