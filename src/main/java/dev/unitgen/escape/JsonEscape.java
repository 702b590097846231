package dev.unitgen.escape;

/**
 * JSON strings, for unitgen's machine-readable output ({@code --output json}) and for
 * quoting user input in messages. Never fails: an unpaired surrogate is written as its
 * {@code \\uNNNN} escape.
 */
public final class JsonEscape {
    private static final Quoting.Style STRING = new Quoting.Style(
            Quoting.named('\\', "\\\\", '\n', "\\n", '\r', "\\r", '\t', "\\t", '\b', "\\b", '\f', "\\f"),
            c -> Quoting.control(c) || c == 0x2028 || c == 0x2029, Quoting::unicode, null, Quoting.Unpaired.ESCAPE, null);

    private JsonEscape() {
    }

    /** {@code "s"}, escaped. */
    public static String string(String s) {
        return Quoting.quote(s, '"', STRING);
    }

    /** Appends {@code "s"}, escaped, to {@code sb}. */
    public static void append(StringBuilder sb, String s) {
        sb.append('"');
        Quoting.append(sb, s, '"', STRING);
        sb.append('"');
    }
}
