package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.unitgen.unit.ParsedUnit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples are documentation and tests at once: each {@code ## assert-...} comment line
 * in examples/*.yaml is checked against what unitgen renders (one test per example file,
 * found by globbing). Valid examples are rendered together, as a host's /etc/unitgen would
 * be (depends_on crosses files); examples/invalid/*.yaml are validated one by one. See
 * examples/README.md for the assertion language.
 */
class GoldenExamplesTest {
    static final Path EXAMPLES = Cli.projectDir().resolve("examples");
    private static final Pattern CONTAINER_LINE = Pattern.compile("^  (?:\"([^\"]+)\"|([A-Za-z0-9][A-Za-z0-9_.-]*)):\\s*(#.*)?$");

    @TempDir
    static Path tmp;
    static Map<String, String> units = new LinkedHashMap<>();
    static Map<String, String> envs = new LinkedHashMap<>();
    static Cli.Result renderAll;

    @BeforeAll
    static void renderExamples() throws IOException {
        Path etc = tmp.resolve("root/etc/unitgen");
        Files.createDirectories(etc);
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(p, etc.resolve(p.getFileName()));
            }
        }
        Path out = tmp.resolve("out");
        renderAll = Cli.run("render", "--root", tmp.resolve("root").toString(), "--host-cgroup", "v1", "--out", out.toString());
        assertThat(renderAll.code()).as("rendering all examples: %s", renderAll).isZero();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".service")).toList()) {
                units.put(p.getFileName().toString().replaceAll("\\.service$", ""), Files.readString(p));
            }
        }
        Path env = out.resolve("env");
        if (Files.isDirectory(env)) {
            try (Stream<Path> s = Files.list(env)) {
                for (Path p : s.toList()) {
                    envs.put(p.getFileName().toString().replaceAll("\\.env$", ""), Files.readString(p));
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicNode> examples() throws IOException {
        List<DynamicNode> tests = new ArrayList<>();
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(p.getFileName().toString(), p.toUri(), () -> checkValid(p)));
            }
        }
        try (Stream<Path> s = Files.list(EXAMPLES.resolve("invalid"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest("invalid/" + p.getFileName(), p.toUri(), () -> checkInvalid(p)));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
        return tests.stream();
    }

    record Assertion(String container, boolean negated, String verb, List<String> args, int line) {
    }

    static List<Assertion> assertions(Path file) throws IOException {
        List<Assertion> out = new ArrayList<>();
        String container = null;
        boolean inContainers = false;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("containers:")) {
                inContainers = true;
                continue;
            }
            if (!line.startsWith(" ") && !line.startsWith("#") && !line.isBlank()) {
                inContainers = false;
                container = null;
            }
            Matcher m = CONTAINER_LINE.matcher(line);
            if (inContainers && m.matches()) {
                container = m.group(1) != null ? m.group(1) : m.group(2);
                continue;
            }
            String t = line.strip();
            if (t.startsWith("## assert-") || t.startsWith("## !assert-")) {
                boolean neg = t.startsWith("## !");
                String rest = t.substring(neg ? 4 : 3);
                List<String> words = words(rest);
                out.add(new Assertion(container, neg, words.get(0), words.subList(1, words.size()), i + 1));
            }
        }
        return out;
    }

    /** Splits an assertion line: blanks separate words; "..." quotes with \\ \" \n \t escapes. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            StringBuilder w = new StringBuilder();
            if (c == '"') {
                i++;
                while (s.charAt(i) != '"') {
                    char d = s.charAt(i);
                    if (d == '\\') {
                        char e = s.charAt(++i);
                        w.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                    } else {
                        w.append(d);
                    }
                    i++;
                }
                i++;
            } else {
                while (i < s.length() && s.charAt(i) != ' ') {
                    w.append(s.charAt(i++));
                }
            }
            out.add(w.toString());
        }
        return out;
    }

    void checkValid(Path file) throws IOException {
        List<Assertion> list = assertions(file);
        assertThat(list).as("%s has no ## assert- lines", file).isNotEmpty();
        for (Assertion a : list) {
            if (a.container() == null) {
                fail(file.getFileName() + ":" + a.line() + ": assertion outside a container: " + a.verb());
            }
            String text = units.get(a.container());
            assertThat(text).as("%s:%d: no unit rendered for %s (%s)", file.getFileName(), a.line(), a.container(), renderAll).isNotNull();
            try {
                check(a, text, envs.get(a.container()));
            } catch (AssertionError e) {
                throw new AssertionError(file.getFileName() + ":" + a.line() + ": " + (a.negated() ? "!" : "") + a.verb() + " "
                        + a.args() + " failed for " + a.container() + ".service: " + e.getMessage()
                        + "\n---- rendered unit ----\n" + text, e);
            }
        }
    }

    static void check(Assertion a, String unitText, String envText) {
        ParsedUnit unit = ParsedUnit.parse(unitText);
        List<String> argv = unit.exec("Service", "ExecStart").get(0).argv();
        List<String> args = a.args();
        boolean result;
        switch (a.verb()) {
            case "assert-docker-args" -> result = containsRun(argv, args);
            case "assert-argv-word" -> result = argv.contains(args.get(0));
            case "assert-key-is" -> {
                List<String> values = unit.values(args.get(0), args.get(1));
                result = values.equals(args.subList(2, args.size()));
                if (!result && !a.negated()) {
                    throw new AssertionError("values are " + values);
                }
            }
            case "assert-key-contains" -> result = unit.values(args.get(0), args.get(1)).stream()
                    .anyMatch(v -> v.contains(args.get(2)));
            case "assert-key-missing" -> result = unit.values(args.get(0), args.get(1)).isEmpty();
            case "assert-unit-contains" -> result = unitText.contains(args.get(0));
            case "assert-sections" -> result = unit.sectionNames().equals(args);
            case "assert-env" -> result = envText != null && envText.lines().anyMatch(l -> l.equals(args.get(0)));
            case "assert-no-env" -> result = envText == null;
            default -> throw new AssertionError("unknown assertion " + a.verb());
        }
        if (result == a.negated()) {
            throw new AssertionError(a.negated() ? "holds, but should not" : "does not hold; ExecStart argv: " + argv);
        }
    }

    /** True when {@code run} occurs as contiguous words of the ExecStart argv. */
    static boolean containsRun(List<String> argv, List<String> run) {
        for (int i = 0; i + run.size() <= argv.size(); i++) {
            if (argv.subList(i, i + run.size()).equals(run)) {
                return true;
            }
        }
        return false;
    }

    void checkInvalid(Path file) throws IOException {
        List<Assertion> list = assertions(file);
        assertThat(list).extracting(Assertion::verb).contains("assert-failed");
        Path dir = tmp.resolve("invalid-" + file.getFileName());
        Files.createDirectories(dir);
        Path copy = dir.resolve(file.getFileName());
        Files.copy(file, copy);
        Cli.Result r = runIn(dir, file.getFileName().toString());
        for (Assertion a : list) {
            switch (a.verb()) {
                case "assert-failed" -> assertThat(r.code()).as("%s", r).isEqualTo(2);
                case "assert-stderr-contains" -> assertThat(r.err()).as("%s:%d", file.getFileName(), a.line()).contains(a.args().get(0));
                default -> fail("unknown assertion in an invalid example: " + a.verb());
            }
        }
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** Validates dir/name; diagnostics name the file as given, so the prefix is cut for stable names. */
    private static Cli.Result runIn(Path dir, String name) {
        // Path.of(relative) resolves against the JVM's working directory, which cannot change;
        // pass the absolute path and compare diagnostics by file name.
        Cli.Result r = Cli.run("validate", "--host-cgroup", "v1", dir.resolve(name).toString());
        String prefix = dir.resolve(name).toString();
        return new Cli.Result(r.code(), r.out().replace(prefix, name), r.err().replace(prefix, name));
    }
}
