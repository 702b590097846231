package dev.unitgen.unit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one module that quotes and escapes. Nothing else in unitgen builds a quoted string.
 *
 * <p>Contexts, each with its own rules:
 * <ul>
 * <li>systemd unit values ({@link #value}): written literally: {@code %} becomes {@code %%};
 *     a newline, carriage return, NUL or other control character, or a trailing backslash
 *     (a line continuation) is refused, so no value can add or join a line.</li>
 * <li>systemd command lines ({@link #exec}, systemd.syntax(7) "Command lines"): each word is
 *     written bare when it only holds safe characters, else quoted (single quotes when it
 *     holds no {@code '}, double quotes otherwise) with C escapes for {@code \}, the quote
 *     and control characters (a newline inside an argument is written {@code \n}, never
 *     raw). {@code %} becomes {@code %%} and {@code $} becomes {@code $$}: every argument is
 *     passed literally, no specifier or variable expansion. NUL cannot be in an argument.</li>
 * <li>unit names ({@link #unitNameComponent}): systemd-escape(1) string escaping.</li>
 * <li>POSIX shell words ({@link #shellWord}) for the {@code /bin/sh -c} scripts a unit runs.</li>
 * <li>docker env files ({@link #envLine}): {@code KEY=value} raw, as the docker client reads
 *     them (no quoting exists); newlines refused.</li>
 * <li>comments ({@link #comment}).</li>
 * <li>Dockerfiles ({@link #dockerExecForm}, {@link #dockerRun}, {@link #dockerCopy},
 *     {@link #dockerWord}): exec forms are JSON arrays (the builder substitutes no variables
 *     in RUN and CMD); COPY, which the builder does substitute, refuses {@code $} and
 *     {@code \}; no value can add or continue an instruction line.</li>
 * <li>YAML 1.2 scalars ({@link #yamlScalar}) that read back as exactly the same text.</li>
 * </ul>
 * {@link #splitExec} is the inverse of {@link #exec}: it parses a command line the way systemd does.
 */
public final class Escaping {
    /** Longest value written into a unit (systemd's own line limit is 1 MiB). */
    public static final int MAX_VALUE_LENGTH = 256 * 1024;

    private static final Pattern SAFE_EXEC_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Pattern SAFE_SHELL_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");
    private static final String UNIT_NAME_CHARS =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ:_.";

    private Escaping() {
    }

    // ---------------------------------------------------------------- unit values

    /** A plain setting value, written literally. */
    public static UnitValue value(String raw) {
        checkLength(raw);
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
            if (Character.isSurrogate(c) && !pairedSurrogate(raw, i)) {
                throw new UnsafeValueException("the value is not valid Unicode (unpaired surrogate)");
            }
        }
        if (raw.endsWith("\\")) {
            throw new UnsafeValueException("a value cannot end with a backslash (systemd reads it as a line continuation)");
        }
        return new UnitValue(raw.replace("%", "%%"));
    }

    /** A setting key: letters, digits and dashes (X- keys included). */
    public static String key(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new UnsafeValueException("invalid unit setting name: " + key);
        }
        return key;
    }

    /** A section name: [Unit], [Service], [X-Unitgen]. */
    public static String sectionName(String name) {
        if (!KEY.matcher(name).matches()) {
            throw new UnsafeValueException("invalid unit section name: " + name);
        }
        return name;
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
        if (!prefix.matches("[-@:+!]*")) {
            throw new UnsafeValueException("invalid command prefix: " + prefix);
        }
        String path = argv.get(0);
        if (!path.startsWith("/") || !SAFE_EXEC_WORD.matcher(path).matches() || path.contains("%")) {
            throw new UnsafeValueException("the executable must be an absolute path of safe characters: " + path);
        }
        StringBuilder sb = new StringBuilder(prefix).append(path);
        for (int i = 1; i < argv.size(); i++) {
            sb.append(' ').append(execWord(argv.get(i)));
        }
        checkLength(sb);
        return new UnitValue(sb.toString());
    }

    /** One word of a command line, escaped so that systemd passes it on unchanged. */
    public static String execWord(String word) {
        checkLength(word);
        if (!word.isEmpty() && SAFE_EXEC_WORD.matcher(word).matches()) {
            return word.replace("%", "%%");
        }
        char quote = word.indexOf('\'') < 0 ? '\'' : '"';
        StringBuilder sb = new StringBuilder(word.length() + 8).append(quote);
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            switch (c) {
                case '%' -> sb.append("%%");
                case '$' -> sb.append("$$");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0 -> throw new UnsafeValueException("a NUL character cannot be passed in a command argument");
                default -> {
                    if (c == quote) {
                        sb.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else if (Character.isSurrogate(c) && !pairedSurrogate(word, i)) {
                        throw new UnsafeValueException("the argument is not valid Unicode (unpaired surrogate)");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(quote).toString();
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

    // ---------------------------------------------------------------- unit names

    /** systemd-escape(1) of a string, for use as (part of) a unit name. */
    public static String unitNameComponent(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            char c = (char) b;
            if (c == '/') {
                sb.append('-');
            } else if ((i == 0 && c == '.') || b >= 0x80 || UNIT_NAME_CHARS.indexOf(c) < 0) {
                sb.append(String.format("\\x%02x", b));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- POSIX shell

    /** One word for {@code /bin/sh}: bare when safe, else single-quoted. */
    public static String shellWord(String word) {
        if (word.indexOf(0) >= 0) {
            throw new UnsafeValueException("a NUL character cannot be passed to a shell");
        }
        if (!word.isEmpty() && SAFE_SHELL_WORD.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** A shell command line that runs exactly {@code argv}. */
    public static String shellCommand(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String w : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(shellWord(w));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- env files

    /** One line of a docker env file; the value is taken verbatim by the docker client. */
    public static String envLine(String key, String value) {
        if (key.isEmpty() || key.chars().anyMatch(c -> Character.isWhitespace(c) || c == '=' || c < 0x20 || c == 0x7f)
                || key.startsWith("#")) {
            throw new UnsafeValueException("invalid environment variable name: " + key);
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new UnsafeValueException("an environment value cannot contain a newline (docker env files are one line per variable)");
        }
        if (value.indexOf(0) >= 0) {
            throw new UnsafeValueException("an environment value cannot contain a NUL character");
        }
        checkLength(value);
        return key + "=" + value;
    }

    /** Plain text in an env file template: as it is, unless it could add a line. */
    public static String envText(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf(0) >= 0) {
            throw new UnsafeValueException("a line break or NUL cannot be written into an env file");
        }
        return text;
    }

    /** Plain text in a Dockerfile template: as it is, unless it could add or continue an instruction. */
    public static String dockerfileText(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf(0) >= 0 || text.endsWith("\\")) {
            throw new UnsafeValueException("a line break, NUL or trailing backslash cannot be printed into a Dockerfile");
        }
        return text;
    }

    // ---------------------------------------------------------------- comments

    /** Text for a {@code # } comment line: control characters and a trailing backslash escaped. */
    public static String comment(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (Character.isSurrogate(c) && !pairedSurrogate(text, i))) {
                sb.append(String.format("\\x%02x", (int) c & 0xff));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\\') {
            sb.setLength(sb.length() - 1);
            sb.append("\\x5c");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- Dockerfiles

    /** A JSON string, as the builder reads the exec form of RUN and CMD: every character kept. */
    public static String dockerJsonString(String s) {
        checkLength(s);
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0 -> throw new UnsafeValueException("a NUL character cannot be passed to a command");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
                        throw new UnsafeValueException("the value is not valid Unicode (unpaired surrogate)");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * The exec form of RUN, CMD or ENTRYPOINT: {@code ["word", ...]}. The builder runs the
     * words as they are, without a shell and without substituting variables.
     */
    public static String dockerExecForm(List<String> argv) {
        if (argv.isEmpty()) {
            throw new UnsafeValueException("empty command");
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < argv.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(dockerJsonString(argv.get(i)));
        }
        return sb.append(']').toString();
    }

    /**
     * The argument of a RUN instruction that runs {@code script} with {@code /bin/sh -c}. A
     * script on one line is written as it is (the shell form, which the builder hands to
     * {@code /bin/sh -c} unchanged); a script with a line break or another control character,
     * one that ends in a backslash (a line continuation) or that starts with {@code [} (it
     * would be read as the exec form) is written in the exec form instead.
     */
    public static String dockerRun(String script) {
        checkLength(script);
        String t = script.strip();
        if (t.isEmpty()) {
            throw new UnsafeValueException("empty RUN command");
        }
        boolean oneLine = t.chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f || c == 0x2028 || c == 0x2029)
                && !t.endsWith("\\") && !t.startsWith("[")
                && validUnicode(t);
        return oneLine && t.equals(script) ? script : dockerExecForm(List.of("/bin/sh", "-c", script));
    }

    private static final Pattern DOCKER_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./\\[\\]-]+");

    /**
     * One word of an instruction the builder substitutes variables in (FROM, ENV, STOPSIGNAL,
     * LABEL): only characters that have no meaning there.
     */
    public static String dockerWord(String s) {
        if (s.isEmpty() || !DOCKER_WORD.matcher(s).matches()) {
            throw new UnsafeValueException("not a plain Dockerfile word: " + s);
        }
        return s;
    }

    /**
     * The JSON form of COPY, {@code ["SOURCE", "TARGET"]}. The builder substitutes variables
     * in COPY and reads {@code \} as an escape there, so neither may occur, nor a control
     * character.
     */
    public static String dockerCopy(String source, String target) {
        for (String p : List.of(source, target)) {
            if (p.isEmpty() || p.indexOf('$') >= 0 || p.indexOf('\\') >= 0 || p.indexOf('"') >= 0
                    || p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new UnsafeValueException("a COPY path holds no $, backslash, double quote or control character: " + p);
            }
        }
        return dockerExecForm(List.of(source, target));
    }

    // ---------------------------------------------------------------- YAML

    private static final Pattern YAML_PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9 _./:@=+,%$-]*");
    private static final java.util.Set<String> YAML_NULLS = java.util.Set.of("~", "null", "Null", "NULL");

    /**
     * A YAML 1.2 scalar that reads back as exactly {@code s}: plain when that is unambiguous,
     * else double-quoted with escapes (a line break is written {@code \n}, never raw).
     */
    public static String yamlScalar(String s) {
        if (yamlPlain(s)) {
            return s;
        }
        return yamlQuoted(s);
    }

    /**
     * A YAML 1.2 scalar for a flow sequence ({@code [a, b]}): as {@link #yamlScalar}, but
     * quoted also when it holds a comma or a colon.
     */
    public static String yamlFlowScalar(String s) {
        return yamlPlain(s) && s.indexOf(',') < 0 && s.indexOf(':') < 0 ? s : yamlQuoted(s);
    }

    /**
     * Plain when that reads back as the same text, and also means it to a reader who knows
     * YAML 1.1: words YAML 1.1 reads as booleans and colon-separated numbers are quoted.
     */
    private static boolean yamlPlain(String s) {
        return YAML_PLAIN.matcher(s).matches() && !YAML_NULLS.contains(s) && !s.endsWith(" ") && !s.endsWith(":")
                && !s.contains(": ") && !s.contains(" #") && !YAML11_BOOLEANS.contains(s.toLowerCase(java.util.Locale.ROOT))
                && !s.matches("[0-9][0-9_]*(:[0-9_]+)+");
    }

    private static final java.util.Set<String> YAML11_BOOLEANS = java.util.Set.of("y", "n", "yes", "no", "on", "off");

    private static String yamlQuoted(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0 -> sb.append("\\0");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
                        throw new UnsafeValueException("the value is not valid Unicode (unpaired surrogate)");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static boolean validUnicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i)) && !pairedSurrogate(s, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static void checkLength(CharSequence s) {
        if (s.length() > MAX_VALUE_LENGTH) {
            throw new UnsafeValueException("value too long: " + s.length() + " characters (at most " + MAX_VALUE_LENGTH + ")");
        }
    }
}
