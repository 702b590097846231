package dev.unitgen.yaml;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.diag.Location;
import dev.unitgen.diag.SourceFile;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * A YAML syntax error in plain words with a fix: the parser's own message ("expected
 * &lt;block end&gt;, but found '&lt;block mapping start&gt;'") names its state, not the
 * mistake. The common mistakes (a tab, a line indented out of step, a list item among the
 * keys of a mapping, ": " inside a value, an unclosed quote or bracket) get their own summary
 * and hint; anything else keeps the parser's words, with a general hint.
 */
final class SyntaxErrors {
    private final SourceFile source;

    private SyntaxErrors(SourceFile source) {
        this.source = source;
    }

    static void report(MarkedYamlEngineException e, SourceFile source, Diagnostics diagnostics) {
        new SyntaxErrors(source).report(e, diagnostics);
    }

    private record Place(int line, int column) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column;
        }
    }

    private static Place place(Optional<Mark> m) {
        return m.map(x -> new Place(x.getLine() + 1, x.getColumn() + 1)).orElse(null);
    }

    private void report(MarkedYamlEngineException e, Diagnostics diagnostics) {
        String problem = e.getProblem() == null ? "" : e.getProblem().strip();
        String context = e.getContext() == null ? "" : e.getContext().strip();
        Place at = place(e.getProblemMark());
        if (at == null) {
            at = place(e.getContextMark());
        }
        if (at == null) {
            at = new Place(1, 1);
        }
        Place opened = place(e.getContextMark());
        String[] words = explain(problem, context, at, opened);
        Location loc = Location.of(source, at.line(), Math.max(1, Math.min(at.column(), source.line(at.line()).length() + 1)));
        if (words != null) {
            diagnostics.error(loc, words[0], words[1]);
        } else {
            String detail = "The YAML parser says: " + (problem.isEmpty() ? "syntax error" : problem)
                    + (context.isEmpty() ? "" : " (" + context + ")") + ".";
            diagnostics.error(loc, "invalid YAML" + (problem.isEmpty() ? "" : ": " + problem), detail,
                    "Check the indentation (spaces only; the keys of one mapping in one column, the items of one list "
                            + "too) and quote a value that contains \": \" or \" #\", or starts with one of [ ] { } , & * ! | > ' \" % @ `.");
        }
    }

    /** {summary, hint} for a known mistake, or null. */
    private String[] explain(String problem, String context, Place at, Place opened) {
        String line = source.line(at.line());
        if (problem.contains("(TAB)") || problem.contains("\\t")) {
            return new String[] {"a tab character in the indentation",
                    "YAML indents with spaces only: replace the tab on line " + at.line() + " with spaces."};
        }
        if (problem.startsWith("found character '") && problem.contains("cannot start any token")) {
            char c = problem.charAt("found character '".length());
            return new String[] {"a value cannot start with " + c + " unquoted",
                    c + " is reserved in YAML: quote the value, e.g. " + keyOf(line) + "\"" + valueOf(line, at) + "\"."};
        }
        if (problem.startsWith("expected <block end>, but found '<block mapping start>'")) {
            return new String[] {"this line is indented differently from the keys above it", indentHint(at, opened)};
        }
        if (problem.startsWith("expected <block end>, but found '<block sequence start>'")
                || problem.startsWith("expected <block end>, but found '-'")) {
            Place item = previousItem(at);
            if (item != null && item.column() != at.column()) {
                return new String[] {"this list item is indented differently from the items above it",
                        "The items of one list start in the same column: start it in column " + item.column()
                                + ", like the item on line " + item.line() + "."};
            }
            return new String[] {"a list item (\"- ...\") among the KEY: VALUE lines of a mapping",
                    "A mapping cannot also hold list items. To give a key a list, put the items under the key, indented "
                            + "further:\nports:\n  - \"80:80\""};
        }
        if (problem.startsWith("expected <block end>, but found '<scalar>'")) {
            return new String[] {"text after the end of a value",
                    "A quoted value ends at its closing quote: put the whole value in one pair of quotes, or none."};
        }
        if (problem.startsWith("mapping values are not allowed here")) {
            int firstColon = firstKeyColon(line);
            if (firstColon >= 0 && firstColon + 1 < at.column()) {
                return new String[] {"a value contains \": \"",
                        "YAML reads \": \" as the start of a mapping: quote the value, e.g. " + keyOf(line) + "\""
                                + valueOf(line, new Place(at.line(), firstColon + 2)) + "\"."};
            }
            int prev = previousLine(at.line());
            String above = prev > 0 ? source.line(prev) : "";
            if (prev > 0 && firstKeyColon(above) < 0 && !above.strip().startsWith("-")) {
                return new String[] {"line " + prev + " is not a KEY: VALUE line",
                        "Write a colon and a space after the key on line " + prev + "; without it YAML reads line " + prev
                                + " and this line as one value."};
            }
            return new String[] {"this line is indented further than the key above it",
                    "YAML reads it as more words of the value above. Start it in the column of the key above (column "
                            + (indent(above) + 1) + "), or, if it belongs to that key, write the key's value on lines of its own."};
        }
        if (context.startsWith("while scanning a quoted scalar")) {
            return new String[] {"a quoted value is not closed",
                    "Close the quote that opens " + (opened == null ? "above" : "on " + opened) + "."};
        }
        if (problem.startsWith("expected ',' or ']'") || problem.startsWith("expected ',' or '}'")
                || context.startsWith("while parsing a flow")) {
            boolean bracket = context.startsWith("while parsing a flow sequence") || context.startsWith("while parsing a flow mapping");
            return new String[] {"a [ ... ] or { ... } is not closed, or its items are not separated by commas",
                    (bracket && opened != null ? "It opens on " + opened + ". " : "")
                            + "Separate the items with commas and close it with ] or }."};
        }
        if (problem.startsWith("found undefined alias ")) {
            String name = problem.substring("found undefined alias ".length());
            return new String[] {"the alias *" + name + " names no anchor",
                    "Define the anchor (&" + name + ") before its first use, or quote the value if * is meant literally."};
        }
        if (problem.startsWith("found unknown escape character")) {
            return new String[] {"an unknown backslash escape in a double-quoted value",
                    "In double quotes a backslash starts an escape (\\n, \\t, \\\"): write \\\\ for a backslash, or use single quotes."};
        }
        if (problem.startsWith("could not find expected ':'")) {
            return new String[] {"a line without a KEY: VALUE colon", "Write a colon and a space after the key."};
        }
        return null;
    }

    private String indentHint(Place at, Place opened) {
        int prev = previousLine(at.line());
        int column = prev > 0 ? indent(source.line(prev)) + 1 : 1;
        String hint = "The keys of one mapping start in the same column: start it in column " + column
                + (prev > 0 ? ", like line " + prev + " above" : "");
        if (opened != null && opened.column() != column) {
            hint += " (or in column " + opened.column() + ", for the mapping that starts on line " + opened.line() + ")";
        }
        return hint + ". Indent with spaces only.";
    }

    /** The nearest "- " item above {@code at}, or null. */
    private Place previousItem(Place at) {
        for (int l = at.line() - 1; l >= 1; l--) {
            String text = source.line(l);
            String s = text.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (s.startsWith("- ") || s.equals("-")) {
                return new Place(l, indent(text) + 1);
            }
            return null;
        }
        return null;
    }

    private int previousLine(int line) {
        for (int l = line - 1; l >= 1; l--) {
            String s = source.line(l).strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                return l;
            }
        }
        return 0;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The 0-based index of the first ':' followed by a blank or the end of the line, or -1. */
    private static int firstKeyColon(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ':' && (i + 1 == line.length() || line.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    /** "KEY: " of a KEY: VALUE line (or "" when the line has none). */
    private static String keyOf(String line) {
        int c = firstKeyColon(line);
        return c < 0 ? "" : line.substring(indent(line), c).replaceFirst("^- ", "") + ": ";
    }

    /** The rest of the line from {@code at}'s column, or from after the key. */
    private static String valueOf(String line, Place at) {
        int c = firstKeyColon(line);
        int from = c >= 0 && c < at.column() ? c + 1 : at.column() - 1;
        return line.substring(Math.min(from, line.length())).strip().replace("\"", "\\\"");
    }
}
