package dev.unitgen.unit;

/** One line of a docker env file, built by {@link Escaping#envLine}: the only way to make one. */
public final class EnvLine {
    private final String text;

    private EnvLine(String text) {
        this.text = text;
    }

    public static EnvLine of(String key, String value) {
        return new EnvLine(Escaping.envLine(key, value));
    }

    /** A comment line (without "# "). */
    public static EnvLine comment(String text) {
        return new EnvLine("# " + Escaping.comment(text));
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
