package dev.unitgen.cli;

import dev.unitgen.diag.DiagnosticPrinter;
import dev.unitgen.diag.Diagnostics;
import dev.unitgen.util.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The one shape of every {@code --output json} document (unitgen(1), JSON OUTPUT; the schemas
 * in docs/schema/): {@code exit_code} first, the command's own fields, then
 * {@code error_count}, {@code warning_count} and {@code diagnostics}, always a list. A command
 * that fails before it has its own fields (the host, a lock, an option value) prints the same
 * envelope with its error as the one diagnostic.
 */
final class JsonOutput {
    private JsonOutput() {
    }

    /** The document of a command that ran: {@code fields} between the exit code and the diagnostics. */
    static Map<String, Object> document(int exitCode, Map<String, Object> fields, Diagnostics diagnostics) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("exit_code", exitCode);
        doc.putAll(fields);
        doc.put("error_count", diagnostics.errorCount());
        doc.put("warning_count", diagnostics.warningCount());
        doc.put("diagnostics", DiagnosticPrinter.toJson(diagnostics));
        return doc;
    }

    /** Prints {@link #document} on {@code out}. */
    static void print(PrintWriter out, int exitCode, Map<String, Object> fields, Diagnostics diagnostics) {
        out.println(Json.write(document(exitCode, fields, diagnostics)));
        out.flush();
    }

    /** The document of a command that failed with {@code message}: no fields of its own. */
    static Map<String, Object> failure(int exitCode, String message, String hint) {
        return failure(exitCode, message, hint, new Diagnostics());
    }

    /**
     * The document of a command that failed with {@code message} after the definitions were
     * read: their diagnostics ({@code behind}), then the failure.
     */
    static Map<String, Object> failure(int exitCode, String message, String hint, Diagnostics behind) {
        Diagnostics all = new Diagnostics();
        all.addAll(behind);
        Map<String, Object> doc = document(exitCode, Map.of(), all);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("severity", "error");
        d.put("summary", message);
        if (hint != null) {
            d.put("hint", hint);
        }
        List<Object> list = new ArrayList<>(DiagnosticPrinter.toJson(all));
        list.add(d);
        doc.put("error_count", all.errorCount() + 1);
        doc.put("diagnostics", list);
        return doc;
    }

    /** Whether the command {@code cl} ran was asked for JSON (its -o/--output option, once parsed). */
    static boolean requested(CommandLine cl) {
        CommandLine.Model.OptionSpec o = cl.getCommandSpec().findOption("--output");
        return o != null && o.type() == OutputFormat.class && o.getValue() == OutputFormat.json;
    }

    /**
     * Whether {@code args}, which did not parse, ask the command {@code cl} for JSON: its
     * -o/--output option given as json in any of picocli's spellings.
     */
    static boolean requested(CommandLine cl, String[] args) {
        CommandLine.Model.OptionSpec o = cl.getCommandSpec().findOption("--output");
        if (o == null || o.type() != OutputFormat.class) {
            return false;
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--output=json") || a.equals("-ojson") || a.equals("-o=json")
                    || (a.equals("-o") || a.equals("--output")) && i + 1 < args.length && args[i + 1].equals("json")) {
                return true;
            }
        }
        return false;
    }
}
