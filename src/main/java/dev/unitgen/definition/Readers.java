package dev.unitgen.definition;

import dev.unitgen.util.Text;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * What the readers of structured values share: a mapping with a fixed set of keys, an
 * optional entry, a list of items, names and IP addresses.
 */
final class Readers {
    private Readers() {
    }

    /** A docker object name: a volume, a network, an alias. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    /** Reads a mapping with a fixed set of keys; unknown keys are reported with a suggestion. */
    static YMap mapWithKeys(YNode node, ReadContext ctx, String what, Set<String> keys) {
        if (!(node instanceof YMap map)) {
            ctx.error(node, "expected a mapping for " + what + ", got " + node.kind());
            return null;
        }
        for (YMap.Entry e : map.entries()) {
            if (!keys.contains(e.name())) {
                String hint = Text.closest(e.name(), keys).map(c -> "Did you mean " + c + "? ").orElse("")
                        + "Valid keys: " + String.join(", ", keys.stream().sorted().toList()) + ".";
                ctx.error(e.key(), "unknown key " + Text.q(e.name()) + " in " + what, hint);
            }
        }
        return map;
    }

    static <T> T opt(YMap map, String key, ValueType<T> type, ReadContext ctx) {
        return map.get(key).map(n -> type.read(n, ctx)).orElse(null);
    }

    static boolean isIp(String s) {
        return IPV4.matcher(s).matches() || isIpv6(s);
    }

    static boolean isIpv6(String s) {
        if (!s.matches("[0-9a-fA-F:.]+") || s.chars().filter(c -> c == ':').count() < 2 || s.indexOf("::") != s.lastIndexOf("::")) {
            return false;
        }
        for (String group : s.split(":", -1)) {
            if (group.length() > 4 && !IPV4.matcher(group).matches()) {
                return false;
            }
        }
        return true;
    }

    /** A list whose items are read by {@code item}; a failed item fails the list. */
    static <T> ValueType<List<T>> listOf(String itemName, BiFunction<YNode, ReadContext, T> item) {
        return new ValueType<>() {
            @Override
            public List<T> read(YNode node, ReadContext ctx) {
                if (!(node instanceof YSeq seq)) {
                    ctx.error(node, "expected a list, got " + node.kind());
                    return null;
                }
                List<T> out = new ArrayList<>();
                boolean ok = true;
                for (YNode i : seq.items()) {
                    T v = item.apply(i, ctx);
                    if (v == null) {
                        ok = false;
                    } else {
                        out.add(v);
                    }
                }
                return ok ? List.copyOf(out) : null;
            }

            @Override
            public String describe() {
                return "a list of " + itemName.replaceFirst("^an? ", "") + "s";
            }
        };
    }
}
