package dev.unitgen.arch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of src/main/java form layers that only look down, with no cycle. The graph is
 * read from the sources: every {@code import dev.unitgen...} line and every fully qualified
 * {@code dev.unitgen.pkg.Type} in code (comments and string literals left out); a class used
 * by its simple name is in the same package and adds no edge.
 */
class PackageGraphTest {
    static final Path MAIN = Cli.projectDir().resolve("src/main/java");

    /**
     * The layers, lowest first: a package may use its own layer's packages and the ones below.
     * The pipeline reads bottom-up: YAML -> validated definitions -> translation into unit
     * models -> rendering -> host operations; the CLI is on top.
     */
    static final List<List<String>> LAYERS = List.of(
            List.of("escape", "layout"),
            List.of("util"),
            List.of("diag", "unit"),
            List.of("yaml", "template"),
            List.of("definition"),
            List.of("image"),
            List.of("translate"),
            List.of("render"),
            List.of("host", "host.docker", "host.systemd"),
            List.of("generate", "compose", "plan"),
            List.of("apply", "doctor"),
            List.of("cli"),
            List.of(""));

    private static final Pattern PACKAGE = Pattern.compile("^package (dev\\.unitgen(?:\\.[a-z][a-z0-9]*)*);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.unitgen(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");
    private static final Pattern COMMENT_OR_STRING =
            Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"\"\"[\\s\\S]*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'", Pattern.DOTALL);

    /** package -> the packages it uses -> the files that use them (for the message). */
    static Map<String, Map<String, Set<String>>> graph(Path root) throws IOException {
        Map<String, Map<String, Set<String>>> g = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Matcher pm = PACKAGE.matcher(text);
            assertThat(pm.find()).as("%s has a package line", f).isTrue();
            String from = pm.group(1);
            Map<String, Set<String>> out = g.computeIfAbsent(from, k -> new TreeMap<>());
            Matcher m = REFERENCE.matcher(COMMENT_OR_STRING.matcher(text).replaceAll(" "));
            while (m.find()) {
                if (!m.group(1).equals(from)) {
                    out.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(root.relativize(f).toString());
                }
            }
        }
        return g;
    }

    /** Every cycle's packages, each cycle once (strongly connected components of two or more). */
    static List<List<String>> cycles(Map<String, Map<String, Set<String>>> g) {
        List<List<String>> out = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        Map<String, Integer> low = new LinkedHashMap<>();
        List<String> stack = new ArrayList<>();
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                strongConnect(v, g, index, low, stack, out);
            }
        }
        return out;
    }

    private static void strongConnect(String v, Map<String, Map<String, Set<String>>> g, Map<String, Integer> index,
                                      Map<String, Integer> low, List<String> stack, List<List<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.add(v);
        for (String w : g.getOrDefault(v, Map.of()).keySet()) {
            if (!index.containsKey(w)) {
                strongConnect(w, g, index, low, stack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.remove(stack.size() - 1);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component.stream().sorted().toList());
            }
        }
    }

    /** One path around a cycle, with a file for each step: "a -> b (B.java) -> a (A.java)". */
    static String describe(List<String> cycle, Map<String, Map<String, Set<String>>> g) {
        String start = cycle.get(0);
        List<String> path = new ArrayList<>(List.of(start));
        // breadth-first from start back to start, inside the component
        Map<String, String> parent = new LinkedHashMap<>();
        List<String> queue = new ArrayList<>(List.of(start));
        String last = null;
        while (!queue.isEmpty() && last == null) {
            String v = queue.remove(0);
            for (String w : g.get(v).keySet()) {
                if (w.equals(start)) {
                    last = v;
                    break;
                }
                if (cycle.contains(w) && !parent.containsKey(w)) {
                    parent.put(w, v);
                    queue.add(w);
                }
            }
        }
        List<String> back = new ArrayList<>();
        for (String v = last; v != null && !v.equals(start); v = parent.get(v)) {
            back.add(0, v);
        }
        path.addAll(back);
        path.add(start);
        StringBuilder sb = new StringBuilder(path.get(0));
        for (int i = 1; i < path.size(); i++) {
            sb.append(" -> ").append(path.get(i)).append(" (").append(g.get(path.get(i - 1)).get(path.get(i)).iterator().next()).append(')');
        }
        return sb.toString();
    }

    @Test
    void noPackageCycle() throws IOException {
        Map<String, Map<String, Set<String>>> g = graph(MAIN);
        assertThat(g).hasSizeGreaterThan(10);
        List<String> found = cycles(g).stream().map(c -> describe(c, g)).toList();
        assertThat(found).as("package cycles").isEmpty();
    }

    @Test
    void layersOnlyLookDown() throws IOException {
        Map<String, Integer> layer = new LinkedHashMap<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            for (String p : LAYERS.get(i)) {
                layer.put(p.isEmpty() ? "dev.unitgen" : "dev.unitgen." + p, i);
            }
        }
        Map<String, Map<String, Set<String>>> g = graph(MAIN);
        List<String> unplaced = g.keySet().stream().filter(p -> !layer.containsKey(p)).toList();
        assertThat(unplaced).as("packages without a layer: add them to PackageGraphTest.LAYERS").isEmpty();
        List<String> upward = new ArrayList<>();
        g.forEach((from, uses) -> uses.forEach((to, files) -> {
            if (layer.get(to) > layer.get(from)) {
                upward.add(from + " -> " + to + " " + files);
            }
        }));
        assertThat(upward).as("uses of a higher layer").isEmpty();
    }

    /** README's layout section names the same layers. */
    @Test
    void readmeListsTheLayers() throws IOException {
        String readme = Files.readString(Cli.projectDir().resolve("README.md")).replaceAll("\\s+", " ");
        String layers = String.join("; ", LAYERS.stream().map(l -> l.stream().filter(p -> !p.isEmpty() && !p.startsWith("host."))
                .reduce((a, b) -> a + ", " + b).orElse("`Main`")).toList());
        assertThat(readme).contains("(`PackageGraphTest`, lowest first): " + layers + ".");
    }

    /** The check is live: a made-up tree with a cycle, and an upward use, is caught and named. */
    @Test
    void findsACycleAndNamesIt() throws IOException {
        Path root = Files.createTempDirectory("graph");
        write(root, "dev/unitgen/a/A.java", "package dev.unitgen.a;\nimport dev.unitgen.b.B;\n// dev.unitgen.c.C in a comment\nclass A {}\n");
        write(root, "dev/unitgen/b/B.java", "package dev.unitgen.b;\nclass B { Object c = new dev.unitgen.c.C(); String s = \"dev.unitgen.a.A\"; }\n");
        write(root, "dev/unitgen/c/C.java", "package dev.unitgen.c;\nimport static dev.unitgen.a.A.x;\nclass C {}\n");
        write(root, "dev/unitgen/d/D.java", "package dev.unitgen.d;\nimport dev.unitgen.a.A;\nclass D {}\n");
        Map<String, Map<String, Set<String>>> g = graph(root);
        assertThat(g.get("dev.unitgen.a")).containsOnlyKeys("dev.unitgen.b");
        assertThat(g.get("dev.unitgen.b")).containsOnlyKeys("dev.unitgen.c");
        List<List<String>> cycles = cycles(g);
        assertThat(cycles).containsExactly(List.of("dev.unitgen.a", "dev.unitgen.b", "dev.unitgen.c"));
        assertThat(describe(cycles.get(0), g)).isEqualTo("dev.unitgen.a -> dev.unitgen.b (dev/unitgen/a/A.java)"
                + " -> dev.unitgen.c (dev/unitgen/b/B.java) -> dev.unitgen.a (dev/unitgen/c/C.java)");
    }

    private static void write(Path root, String path, String text) throws IOException {
        Path f = root.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }
}
