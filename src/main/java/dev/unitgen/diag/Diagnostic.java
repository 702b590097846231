package dev.unitgen.diag;

import java.util.Comparator;

/**
 * One finding about the definitions: a one-line summary, where it is (may be null for
 * findings about a whole run), an optional detail paragraph and an optional hint.
 */
public record Diagnostic(Severity severity, String summary, Location location, String detail, String hint) {

    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.location() == null ? "" : d.location().file().displayName())
            .thenComparingInt(d -> d.location() == null ? 0 : d.location().line())
            .thenComparingInt(d -> d.location() == null ? 0 : d.location().column())
            .thenComparing(Diagnostic::severity)
            .thenComparing(Diagnostic::summary);

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
