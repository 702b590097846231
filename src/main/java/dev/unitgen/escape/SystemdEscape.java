package dev.unitgen.escape;

import java.util.ArrayList;
import java.util.List;

/**
 * systemd unit files (systemd.syntax(7)).
 * <ul>
 * <li>values ({@link #value}) are written literally: {@code %} becomes {@code %%}; a
 *     newline, carriage return, NUL or other control character, or a trailing backslash (a
 *     line continuation) is refused, so no value can add or join a line.</li>
 * <li>values of settings in which systemd resolves no specifiers ({@link #literal}: a
 *     percentage such as {@code MemoryMax=50%}) are refused the same, and their {@code %}
 *     is written as it is: {@code %%} would stay {@code %%} there, which systemd refuses.</li>
 * <li>command lines ({@link #exec}, "Command lines"): each word is written bare when it only
 *     holds safe characters, else quoted (single quotes when it holds no {@code '}, double
 *     quotes otherwise) with C escapes for {@code \}, the quote and control characters (a
 *     newline inside an argument is written {@code \n}, never raw). {@code %} becomes
 *     {@code %%} and {@code $} becomes {@code $$}: every argument is passed literally, no
 *     specifier or variable expansion. NUL cannot be in an argument.</li>
 * </ul>
 * {@link #splitExec} is the inverse of {@link #exec}: it parses a command line the way systemd does.
 */
public final class SystemdEscape {
    private static final Quoting.Style EXEC_WORD = new Quoting.Style(
            Quoting.named('%', "%%", '$', "$$", '\\', "\\\\", '\n', "\\n", '\r', "\\r", '\t', "\\t"),
            Quoting::control, Quoting::hexByte, "a NUL character cannot be passed in a command argument",
            Quoting.Unpaired.REFUSE, "the argument is not valid Unicode (unpaired surrogate)");

    private SystemdEscape() {
    }

    /** A plain setting value, written literally (systemd reads {@code %%} as {@code %}). */
    public static UnitValue value(String raw) {
        return new UnitValue(checked(raw).replace("%", "%%"));
    }

    /**
     * The value of a setting in which systemd resolves no specifiers ({@code MemoryMax=},
     * {@code CPUQuota=}, {@code TasksMax=}, ...; which ones: {@code unit.SystemdValues}), written
     * literally: as it is, {@code %} included. The same values are refused as by {@link #value}.
     */
    public static UnitValue literal(String raw) {
        return new UnitValue(checked(raw));
    }

    /** {@code raw} when no line can be added or joined by it, else the problem. */
    private static String checked(String raw) {
        Quoting.checkLength(raw);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\n' || c == '\r') {
                throw new UnsafeValueException("a newline cannot be written into a unit setting");
            }
            if (c == 0) {
                throw new UnsafeValueException("a NUL character cannot be written into a unit setting");
            }
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new UnsafeValueException(String.format("control character U+%04X cannot be written into a unit setting", (int) c));
            }
            if (Character.isSurrogate(c) && !Quoting.pairedSurrogate(raw, i)) {
                throw new UnsafeValueException("the value is not valid Unicode (unpaired surrogate)");
            }
        }
        if (raw.endsWith("\\")) {
            throw new UnsafeValueException("a value cannot end with a backslash (systemd reads it as a line continuation)");
        }
        return raw;
    }

    /** A setting key: letters, digits and dashes (X- keys included). */
    public static String key(String key) {
        if (!isKey(key)) {
            throw new UnsafeValueException("invalid unit setting name: " + key);
        }
        return key;
    }

    /** A section name: [Unit], [Service], [X-Unitgen]. */
    public static String sectionName(String name) {
        if (!isKey(name)) {
            throw new UnsafeValueException("invalid unit section name: " + name);
        }
        return name;
    }

    /** {@code [A-Za-z][A-Za-z0-9-]*}, as a char loop. */
    private static boolean isKey(String s) {
        return !s.isEmpty() && ((s.charAt(0) >= 'a' && s.charAt(0) <= 'z') || (s.charAt(0) >= 'A' && s.charAt(0) <= 'Z'))
                && Quoting.all(s, "-");
    }

    /** A comment line of the file header (without the leading "# "). */
    public static UnitValue comment(String text) {
        return new UnitValue(Quoting.comment(text));
    }

    // ---------------------------------------------------------------- command lines

    /**
     * A command line for ExecStart= and friends. {@code prefix} is systemd's prefix characters
     * ({@code "-"} to ignore failure, or ""). argv[0] must be an absolute path.
     */
    public static UnitValue exec(String prefix, List<String> argv) {
        if (argv.isEmpty()) {
            throw new UnsafeValueException("empty command line");
        }
        if (!prefix.chars().allMatch(c -> "-@:+!".indexOf(c) >= 0)) {
            throw new UnsafeValueException("invalid command prefix: " + prefix);
        }
        String path = argv.get(0);
        if (!path.startsWith("/") || !Quoting.safeWord(path) || path.contains("%")) {
            throw new UnsafeValueException("the executable must be an absolute path of safe characters: " + path);
        }
        StringBuilder sb = new StringBuilder(prefix).append(path);
        for (int i = 1; i < argv.size(); i++) {
            sb.append(' ').append(execWord(argv.get(i)));
        }
        Quoting.checkLength(sb);
        return new UnitValue(sb.toString());
    }

    /** One word of a command line, escaped so that systemd passes it on unchanged. */
    public static String execWord(String word) {
        Quoting.checkLength(word);
        if (Quoting.safeWord(word)) {
            return word.replace("%", "%%");
        }
        return Quoting.quote(word, word.indexOf('\'') < 0 ? '\'' : '"', EXEC_WORD);
    }

    /** A command line as systemd reads it: prefix characters, then the words. */
    public record ExecLine(String prefix, List<String> argv) {
    }

    /**
     * Parses a command line the way systemd does (systemd.syntax(7)): words split at
     * unquoted whitespace, quotes removed, C escapes resolved, {@code %%} resolved to
     * {@code %}. With {@code expandDollars} {@code $$} becomes {@code $} as at execution
     * time; without, {@code $$} stays, as the manager reports the argv over D-Bus.
     */
    public static ExecLine splitExec(String line, boolean expandDollars) {
        int i = 0;
        int n = line.length();
        while (i < n && isBlank(line.charAt(i))) {
            i++;
        }
        int prefixStart = i;
        while (i < n && "-@:+!".indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        String prefix = line.substring(prefixStart, i);
        List<String> words = new ArrayList<>();
        while (true) {
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            for (; i < n; i++) {
                char c = line.charAt(i);
                if (quote == 0 && isBlank(c)) {
                    break;
                }
                if (quote == 0 && (c == '\'' || c == '"')) {
                    quote = c;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else if (c == '\\') {
                    i = unescape(line, i + 1, word) - 1;
                } else if (c == '%') {
                    if (i + 1 < n && line.charAt(i + 1) == '%') {
                        word.append('%');
                        i++;
                    } else {
                        throw new IllegalArgumentException("unresolved specifier at " + i + " in: " + line);
                    }
                } else if (c == '$' && expandDollars && i + 1 < n && line.charAt(i + 1) == '$') {
                    word.append('$');
                    i++;
                } else if (c == '$' && !expandDollars && i + 1 < n && line.charAt(i + 1) == '$') {
                    word.append("$$");
                    i++;
                } else {
                    word.append(c);
                }
            }
            if (quote != 0) {
                throw new IllegalArgumentException("unterminated quote in: " + line);
            }
            words.add(word.toString());
        }
        return new ExecLine(prefix, words);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Resolves one C escape starting after the backslash at {@code i}; returns the index after it. */
    private static int unescape(String s, int i, StringBuilder out) {
        if (i >= s.length()) {
            throw new IllegalArgumentException("trailing backslash");
        }
        char c = s.charAt(i);
        switch (c) {
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 's' -> out.append(' ');
            case '\\', '"', '\'' -> out.append(c);
            case 'x' -> {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                return i + 3;
            }
            default -> throw new IllegalArgumentException("unsupported escape \\" + c);
        }
        return i + 1;
    }
}
