package dev.unitgen.definition;

import static dev.unitgen.definition.Readers.mapWithKeys;
import static dev.unitgen.definition.Readers.opt;

import dev.unitgen.util.Text;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** One resource limit of ulimits (NAME: N or NAME: {soft, hard}) and its docker --ulimit argument. */
public record Ulimit(long soft, long hard) {

    private static final Set<String> ULIMITS = Set.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
            "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    static final ValueType<Map<String, Ulimit>> MAP = new ValueType<>() {
        @Override
        public Map<String, Ulimit> read(YNode node, ReadContext ctx) {
            if (!(node instanceof YMap m)) {
                ctx.error(node, "expected a mapping of limits, got " + node.kind());
                return null;
            }
            Map<String, Ulimit> out = new LinkedHashMap<>();
            ValueType<Long> num = Types.integer(-1, Long.MAX_VALUE);
            for (YMap.Entry e : m.entries()) {
                if (!ULIMITS.contains(e.name())) {
                    ctx.error(e.key(), "unknown ulimit " + Text.q(e.name()),
                            Text.closest(e.name(), ULIMITS).map(c -> "Did you mean " + c + "? ").orElse("")
                                    + "Valid limits: " + String.join(", ", ULIMITS.stream().sorted().toList()) + ".");
                    continue;
                }
                if (e.value() instanceof YScalar) {
                    Long v = num.read(e.value(), ctx);
                    if (v != null) {
                        out.put(e.name(), new Ulimit(v, v));
                    }
                } else {
                    YMap lm = mapWithKeys(e.value(), ctx, "ulimit " + e.name(), Set.of("soft", "hard"));
                    if (lm == null) {
                        continue;
                    }
                    Long soft = opt(lm, "soft", num, ctx);
                    Long hard = opt(lm, "hard", num, ctx);
                    if (soft == null || hard == null) {
                        ctx.error(e.value(), "ulimit " + e.name() + " needs soft and hard");
                        continue;
                    }
                    if (hard >= 0 && (soft > hard || soft < 0)) {
                        ctx.error(e.value(), "ulimit " + e.name() + ": soft limit " + (soft < 0 ? "unlimited (-1)" : soft)
                                + " is above the hard limit " + hard);
                        continue;
                    }
                    out.put(e.name(), new Ulimit(soft, hard));
                }
            }
            return out;
        }

        @Override
        public String describe() {
            return "a mapping of limit name to a number or {soft, hard}";
        }
    };

    /** The argument of docker's --ulimit for the limit {@code name}. */
    public String arg(String name) {
        return soft == hard ? name + "=" + soft : name + "=" + soft + ":" + hard;
    }
}
