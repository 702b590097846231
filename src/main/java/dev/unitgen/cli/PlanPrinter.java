package dev.unitgen.cli;

import dev.unitgen.layout.Root;
import dev.unitgen.plan.Change;
import dev.unitgen.plan.Plan;
import dev.unitgen.plan.UnifiedDiff;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Prints a plan terraform-style, with --diff the unified diffs (env values never shown). */
final class PlanPrinter {
    private PlanPrinter() {
    }

    static void print(PrintWriter out, Plan plan, boolean diff) {
        if (!plan.isEmpty()) {
            out.println("unitgen will perform these actions:");
            out.println();
            for (Change c : plan.changes()) {
                out.println("  " + c.describe());
            }
            out.println();
        }
        untouched(plan).ifPresent(note -> {
            out.println(note);
            out.println();
        });
        if (diff) {
            for (Change c : plan.changes()) {
                out.print(diff(c));
            }
            if (!plan.isEmpty()) {
                out.println();
            }
        }
        out.println(plan.summary());
    }

    /** The unified diffs of a change: its unit file, and its env file with the values hidden ("" when neither changes). */
    static String diff(Change c) {
        StringBuilder sb = new StringBuilder();
        String path = Root.unitFile(c.unit());
        String newUnit = c.desired() == null ? "" : c.desired().unitText();
        sb.append(UnifiedDiff.diff(c.oldUnit() == null ? "/dev/null" : "a" + path, c.oldUnit() == null ? "" : c.oldUnit(),
                c.desired() == null ? "/dev/null" : "b" + path, newUnit));
        String newEnv = c.desired() == null ? null : c.desired().envText();
        if (!Objects.equals(c.oldEnv(), newEnv)) {
            String envPath = Root.envFile(c.container());
            Map<String, String>[] masked = mask(c.oldEnv(), newEnv);
            sb.append(UnifiedDiff.diff(c.oldEnv() == null ? "/dev/null" : "a" + envPath + " (values hidden)", text(masked[0]),
                    newEnv == null ? "/dev/null" : "b" + envPath + " (values hidden)", text(masked[1])));
        }
        return sb.toString();
    }

    /** The note on the managed units left alone because their definition files were not read; empty when none. */
    static java.util.Optional<String> untouched(Plan plan) {
        if (plan.untouched().isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("Left as they are, from definition files not read now: " + String.join(", ", plan.untouched()) + ".");
    }

    /** Env files with every value replaced by a marker that only says whether it changed. */
    @SuppressWarnings("unchecked")
    static Map<String, String>[] mask(String oldEnv, String newEnv) {
        Map<String, String> a = parse(oldEnv);
        Map<String, String> b = parse(newEnv);
        Map<String, String> ma = new LinkedHashMap<>();
        Map<String, String> mb = new LinkedHashMap<>();
        a.forEach((k, v) -> ma.put(k, Objects.equals(v, b.get(k)) ? "(unchanged)" : "(old value)"));
        b.forEach((k, v) -> mb.put(k, Objects.equals(v, a.get(k)) ? "(unchanged)" : "(new value)"));
        return new Map[] {ma, mb};
    }

    private static Map<String, String> parse(String env) {
        Map<String, String> m = new LinkedHashMap<>();
        if (env != null) {
            env.lines().filter(l -> !l.startsWith("#") && l.contains("=")).forEach(l -> m.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        }
        return m;
    }

    private static String text(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }
}
