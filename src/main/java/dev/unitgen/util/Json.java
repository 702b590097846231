package dev.unitgen.util;

import dev.unitgen.escape.JsonEscape;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A small, dependency-free JSON writer for unitgen's machine-readable output. Values are
 * null, Boolean, Number, CharSequence, Map (keys in iteration order) and List.
 */
public final class Json {
    private Json() {
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0, true);
        return sb.toString();
    }


    private static void write(StringBuilder sb, Object value, int indent, boolean pretty) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            sb.append(value);
        } else if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) {
                sb.append((long) d);
            } else {
                sb.append(d);
            }
        } else if (value instanceof CharSequence s) {
            JsonEscape.append(sb, s.toString());
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                newline(sb, indent + 1, pretty);
                JsonEscape.append(sb, String.valueOf(e.getKey()));
                sb.append(pretty ? ": " : ":");
                write(sb, e.getValue(), indent + 1, pretty);
                if (it.hasNext()) {
                    sb.append(',');
                }
            }
            newline(sb, indent, pretty);
            sb.append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                newline(sb, indent + 1, pretty);
                write(sb, list.get(i), indent + 1, pretty);
                if (i + 1 < list.size()) {
                    sb.append(',');
                }
            }
            newline(sb, indent, pretty);
            sb.append(']');
        } else if (value instanceof Enum<?> e) {
            JsonEscape.append(sb, e.name().toLowerCase(java.util.Locale.ROOT));
        } else {
            JsonEscape.append(sb, value.toString());
        }
    }

    private static void newline(StringBuilder sb, int indent, boolean pretty) {
        if (pretty) {
            sb.append('\n');
            sb.append("  ".repeat(indent));
        }
    }
}
