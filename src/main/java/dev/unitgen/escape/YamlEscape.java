package dev.unitgen.escape;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** YAML 1.2 scalars that read back as exactly the same text (the definition files {@code import compose} writes). */
public final class YamlEscape {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9 _./:@=+,%$-]*");
    private static final Set<String> NULLS = Set.of("~", "null", "Null", "NULL");
    private static final Set<String> YAML11_BOOLEANS = Set.of("y", "n", "yes", "no", "on", "off");

    /** A double-quoted scalar: a line break is written {@code \n}, never raw. */
    private static final Quoting.Style DOUBLE_QUOTED = new Quoting.Style(
            Quoting.named('\\', "\\\\", '\n', "\\n", '\r', "\\r", '\t', "\\t", (char) 0, "\\0"),
            c -> Quoting.control(c) || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029 || c == 0xfeff,
            Quoting::unicode, null, Quoting.Unpaired.REFUSE, "the value is not valid Unicode (unpaired surrogate)");

    private YamlEscape() {
    }

    /**
     * A YAML 1.2 scalar that reads back as exactly {@code s}: plain when that is unambiguous,
     * else double-quoted with escapes.
     */
    public static String scalar(String s) {
        return plain(s) ? s : Quoting.quote(s, '"', DOUBLE_QUOTED);
    }

    /**
     * A YAML 1.2 scalar for a flow sequence ({@code [a, b]}): as {@link #scalar}, but
     * quoted also when it holds a comma or a colon.
     */
    public static String flowScalar(String s) {
        return plain(s) && s.indexOf(',') < 0 && s.indexOf(':') < 0 ? s : Quoting.quote(s, '"', DOUBLE_QUOTED);
    }

    /** Text for a {@code # } comment line. */
    public static String comment(String text) {
        return Quoting.comment(text);
    }

    /**
     * Plain when that reads back as the same text, and also means it to a reader who knows
     * YAML 1.1: words YAML 1.1 reads as booleans and colon-separated numbers are quoted.
     */
    private static boolean plain(String s) {
        return PLAIN.matcher(s).matches() && !NULLS.contains(s) && !s.endsWith(" ") && !s.endsWith(":")
                && !s.contains(": ") && !s.contains(" #") && !YAML11_BOOLEANS.contains(s.toLowerCase(Locale.ROOT))
                && !s.matches("[0-9][0-9_]*(:[0-9_]+)+");
    }
}
