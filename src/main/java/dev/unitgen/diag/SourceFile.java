package dev.unitgen.diag;

import java.nio.file.Path;
import java.util.Objects;

/** The text of one definition file, kept so diagnostics can quote the offending line. */
public final class SourceFile {
    private final Path path;
    private final String displayName;
    private final String text;
    private int[] lineStarts;

    public SourceFile(Path path, String displayName, String text) {
        this.path = path;
        this.displayName = Objects.requireNonNull(displayName);
        this.text = text == null ? "" : text;
    }

    /** The file on disk (may be null for in-memory sources). */
    public Path path() {
        return path;
    }

    /** The name diagnostics print: the path as the user gave it. */
    public String displayName() {
        return displayName;
    }

    public String text() {
        return text;
    }

    /** Line {@code line} (1-based) without its line break, or "" when out of range. */
    public String line(int line) {
        int[] starts = lineStarts();
        if (line < 1 || line > starts.length) {
            return "";
        }
        int start = starts[line - 1];
        int end = line < starts.length ? starts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    count++;
                }
            }
            int[] starts = new int[count];
            int n = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts[n++] = i + 1;
                }
            }
            lineStarts = starts;
        }
        return lineStarts;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
