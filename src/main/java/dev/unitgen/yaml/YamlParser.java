package dev.unitgen.yaml;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.diag.Location;
import dev.unitgen.diag.SourceFile;
import dev.unitgen.util.Text;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlVersionException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Parses one definition file with snakeyaml-engine (YAML 1.2) into {@link YNode}s that carry
 * file, line and column. Reports, as diagnostics: invalid UTF-8, syntax errors, more than one
 * document, duplicate keys, non-scalar keys, custom tags, recursive aliases and alias bombs.
 * Merge keys ({@code <<: *anchor}), which compose files use, are applied.
 */
public final class YamlParser {
    /** Nodes one file may expand to through aliases before it is refused. */
    static final int MAX_NODES = 200_000;
    /** Code points one file may hold. */
    public static final int MAX_CODE_POINTS = 4 * 1024 * 1024;

    private final SourceFile source;
    private final Diagnostics diagnostics;
    private int nodeCount;
    private boolean tooManyReported;

    private YamlParser(SourceFile source, Diagnostics diagnostics) {
        this.source = source;
        this.diagnostics = diagnostics;
    }

    /** Decodes UTF-8 strictly; reports where the first bad byte is. Null on failure. */
    public static String decode(byte[] bytes, Path path, String displayName, Diagnostics diagnostics) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            int bad = firstInvalidUtf8(bytes);
            String before = new String(bytes, 0, bad, StandardCharsets.UTF_8);
            int line = 1;
            int col = 1;
            for (int i = 0; i < before.length(); i++) {
                if (before.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            SourceFile sf = new SourceFile(path, displayName, before);
            diagnostics.error(new Location(sf, line, col, 1), "file is not valid UTF-8 text",
                    String.format("Byte 0x%02x at offset %d is not valid UTF-8. Definition files are UTF-8 YAML.",
                            bytes[bad] & 0xff, bad), null);
            return null;
        }
    }

    private static int firstInvalidUtf8(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            int n;
            if (c < 0x80) {
                n = 0;
            } else if (c >= 0xc2 && c <= 0xdf) {
                n = 1;
            } else if ((c & 0xf0) == 0xe0) {
                n = 2;
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 3;
            } else {
                return i;
            }
            if (i + n >= b.length) {
                return i;
            }
            for (int k = 1; k <= n; k++) {
                if ((b[i + k] & 0xc0) != 0x80) {
                    return i;
                }
            }
            i += n + 1;
        }
        return 0; // an overlong form or a surrogate: the decoder knows, we cannot place it better
    }

    /**
     * The file's single document, or empty when it has none or could not be parsed (the
     * reason is in diagnostics).
     */
    public static Optional<YNode> parse(SourceFile source, Diagnostics diagnostics) {
        return new YamlParser(source, diagnostics).parseDocument();
    }

    private Optional<YNode> parseDocument() {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source.displayName())
                .setAllowDuplicateKeys(true) // reported by us, with both places
                .setAllowNonScalarKeys(true) // reported by us, at the key
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(1000)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setUseMarks(true)
                .build();
        try {
            Iterator<Node> docs = new Compose(settings).composeAllFromString(source.text()).iterator();
            if (!docs.hasNext()) {
                return Optional.empty();
            }
            Node root = docs.next();
            if (docs.hasNext()) {
                Node second = docs.next();
                diagnostics.error(at(second), "more than one YAML document in one file",
                        "Put each document in a file of its own, or merge them under one `containers:` mapping.");
                return Optional.empty();
            }
            return Optional.ofNullable(convert(root, new IdentityHashMap<>()));
        } catch (MarkedYamlEngineException e) {
            SyntaxErrors.report(e, source, diagnostics);
        } catch (YamlVersionException e) {
            diagnostics.error(Location.of(source, 1, 1), "unsupported YAML version " + e.getSpecVersion().getRepresentation(),
                    "unitgen reads YAML 1.2: write %YAML 1.2, or leave the %YAML line out.");
        } catch (ReaderException e) {
            diagnostics.error(Location.of(source, 1, 1), "invalid YAML: " + e.getMessage());
        } catch (YamlEngineException e) {
            diagnostics.error(Location.of(source, 1, 1), "invalid YAML: " + e.getMessage());
        }
        return Optional.empty();
    }

    private YNode convert(Node node, IdentityHashMap<Node, Boolean> path) {
        if (++nodeCount > MAX_NODES) {
            if (!tooManyReported) {
                tooManyReported = true;
                diagnostics.error(at(node), "the document expands to more than " + MAX_NODES + " nodes",
                        "Aliases (*name) are expanded for every use; this looks like an alias bomb.");
            }
            return null;
        }
        if (path.containsKey(node)) {
            diagnostics.error(at(node), "recursive alias: a node contains itself");
            return null;
        }
        Tag tag = node.getTag();
        // snakeyaml-engine resolves a plain ${VAR} to its own !ENV_VARIABLE tag: for unitgen it
        // is text like any other plain scalar (nothing is interpolated)
        boolean plainEnv = node instanceof ScalarNode sn && sn.isPlain() && Tag.ENV_TAG.equals(tag);
        if (tag != null && tag.getValue() != null && !tag.getValue().startsWith(Tag.PREFIX)
                && !tag.getValue().equals("!") && !plainEnv) {
            diagnostics.error(at(node), "unsupported YAML tag " + Text.q(tag.getValue()),
                    "Remove the tag: unitgen reads every value by the type of its key.");
            return null;
        }
        if (node instanceof ScalarNode s) {
            return new YScalar(s.getValue(), s.isPlain(), at(node));
        }
        path.put(node, Boolean.TRUE);
        try {
            if (node instanceof SequenceNode seq) {
                List<YNode> items = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    YNode y = convert(item, path);
                    if (y != null) {
                        items.add(y);
                    }
                }
                return new YSeq(items, at(node));
            }
            if (node instanceof MappingNode map) {
                return convertMap(map, path);
            }
        } finally {
            path.remove(node);
        }
        diagnostics.error(at(node), "unsupported YAML node");
        return null;
    }

    private YMap convertMap(MappingNode map, IdentityHashMap<Node, Boolean> path) {
        List<YMap.Entry> entries = new ArrayList<>();
        Map<String, YMap.Entry> seen = new HashMap<>();
        List<YMap.Entry> merged = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            Node keyNode = t.getKeyNode();
            if (!(keyNode instanceof ScalarNode ks)) {
                diagnostics.error(at(keyNode), "a key must be a plain string, not " + describe(keyNode));
                continue;
            }
            if (ks.isPlain() && ks.getValue().equals("<<")) {
                mergeInto(merged, t.getValueNode(), path);
                continue;
            }
            YScalar key = new YScalar(ks.getValue(), ks.isPlain(), at(keyNode));
            YNode value = convert(t.getValueNode(), path);
            YMap.Entry previous = seen.get(key.value());
            if (previous != null) {
                diagnostics.error(key.location(), "duplicate key " + Text.q(key.value()),
                        "The key is first defined on line " + previous.key().location().line()
                                + "; YAML does not allow a key twice in one mapping.");
                continue;
            }
            if (value == null) {
                continue;
            }
            YMap.Entry entry = new YMap.Entry(key, value);
            seen.put(key.value(), entry);
            entries.add(entry);
        }
        for (YMap.Entry m : merged) {
            if (!seen.containsKey(m.name())) {
                seen.put(m.name(), m);
                entries.add(m);
            }
        }
        return new YMap(entries, at(map));
    }

    /** {@code <<: *a} or {@code <<: [*a, *b]}: earlier sources win, explicit keys win over all. */
    private void mergeInto(List<YMap.Entry> merged, Node value, IdentityHashMap<Node, Boolean> path) {
        List<Node> sources = new ArrayList<>();
        if (value instanceof SequenceNode seq) {
            sources.addAll(seq.getValue());
        } else {
            sources.add(value);
        }
        for (Node src : sources) {
            YNode y = convert(src, path);
            if (y == null) {
                continue;
            }
            if (!(y instanceof YMap m)) {
                diagnostics.error(y.location(), "a merge key (<<) takes a mapping or a list of mappings, not " + y.kind());
                continue;
            }
            for (YMap.Entry e : m.entries()) {
                if (merged.stream().noneMatch(x -> x.name().equals(e.name()))) {
                    merged.add(e);
                }
            }
        }
    }

    private static String describe(Node node) {
        return node instanceof SequenceNode ? "a list" : node instanceof MappingNode ? "a mapping" : "a scalar";
    }

    private Location at(Node node) {
        Optional<Mark> start = node.getStartMark();
        if (start.isEmpty()) {
            return Location.of(source, 1, 1);
        }
        Mark s = start.get();
        int length = 1;
        Optional<Mark> end = node.getEndMark();
        if (end.isPresent() && end.get().getLine() == s.getLine()) {
            length = Math.max(1, end.get().getColumn() - s.getColumn());
        }
        return new Location(source, s.getLine() + 1, s.getColumn() + 1, length);
    }

    private Location location(Mark m) {
        return new Location(source, m.getLine() + 1, m.getColumn() + 1, 1);
    }
}
