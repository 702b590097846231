package dev.unitgen.escape;

import java.util.List;

/**
 * Dockerfiles: exec forms are JSON arrays (the builder substitutes no variables in RUN and
 * CMD); COPY, which the builder does substitute, refuses {@code $} and {@code \}; no value
 * can add or continue an instruction line.
 */
public final class DockerfileEscape {
    /** A JSON string as the builder reads it: every character kept, NUL refused. */
    private static final Quoting.Style JSON = new Quoting.Style(
            Quoting.named('\\', "\\\\", '\n', "\\n", '\r', "\\r", '\t', "\\t"),
            c -> Quoting.control(c) || c == 0x2028 || c == 0x2029, Quoting::unicode,
            "a NUL character cannot be passed to a command", Quoting.Unpaired.REFUSE,
            "the value is not valid Unicode (unpaired surrogate)");

    private DockerfileEscape() {
    }

    /** A JSON string, as the builder reads the exec form of RUN and CMD: every character kept. */
    public static String jsonString(String s) {
        Quoting.checkLength(s);
        return Quoting.quote(s, '"', JSON);
    }

    /**
     * The exec form of RUN, CMD or ENTRYPOINT: {@code ["word", ...]}. The builder runs the
     * words as they are, without a shell and without substituting variables.
     */
    public static String execForm(List<String> argv) {
        if (argv.isEmpty()) {
            throw new UnsafeValueException("empty command");
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < argv.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(jsonString(argv.get(i)));
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
    public static String run(String script) {
        Quoting.checkLength(script);
        String t = script.strip();
        if (t.isEmpty()) {
            throw new UnsafeValueException("empty RUN command");
        }
        boolean oneLine = t.chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f || c == 0x2028 || c == 0x2029)
                && !t.endsWith("\\") && !t.startsWith("[")
                && Quoting.validUnicode(t);
        return oneLine && t.equals(script) ? script : execForm(List.of("/bin/sh", "-c", script));
    }

    /**
     * One word of an instruction the builder substitutes variables in (FROM, ENV, STOPSIGNAL,
     * LABEL): only characters that have no meaning there.
     */
    public static String word(String s) {
        if (s.isEmpty() || !Quoting.all(s, "_@%+=:,./[]-")) { // [A-Za-z0-9_@%+=:,./\[\]-]+
            throw new UnsafeValueException("not a plain Dockerfile word: " + s);
        }
        return s;
    }

    /**
     * The JSON form of COPY, {@code ["SOURCE", "TARGET"]}. The builder substitutes variables
     * in COPY and reads {@code \} as an escape there, so neither may occur, nor a control
     * character.
     */
    public static String copy(String source, String target) {
        for (String p : List.of(source, target)) {
            if (p.isEmpty() || p.indexOf('$') >= 0 || p.indexOf('\\') >= 0 || p.indexOf('"') >= 0
                    || p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new UnsafeValueException("a COPY path holds no $, backslash, double quote or control character: " + p);
            }
        }
        return execForm(List.of(source, target));
    }

    /** Text for a {@code # } comment line. */
    public static String comment(String text) {
        return Quoting.comment(text);
    }

    /** Plain text in a Dockerfile template: as it is, unless it could add or continue an instruction. */
    public static String text(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf(0) >= 0 || text.endsWith("\\")) {
            throw new UnsafeValueException("a line break, NUL or trailing backslash cannot be printed into a Dockerfile");
        }
        return text;
    }
}
