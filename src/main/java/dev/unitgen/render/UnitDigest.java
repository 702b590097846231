package dev.unitgen.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The X-Unitgen digest: sha256 of the unit text without its Digest= line. A unit whose
 * digest matches was written by unitgen and not edited since.
 */
public final class UnitDigest {
    public static final String KEY = "Digest";
    private static final String PREFIX = KEY + "=sha256:";
    private static final int HEX = 64;

    /**
     * The value the Digest entry holds while its unit is rendered ({@link #fill} puts the
     * digest in its place): as long as a digest, and not one (x is not a hex digit).
     */
    public static final String PLACEHOLDER = "sha256:" + "x".repeat(HEX);

    private UnitDigest() {
    }

    public static String of(String textWithoutDigest) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(md.digest(textWithoutDigest.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the text holds exactly one Digest= line and it matches the rest. */
    public static boolean verify(String text) {
        int at = digestLine(text, 0);
        if (at < 0) {
            return false;
        }
        int end = at + PREFIX.length() + HEX + 1;
        String rest = text.substring(0, at) + text.substring(end);
        if (digestLine(rest, 0) >= 0) {
            return false;
        }
        return of(rest).equals(text.substring(at + KEY.length() + 1, end - 1));
    }

    /**
     * {@code rendered} (a unit rendered with {@link #PLACEHOLDER} as its Digest) with the
     * digest of the rest in the placeholder's place; null unless the placeholder is printed
     * exactly once, as a line of its own, and the rest holds no Digest= line. The result
     * then verifies ({@link #verify}) by construction: its only Digest= line is the one
     * filled here, and the digest is that of the text without it. One hash per unit.
     */
    public static Filled fill(String rendered) {
        String line = KEY + "=" + PLACEHOLDER + "\n";
        int at = rendered.indexOf(line);
        if (at < 0 || !lineStart(rendered, at)) {
            return null;
        }
        String rest = rendered.substring(0, at) + rendered.substring(at + line.length());
        if (rest.contains(PLACEHOLDER) || digestLine(rest, 0) >= 0) {
            return null;
        }
        String digest = of(rest);
        return new Filled(rendered.substring(0, at) + KEY + "=" + digest + "\n" + rendered.substring(at + line.length()), digest);
    }

    /** A unit's text with its digest filled in, and the digest ({@code sha256:...}). */
    public record Filled(String text, String digest) {
    }

    /**
     * Where the first line {@code Digest=sha256:<64 lowercase hex digits>\n} at or after
     * {@code from} starts, or -1: a char scan matching the regex
     * {@code (?m)^Digest=sha256:([0-9a-f]{64})\n} (a line starts after any of Java's line
     * terminators, as {@code (?m)^} reads them).
     */
    static int digestLine(String text, int from) {
        for (int at = text.indexOf(PREFIX, from); at >= 0; at = text.indexOf(PREFIX, at + 1)) {
            int end = at + PREFIX.length() + HEX;
            if (!lineStart(text, at) || end >= text.length() || text.charAt(end) != '\n') {
                continue;
            }
            boolean hex = true;
            for (int i = at + PREFIX.length(); i < end && hex; i++) {
                char c = text.charAt(i);
                hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            }
            if (hex) {
                return at;
            }
        }
        return -1;
    }

    private static boolean lineStart(String text, int at) {
        if (at == 0) {
            return true;
        }
        char p = text.charAt(at - 1);
        return p == '\n' || p == '\r' || p == '\u0085' || p == '\u2028' || p == '\u2029';
    }
}
