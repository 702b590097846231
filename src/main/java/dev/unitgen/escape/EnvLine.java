package dev.unitgen.escape;

/** One line of a docker env file, made by {@link EnvFileEscape}: the only way to make one. */
public final class EnvLine {
    private final String text;

    EnvLine(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
