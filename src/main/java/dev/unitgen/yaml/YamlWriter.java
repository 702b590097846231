package dev.unitgen.yaml;

import dev.unitgen.escape.YamlEscape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small, deterministic YAML writer for the definition files unitgen writes itself (import
 * compose): block mappings and sequences indented by two, comment lines before any entry or
 * item, scalars quoted by {@link YamlEscape#scalar} so that they read back as the same text.
 */
public final class YamlWriter {
    private YamlWriter() {
    }

    /** A node to write. */
    public sealed interface Node permits Scalar, Null, Mapping, Sequence {
    }

    /** A scalar, written plain or double-quoted as its text needs. */
    public record Scalar(String value) implements Node {
    }

    /** YAML's null, written as nothing after the key ({@code key:}) or {@code null} in a list. */
    public record Null() implements Node {
    }

    /** A mapping, entries in the order added. */
    public static final class Mapping implements Node {
        private final List<Entry> entries = new ArrayList<>();

        public Mapping put(String key, Node value, String... comments) {
            for (Entry e : entries) {
                if (e.key.equals(key)) {
                    e.value = value;
                    e.comments.addAll(List.of(comments));
                    return this;
                }
            }
            Entry e = new Entry(key, value);
            e.comments.addAll(List.of(comments));
            entries.add(e);
            return this;
        }

        public Mapping put(String key, String scalar, String... comments) {
            return put(key, new Scalar(scalar), comments);
        }

        public Optional<Node> get(String key) {
            return entries.stream().filter(e -> e.key.equals(key)).map(e -> e.value).findFirst();
        }

        public boolean has(String key) {
            return get(key).isPresent();
        }

        public void remove(String key) {
            entries.removeIf(e -> e.key.equals(key));
        }

        /** Adds comment lines before the first entry, before its own comments. */
        public void commentFirst(String... comments) {
            if (entries.isEmpty()) {
                throw new IllegalStateException("no entries");
            }
            entries.get(0).comments.addAll(0, List.of(comments));
        }

        /** Puts a scalar entry with a comment at the end of its line ({@code key: value  # comment}). */
        public Mapping putNoted(String key, String scalar, String note) {
            put(key, scalar);
            entries.stream().filter(e -> e.key.equals(key)).findFirst().orElseThrow().note = note;
            return this;
        }

        /** Adds comment lines before the entry {@code key} (which must exist). */
        public void comment(String key, String... comments) {
            entries.stream().filter(e -> e.key.equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no entry " + key)).comments.addAll(List.of(comments));
        }

        public boolean isEmpty() {
            return entries.isEmpty();
        }

        public List<String> keys() {
            return entries.stream().map(e -> e.key).toList();
        }

        private static final class Entry {
            final String key;
            Node value;
            final List<String> comments = new ArrayList<>();
            String note; // the comment at the end of a scalar's line, or null

            Entry(String key, Node value) {
                this.key = key;
                this.value = value;
            }
        }
    }

    /** A sequence, items in the order added. */
    public static final class Sequence implements Node {
        private final List<Node> items = new ArrayList<>();
        private final List<List<String>> comments = new ArrayList<>();

        public Sequence add(Node item, String... comments) {
            items.add(item);
            this.comments.add(new ArrayList<>(List.of(comments)));
            return this;
        }

        public Sequence add(String scalar, String... comments) {
            return add(new Scalar(scalar), comments);
        }

        public List<Node> items() {
            return List.copyOf(items);
        }

        public boolean isEmpty() {
            return items.isEmpty();
        }
    }

    /** The document: header comment lines, then the mapping. */
    public static String write(List<String> header, Mapping root) {
        StringBuilder sb = new StringBuilder();
        for (String h : header) {
            comment(sb, 0, h);
        }
        mapping(sb, root, 0);
        return sb.toString();
    }

    private static void comment(StringBuilder sb, int indent, String text) {
        sb.append(" ".repeat(indent)).append(text.isEmpty() ? "#" : "# " + YamlEscape.comment(text)).append('\n');
    }

    private static void mapping(StringBuilder sb, Mapping m, int indent) {
        for (Mapping.Entry e : m.entries) {
            e.comments.forEach(c -> comment(sb, indent, c));
            sb.append(" ".repeat(indent)).append(YamlEscape.scalar(e.key)).append(':');
            if (e.note != null && e.value instanceof Scalar s) {
                sb.append(' ').append(YamlEscape.scalar(s.value())).append("  # ").append(YamlEscape.comment(e.note)).append('\n');
            } else {
                value(sb, e.value, indent);
            }
        }
    }

    /** The rest of a line after "key:" or "-", and the lines of a nested collection. */
    private static void value(StringBuilder sb, Node v, int indent) {
        if (v instanceof Scalar s) {
            sb.append(' ').append(YamlEscape.scalar(s.value())).append('\n');
        } else if (v instanceof Null) {
            sb.append('\n');
        } else if (v instanceof Mapping m) {
            if (m.isEmpty()) {
                sb.append(" {}\n");
            } else {
                sb.append('\n');
                mapping(sb, m, indent + 2);
            }
        } else if (v instanceof Sequence q) {
            String flow = flow(q);
            if (q.isEmpty()) {
                sb.append(" []\n");
            } else if (flow != null && lineLength(sb) + 1 + flow.length() <= FLOW_WIDTH) {
                sb.append(' ').append(flow).append('\n');
            } else {
                sb.append('\n');
                sequence(sb, q, indent + 2);
            }
        }
    }

    /** Lists of single-word scalars without comments are written [a, b] when the line stays this short. */
    static final int FLOW_WIDTH = 100;

    private static String flow(Sequence q) {
        if (q.comments.stream().anyMatch(c -> !c.isEmpty())) {
            return null;
        }
        StringBuilder sb = new StringBuilder("[");
        for (Node item : q.items) {
            if (!(item instanceof Scalar s) || s.value().indexOf(' ') >= 0) {
                return null; // a list of words reads best in one line; sentences one per line
            }
            sb.append(sb.length() > 1 ? ", " : "").append(YamlEscape.flowScalar(s.value()));
        }
        return sb.append(']').toString();
    }

    private static int lineLength(StringBuilder sb) {
        int nl = sb.lastIndexOf("\n");
        return sb.length() - nl - 1;
    }

    private static void sequence(StringBuilder sb, Sequence q, int indent) {
        for (int i = 0; i < q.items.size(); i++) {
            q.comments.get(i).forEach(c -> comment(sb, indent, c));
            Node item = q.items.get(i);
            if (item instanceof Mapping m && !m.isEmpty()) {
                // "- first: x" then the other entries under it
                StringBuilder nested = new StringBuilder();
                mapping(nested, m, indent + 2);
                sb.append(" ".repeat(indent)).append("- ").append(nested.substring(indent + 2));
            } else if (item instanceof Null) {
                sb.append(" ".repeat(indent)).append("- null\n");
            } else {
                sb.append(" ".repeat(indent)).append('-');
                value(sb, item, indent);
            }
        }
    }
}
