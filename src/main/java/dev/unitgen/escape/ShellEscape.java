package dev.unitgen.escape;

import java.util.List;

/** POSIX shell words, for the {@code /bin/sh -c} scripts a unit runs and the shell steps of a Dockerfile. */
public final class ShellEscape {
    /** Single quotes: everything inside is literal but the quote itself, written {@code '\''}. */
    private static final Quoting.Style SINGLE_QUOTED = new Quoting.Style(Quoting.named('\'', "'\\''"), c -> false,
            Quoting::hexByte, "a NUL character cannot be passed to a shell", Quoting.Unpaired.KEEP, null);

    private ShellEscape() {
    }

    /** One word for {@code /bin/sh}: bare when safe, else single-quoted. */
    public static String word(String word) {
        if (Quoting.safeWord(word)) {
            return word;
        }
        return Quoting.quote(word, '\'', SINGLE_QUOTED);
    }

    /** A shell command line that runs exactly {@code argv}. */
    public static String command(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String w : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(word(w));
        }
        return sb.toString();
    }
}
