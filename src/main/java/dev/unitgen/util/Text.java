package dev.unitgen.util;

import dev.unitgen.escape.JsonEscape;
import java.util.Collection;
import java.util.Optional;

/** Text helpers for messages: quoting user input for display, and "did you mean" suggestions. */
public final class Text {
    private Text() {
    }

    /**
     * {@code "value"} for a message: control characters shown as escapes, long values
     * shortened, so user input can never break a diagnostic's layout.
     */
    public static String q(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 80 ? s.substring(0, 77) + "..." : s;
        return JsonEscape.string(shown);
    }

    /** Replaces characters a terminal would act on by '?', keeping one char per char (for caret alignment). */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c == '\t' ? ' ' : (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) ? '?' : c);
        }
        return sb.toString();
    }

    /** The closest candidate within a small edit distance, for "did you mean ...?" hints. */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String in = input.toLowerCase(java.util.Locale.ROOT);
        for (String c : candidates) {
            int d = distance(in, c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
                best = c;
                bestDistance = d;
            }
        }
        int allowed = Math.max(1, Math.min(3, input.length() / 3));
        if (best != null && (bestDistance <= allowed || (in.length() >= 4 && best.toLowerCase(java.util.Locale.ROOT).contains(in)))) {
            return Optional.of(best);
        }
        return Optional.empty();
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * What went wrong in an I/O operation, for a message that already names the file:
     * "permission denied", "Read-only file system", "No space left on device", ...
     */
    public static String io(java.io.IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemLoopException) {
            return "symbolic link loop";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

}
