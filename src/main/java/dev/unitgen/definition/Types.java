package dev.unitgen.definition;

import dev.unitgen.util.Text;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import dev.unitgen.yaml.YSeq;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The basic value types of definition keys. */
public final class Types {
    private Types() {
    }

    /** Longest string a definition value may hold. */
    public static final int MAX_STRING = 64 * 1024;

    // ------------------------------------------------------------------ scalars

    /** Any non-null scalar, as text (YAML 1.2: yes, on, 012 stay text). */
    public static final ValueType<String> STRING = simple("string", (s, n, ctx) -> s);

    /** A string without control characters (for values that end up in unit settings). */
    public static final ValueType<String> LINE = simple("string", (s, n, ctx) -> {
        if (hasControl(s)) {
            ctx.error(n, "the value contains a line break or control character", "Write it on one line.");
            return null;
        }
        return s;
    });

    public static final ValueType<Boolean> BOOL = simple("boolean", (s, n, ctx) -> {
        switch (s) {
            case "true", "True", "TRUE" -> {
                return Boolean.TRUE;
            }
            case "false", "False", "FALSE" -> {
                return Boolean.FALSE;
            }
            default -> {
                String lower = s.toLowerCase(Locale.ROOT);
                boolean yes = List.of("yes", "on", "y").contains(lower);
                boolean no = List.of("no", "off", "n").contains(lower);
                ctx.error(n, "expected true or false, got " + Text.q(s),
                        yes ? "YAML 1.2 reads " + s + " as text: write true." : no ? "YAML 1.2 reads " + s + " as text: write false." : null);
                return null;
            }
        }
    });

    public static ValueType<Long> integer(long min, long max) {
        return simple("integer", (s, n, ctx) -> {
            long v;
            try {
                v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            } catch (NumberFormatException e) {
                ctx.error(n, "expected an integer, got " + Text.q(s));
                return null;
            }
            if (v < min || v > max) {
                ctx.error(n, "value " + v + " is out of range", "Use a value from " + min + " to " + max + ".");
                return null;
            }
            return v;
        });
    }

    /** A decimal number (cpus: 0.5). Kept as text in canonical form. */
    public static ValueType<BigDecimal> decimal(BigDecimal min, BigDecimal max) {
        return simple("number", (s, n, ctx) -> {
            BigDecimal v;
            try {
                v = new BigDecimal(s);
            } catch (NumberFormatException e) {
                ctx.error(n, "expected a number, got " + Text.q(s));
                return null;
            }
            if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                ctx.error(n, "value " + s + " is out of range", "Use a value from " + min.toPlainString() + " to " + max.toPlainString() + ".");
                return null;
            }
            return v.stripTrailingZeros();
        });
    }

    /** One of a fixed set of words, mapped to an enum constant through {@code yamlName}. */
    public static <E extends Enum<E>> ValueType<E> enumeration(Class<E> type, Function<E, String> yamlName) {
        Map<String, E> byName = new LinkedHashMap<>();
        for (E e : type.getEnumConstants()) {
            byName.put(yamlName.apply(e), e);
        }
        String choices = String.join(", ", byName.keySet());
        return simple("one of " + choices, (s, n, ctx) -> {
            E e = byName.get(s);
            if (e == null) {
                String hint = Text.closest(s, byName.keySet()).map(c -> "Did you mean " + c + "? ").orElse("")
                        + "Valid values: " + choices + ".";
                ctx.error(n, "invalid value " + Text.q(s), hint);
            }
            return e;
        });
    }

    public static <E extends Enum<E>> ValueType<E> enumeration(Class<E> type) {
        return enumeration(type, e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|µs|ms|s|m|h)");

    /** A compose/Go duration: 90s, 1m30s, 1h, 500ms. */
    public static final ValueType<Duration> DURATION = simple("duration (e.g. 90s, 1m30s)", (s, n, ctx) -> {
        Duration d = parseDuration(s);
        if (d == null) {
            String hint = s.matches("\\d+") ? "A duration needs a unit: did you mean " + s + "s?"
                    : "Write a number and a unit (us, ms, s, m, h), e.g. 10s or 1m30s.";
            ctx.error(n, "invalid duration " + Text.q(s), hint);
        }
        return d;
    });

    /** A duration in unitgen's syntax (90s, 1m30s), or null. */
    public static Duration parseDurationText(String s) {
        return parseDuration(s);
    }

    static Duration parseDuration(String s) {
        if (s.isEmpty()) {
            return null;
        }
        Matcher m = DURATION_PART.matcher(s);
        int pos = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) {
                return null;
            }
            BigDecimal v = new BigDecimal(m.group(1));
            long unit = switch (m.group(2)) {
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(v.multiply(BigDecimal.valueOf(unit)));
            pos = m.end();
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            return null;
        }
        return Duration.ofNanos(nanos.longValue());
    }

    // ------------------------------------------------------------------ collections

    /** A list of strings; with {@code singleAllowed} a single string is a list of one. */
    public static ValueType<List<String>> strings(boolean singleAllowed, ValueType<String> item) {
        return new ValueType<>() {
            @Override
            public List<String> read(YNode node, ReadContext ctx) {
                if (node instanceof YScalar s && singleAllowed && !s.isNull()) {
                    String v = item.read(s, ctx);
                    return v == null ? null : List.of(v);
                }
                if (!(node instanceof YSeq seq)) {
                    ctx.error(node, "expected " + describe() + ", got " + node.kind());
                    return null;
                }
                List<String> out = new ArrayList<>();
                boolean ok = true;
                for (YNode i : seq.items()) {
                    String v = item.read(i, ctx);
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
                return singleAllowed ? "a string or a list of strings" : "a list of strings";
            }
        };
    }

    /** A command: a list of words, or a string split like a shell would (compose semantics). */
    public static final ValueType<List<String>> COMMAND = new ValueType<>() {
        @Override
        public List<String> read(YNode node, ReadContext ctx) {
            if (node instanceof YScalar s && !s.isNull()) {
                try {
                    List<String> words = ShellWords.split(s.value());
                    if (words.isEmpty()) {
                        ctx.error(node, "the command is empty");
                        return null;
                    }
                    return words;
                } catch (IllegalArgumentException e) {
                    ctx.error(node, "cannot split the command: " + e.getMessage(),
                            "Write the command as a list of words to avoid shell quoting rules.");
                    return null;
                }
            }
            List<String> words = strings(false, STRING).read(node, ctx);
            if (words != null && words.isEmpty()) {
                ctx.error(node, "the command is empty");
                return null;
            }
            return words;
        }

        @Override
        public String describe() {
            return "a string (split like a shell) or a list of words";
        }
    };

    /**
     * A mapping {@code KEY: value} or a list of {@code KEY<sep>value} strings, in the order
     * given (the translator sorts). Null values are refused unless {@code allowBare}.
     */
    public static ValueType<Map<String, String>> stringMap(String separators, boolean allowBare) {
        return stringMap(separators, allowBare, (k, v) -> null);
    }

    /** Checks one entry: null when fine, else the problem. */
    public interface EntryCheck {
        String check(String key, String value);
    }

    /** As {@link #stringMap(String, boolean)}, each entry also checked by {@code check}. */
    public static ValueType<Map<String, String>> stringMap(String separators, boolean allowBare, EntryCheck check) {
        return new ValueType<>() {
            @Override
            public Map<String, String> read(YNode node, ReadContext ctx) {
                Map<String, String> out = new LinkedHashMap<>();
                boolean ok = true;
                if (node instanceof YMap map) {
                    for (YMap.Entry e : map.entries()) {
                        if (e.value() instanceof YScalar v) {
                            if (v.isNull() && !allowBare) {
                                ctx.error(e.key(), "no value for " + Text.q(e.name()),
                                        "Give it a value; an empty value is written \"\".");
                                ok = false;
                            } else {
                                String problem = check.check(e.name(), v.isNull() ? "" : v.value());
                                if (problem != null) {
                                    ctx.error(e.value(), problem);
                                    ok = false;
                                }
                                out.put(e.name(), v.isNull() ? "" : v.value());
                            }
                        } else {
                            ctx.error(e.value(), "expected a scalar value for " + Text.q(e.name()) + ", got " + e.value().kind());
                            ok = false;
                        }
                    }
                } else if (node instanceof YSeq seq) {
                    for (YNode item : seq.items()) {
                        if (!(item instanceof YScalar s) || s.isNull()) {
                            ctx.error(item, "expected a KEY" + separators.charAt(0) + "VALUE string, got " + item.kind());
                            ok = false;
                            continue;
                        }
                        int at = -1;
                        for (char c : separators.toCharArray()) {
                            int i = s.value().indexOf(c);
                            if (i > 0 && (at < 0 || i < at)) {
                                at = i;
                            }
                        }
                        if (at < 0) {
                            if (!allowBare) {
                                ctx.error(item, "expected KEY" + separators.charAt(0) + "VALUE, got " + Text.q(s.value()),
                                        "An entry without a value would be taken from unitgen's own environment; give the value.");
                                ok = false;
                            } else {
                                out.put(s.value(), "");
                            }
                            continue;
                        }
                        String k = s.value().substring(0, at);
                        String problem = check.check(k, s.value().substring(at + 1));
                        if (problem != null) {
                            ctx.error(item, problem);
                            ok = false;
                        }
                        if (out.containsKey(k)) {
                            ctx.error(item, "duplicate entry " + Text.q(k));
                            ok = false;
                        }
                        out.put(k, s.value().substring(at + 1));
                    }
                } else {
                    ctx.error(node, "expected " + describe() + ", got " + node.kind());
                    return null;
                }
                return ok ? out : null;
            }

            @Override
            public String describe() {
                return "a mapping or a list of KEY" + separators.charAt(0) + "VALUE strings";
            }
        };
    }

    // ------------------------------------------------------------------ helpers

    interface ScalarReader<T> {
        T read(String value, YScalar node, ReadContext ctx);
    }

    /** A type read from one non-null scalar. */
    static <T> ValueType<T> simple(String description, ScalarReader<T> reader) {
        return new ValueType<>() {
            @Override
            public T read(YNode node, ReadContext ctx) {
                if (!(node instanceof YScalar s) || s.isNull()) {
                    ctx.error(node, "expected " + description + ", got " + node.kind());
                    return null;
                }
                if (s.value().length() > MAX_STRING) {
                    ctx.error(node, "value too long (" + s.value().length() + " characters, at most " + MAX_STRING + ")");
                    return null;
                }
                return reader.read(s.value(), s, ctx);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
