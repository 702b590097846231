package dev.unitgen.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects every diagnostic of a run, so that all errors of all files are reported at once. */
public final class Diagnostics {
    private final Set<Diagnostic> items = new LinkedHashSet<>();

    public Diagnostic error(Location at, String summary) {
        return add(new Diagnostic(Severity.ERROR, summary, at, null, null));
    }

    public Diagnostic error(Location at, String summary, String hint) {
        return add(new Diagnostic(Severity.ERROR, summary, at, null, hint));
    }

    public Diagnostic error(Location at, String summary, String detail, String hint) {
        return add(new Diagnostic(Severity.ERROR, summary, at, detail, hint));
    }

    public Diagnostic warning(Location at, String summary) {
        return add(new Diagnostic(Severity.WARNING, summary, at, null, null));
    }

    public Diagnostic warning(Location at, String summary, String hint) {
        return add(new Diagnostic(Severity.WARNING, summary, at, null, hint));
    }

    public Diagnostic add(Diagnostic d) {
        items.add(d);
        return d;
    }

    public void addAll(Diagnostics other) {
        items.addAll(other.items);
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public long errorCount() {
        return items.stream().filter(Diagnostic::isError).count();
    }

    public long warningCount() {
        return items.size() - errorCount();
    }

    public int size() {
        return items.size();
    }

    /** Every diagnostic, sorted by file, line, column: the order never depends on discovery order. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> list = new ArrayList<>(items);
        list.sort(Diagnostic.ORDER);
        return Collections.unmodifiableList(list);
    }
}
