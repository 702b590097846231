package dev.unitgen.diag;

/**
 * A place in a definition file: 1-based line and column, and how many characters the
 * offending node spans on that line (at least 1), for the caret underline.
 */
public record Location(SourceFile file, int line, int column, int length) {

    public Location {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
        length = Math.max(1, length);
    }

    public static Location of(SourceFile file, int line, int column) {
        return new Location(file, line, column, 1);
    }

    @Override
    public String toString() {
        return file.displayName() + ":" + line + ":" + column;
    }
}
