package dev.unitgen.escape;

/**
 * docker env files ({@code docker run --env-file}): {@code KEY=value} raw, as the docker
 * client reads them (it knows no quoting); a newline is refused.
 */
public final class EnvFileEscape {
    private EnvFileEscape() {
    }

    /** One line of a docker env file; the value is taken verbatim by the docker client. */
    public static EnvLine line(String key, String value) {
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
        Quoting.checkLength(value);
        return new EnvLine(key + "=" + value);
    }

    /** A comment line (written with its "# "). */
    public static EnvLine comment(String text) {
        return new EnvLine("# " + Quoting.comment(text));
    }

    /** Plain text in an env file template: as it is, unless it could add a line. */
    public static String text(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf(0) >= 0) {
            throw new UnsafeValueException("a line break or NUL cannot be written into an env file");
        }
        return text;
    }
}
