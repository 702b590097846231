package dev.unitgen.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.diag.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What YamlWriter writes reads back (with unitgen's own parser) as the same tree, whatever the text. */
class YamlWriterTest {
    static final String CHARS = "ab: \t\"'\\%$;,#[]{}&*!|>?-@`~=\u00e9\u2713\n\r\u0001";

    static String random(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(8); i >= 0; i--) {
            sb.append(CHARS.charAt(r.nextInt(CHARS.length())));
        }
        return sb.toString();
    }

    /** A random tree and the plain Java value it should read back as. */
    static Object[] tree(Random r, int depth) {
        int kind = depth > 2 ? 0 : r.nextInt(4);
        switch (kind) {
            case 1 -> {
                YamlWriter.Mapping m = new YamlWriter.Mapping();
                Map<String, Object> expect = new LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    String k = random(r);
                    if (expect.containsKey(k)) {
                        continue;
                    }
                    Object[] v = tree(r, depth + 1);
                    m.put(k, (YamlWriter.Node) v[0], random(r));
                    expect.put(k, v[1]);
                }
                return new Object[] {m, expect};
            }
            case 2 -> {
                YamlWriter.Sequence q = new YamlWriter.Sequence();
                List<Object> expect = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    Object[] v = tree(r, depth + 1);
                    if (r.nextBoolean()) {
                        q.add((YamlWriter.Node) v[0], random(r));
                    } else {
                        q.add((YamlWriter.Node) v[0]);
                    }
                    expect.add(v[1]);
                }
                return new Object[] {q, expect};
            }
            case 3 -> {
                return new Object[] {new YamlWriter.Null(), null};
            }
            default -> {
                String s = random(r);
                return new Object[] {new YamlWriter.Scalar(s), s};
            }
        }
    }

    static Object plain(YNode n) {
        if (n instanceof YScalar s) {
            return s.isNull() ? null : s.value();
        }
        if (n instanceof YSeq q) {
            List<Object> out = new ArrayList<>();
            q.items().forEach(i -> out.add(plain(i)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((YMap) n).entries().forEach(e -> out.put(e.name(), plain(e.value())));
        return out;
    }

    @Test
    void everythingWrittenReadsBackTheSame() {
        Random r = new Random(5);
        for (int i = 0; i < 3_000; i++) {
            Object[] t = tree(r, 0);
            YamlWriter.Mapping root = new YamlWriter.Mapping().put("root", (YamlWriter.Node) t[0], "a comment\nwith a line break");
            String text = YamlWriter.write(List.of("header", "two\rlines"), root);
            Diagnostics d = new Diagnostics();
            YNode doc = YamlParser.parse(new SourceFile(null, "t.yaml", text), d).orElse(null);
            assertThat(d.hasErrors()).as("%s\n%s", text, d.sorted()).isFalse();
            assertThat(((Map<?, ?>) plain(doc)).get("root")).as(text).isEqualTo(t[1]);
            assertThat(text.lines().filter(l -> l.strip().startsWith("#")).count())
                    .as("comments stay comments: %s", text).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void shortListsOfWordsAreWrittenInOneLine() {
        YamlWriter.Mapping m = new YamlWriter.Mapping()
                .put("ports", new YamlWriter.Sequence().add("80:80").add("443:443"))
                .put("command", new YamlWriter.Sequence().add("redis-server").add("--save").add(""))
                .put("environment", new YamlWriter.Sequence().add("A=one two"))
                .put("empty", new YamlWriter.Sequence())
                .put("restart", "no");
        assertThat(YamlWriter.write(List.of(), m)).isEqualTo("""
                ports: ["80:80", "443:443"]
                command: [redis-server, "--save", ""]
                environment:
                  - A=one two
                empty: []
                restart: "no"
                """);
    }
}
