package dev.unitgen.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The X-Unitgen digest: sha256 of the unit text without its Digest= line. A unit whose
 * digest matches was written by unitgen and not edited since.
 */
public final class UnitDigest {
    public static final String KEY = "Digest";
    private static final Pattern LINE = Pattern.compile("(?m)^Digest=sha256:([0-9a-f]{64})\\n");

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
        Matcher m = LINE.matcher(text);
        if (!m.find()) {
            return false;
        }
        String digest = m.group(1);
        String rest = text.substring(0, m.start()) + text.substring(m.end());
        if (LINE.matcher(rest).find()) {
            return false;
        }
        return of(rest).equals("sha256:" + digest);
    }
}
