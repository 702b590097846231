package dev.unitgen.definition;

import dev.unitgen.util.Text;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A byte size: 512m, 1g, 1.5g, 1024, 64kb. {@link #text} is the canonical form given to docker (e.g. 512m). */
public record Size(long bytes) {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([bkmgt]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);

    static final ValueType<Size> TYPE = Types.simple("size (e.g. 512m, 1g)", (s, n, ctx) -> {
        Matcher m = SIZE.matcher(s.trim());
        if (!m.matches()) {
            ctx.error(n, "invalid size " + Text.q(s), "Write a number with an optional unit b, k, m, g (e.g. 512m).");
            return null;
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift));
        if (bytes.compareTo(BigDecimal.valueOf(1L << 52)) > 0) {
            ctx.error(n, "size " + Text.q(s) + " is too large");
            return null;
        }
        return new Size(bytes.longValue());
    });

    public String text() {
        long[] units = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
        String[] suffix = {"t", "g", "m", "k"};
        for (int i = 0; i < units.length; i++) {
            if (bytes >= units[i] && bytes % units[i] == 0) {
                return (bytes / units[i]) + suffix[i];
            }
        }
        return Long.toString(bytes);
    }
}
