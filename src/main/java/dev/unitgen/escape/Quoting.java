package dev.unitgen.escape;

import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * The shared core of the escaping package: the one loop that writes a string with escapes
 * (systemd command-line words, POSIX shell words, JSON for Dockerfiles and for unitgen's
 * output, YAML double-quoted scalars, {@code #} comments). Each syntax describes itself as a
 * {@link Style}; the loop is the same for all.
 */
final class Quoting {
    /** Longest value written into a unit, env file or Dockerfile (systemd's own line limit is 1 MiB). */
    static final int MAX_VALUE_LENGTH = 256 * 1024;

    /**
     * Whether {@code s} is a word that every syntax unitgen quotes for reads as itself without
     * quotes, systemd command lines and POSIX shell alike: {@code [A-Za-z0-9_@%+=:,./-]+}
     * (a char loop: this runs for every word of every command line).
     */
    static boolean safeWord(String s) {
        return !s.isEmpty() && all(s, "_@%+=:,./-");
    }

    /** Whether every character of {@code s} is an ASCII letter, a digit or one of {@code others}. */
    static boolean all(String s, String others) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || others.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private Quoting() {
    }

    /** What an unpaired UTF-16 surrogate becomes. */
    enum Unpaired {
        /** written as it is */
        KEEP,
        /** written with the numeric escape */
        ESCAPE,
        /** refused with {@link Style#refusedSurrogate} */
        REFUSE
    }

    /**
     * How one syntax writes a string.
     *
     * @param named           escapes of single characters (index: the character, below 128; null: none)
     * @param numeric         the characters written as a numeric escape
     * @param numericEscape   that escape, from the character
     * @param refusedNul      null: NUL is written like any other character; else the message it is refused with
     * @param unpaired        what an unpaired surrogate becomes
     * @param refusedSurrogate the message an unpaired surrogate is refused with (with {@link Unpaired#REFUSE})
     */
    record Style(String[] named, IntPredicate numeric, IntFunction<String> numericEscape, String refusedNul,
                 Unpaired unpaired, String refusedSurrogate) {
    }

    /** A table of named escapes: pairs of character and escape. */
    static String[] named(Object... pairs) {
        String[] table = new String[128];
        for (int i = 0; i < pairs.length; i += 2) {
            table[(Character) pairs[i]] = (String) pairs[i + 1];
        }
        return table;
    }

    /** {@code \xNN}: two hex digits, as systemd and comments write a byte. */
    static String hexByte(int c) {
        return String.format("\\x%02x", c);
    }

    /** {@code \\uNNNN}, as JSON and YAML write a UTF-16 unit. */
    static String unicode(int c) {
        return String.format("\\u%04x", c);
    }

    /**
     * {@code s} between {@code quote} characters: a character with a named escape gets it, then
     * the quote character is escaped with a backslash, then the rest as {@link #escape} writes it.
     */
    static String quote(String s, char quote, Style style) {
        StringBuilder sb = new StringBuilder(s.length() + 8).append(quote);
        append(sb, s, quote, style);
        return sb.append(quote).toString();
    }

    /** {@code s} with the style's escapes and no quotes around it. */
    static String escape(String s, Style style) {
        StringBuilder sb = new StringBuilder(s.length());
        append(sb, s, (char) 0, style);
        return sb.toString();
    }

    /** Appends {@code s} escaped by {@code style}, inside {@code quote} (0: none). */
    static void append(StringBuilder sb, String s, char quote, Style style) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String named = c < 128 ? style.named()[c] : null;
            if (named != null) {
                sb.append(named);
            } else if (c == 0 && style.refusedNul() != null) {
                throw new UnsafeValueException(style.refusedNul());
            } else if (c == quote && quote != 0) {
                sb.append('\\').append(c);
            } else if (style.numeric().test(c)) {
                sb.append(style.numericEscape().apply(c));
            } else if (Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
                switch (style.unpaired()) {
                    case KEEP -> sb.append(c);
                    case ESCAPE -> sb.append(style.numericEscape().apply(c));
                    case REFUSE -> throw new UnsafeValueException(style.refusedSurrogate());
                }
            } else {
                sb.append(c);
            }
        }
    }

    /** C0 controls and DEL. */
    static boolean control(int c) {
        return c < 0x20 || c == 0x7f;
    }

    static boolean validUnicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i)) && !pairedSurrogate(s, i)) {
                return false;
            }
        }
        return true;
    }

    static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    static void checkLength(CharSequence s) {
        if (s.length() > MAX_VALUE_LENGTH) {
            throw new UnsafeValueException("value too long: " + s.length() + " characters (at most " + MAX_VALUE_LENGTH + ")");
        }
    }

    /** Comment text: control characters and unpaired surrogates as {@code \xNN} (their low byte). */
    private static final Style COMMENT = new Style(named(), Quoting::control, c -> hexByte(c & 0xff), null, Unpaired.ESCAPE, null);

    /**
     * Text for a {@code # } comment line, the same in units, env files, Dockerfiles and YAML:
     * control characters and a trailing backslash (a line continuation in units and
     * Dockerfiles) escaped.
     */
    static String comment(String text) {
        String s = escape(text, COMMENT);
        return s.endsWith("\\") ? s.substring(0, s.length() - 1) + "\\x5c" : s;
    }
}
