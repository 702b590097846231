package dev.unitgen.diag;

import dev.unitgen.util.Text;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints diagnostics terraform-style for people, or as JSON for tools. */
public final class DiagnosticPrinter {
    private static final int MAX_SNIPPET = 120;

    private DiagnosticPrinter() {
    }

    public static void printText(PrintWriter err, Diagnostics diagnostics) {
        for (Diagnostic d : diagnostics.sorted()) {
            err.print(format(d));
        }
        err.flush();
    }

    public static String format(Diagnostic d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.severity().label()).append(": ").append(d.summary()).append("\n\n");
        Location at = d.location();
        if (at != null) {
            sb.append("  on ").append(at.file().displayName()).append(" line ").append(at.line())
                    .append(", column ").append(at.column()).append(":\n");
            String line = at.file().line(at.line());
            if (!line.isEmpty() || at.column() == 1) {
                String number = String.valueOf(at.line());
                int from = 0;
                if (line.length() > MAX_SNIPPET) {
                    from = Math.max(0, Math.min(at.column() - 1 - MAX_SNIPPET / 2, line.length() - MAX_SNIPPET));
                    line = line.substring(from, Math.min(line.length(), from + MAX_SNIPPET));
                }
                String shown = Text.printable(line);
                sb.append("  ").append(number).append(": ").append(shown).append('\n');
                int caretColumn = Math.max(0, at.column() - 1 - from);
                int width = Math.max(1, Math.min(at.length(), shown.length() - caretColumn));
                sb.append("  ").append(" ".repeat(number.length() + 2 + caretColumn)).append("^".repeat(width)).append('\n');
            }
            sb.append('\n');
        }
        if (d.detail() != null) {
            sb.append(d.detail()).append("\n\n");
        }
        if (d.hint() != null) {
            sb.append(d.hint()).append("\n\n");
        }
        return sb.toString();
    }

    /** The diagnostics as a JSON list, in the order of the text output (see unitgen(1), JSON OUTPUT). */
    public static List<Object> toJson(Diagnostics diagnostics) {
        List<Object> list = new ArrayList<>();
        for (Diagnostic d : diagnostics.sorted()) {
            list.add(toJson(d));
        }
        return list;
    }

    public static Map<String, Object> toJson(Diagnostic d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", d.severity().json());
        m.put("summary", d.summary());
        if (d.detail() != null) {
            m.put("detail", d.detail());
        }
        if (d.hint() != null) {
            m.put("hint", d.hint());
        }
        Location at = d.location();
        if (at != null) {
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("filename", at.file().displayName());
            range.put("line", at.line());
            range.put("column", at.column());
            range.put("length", at.length());
            m.put("range", range);
            m.put("snippet", at.file().line(at.line()));
        }
        return m;
    }
}
