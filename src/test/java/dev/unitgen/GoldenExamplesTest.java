package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.unitgen.definition.ContainerKeys;
import dev.unitgen.definition.Key;
import dev.unitgen.diag.Diagnostics;
import dev.unitgen.diag.SourceFile;
import dev.unitgen.unit.ParsedUnit;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples are documentation and tests at once: each {@code ## assert-...} comment line
 * in examples/*.yaml is checked against what unitgen renders. One test per example file,
 * which renders that file on its own (with the files its {@code ## render-with} lines name),
 * so a broken example fails its own test only; examples/invalid/*.yaml are validated one by
 * one. See examples/README.md for the assertion language.
 */
class GoldenExamplesTest {
    static final Path EXAMPLES = Cli.projectDir().resolve("examples");
    private static final Pattern CONTAINER_LINE = Pattern.compile("^  (?:\"([^\"]+)\"|([A-Za-z0-9][A-Za-z0-9_.-]*)):\\s*(#.*)?$");
    private static final String RENDER_WITH = "## render-with ";
    /** Assertions about the whole render or validation, not about one container's unit. */
    private static final Set<String> FILE_LEVEL = Set.of("assert-warning", "assert-failed", "assert-error", "assert-stderr-contains");
    private static final Set<String> INVALID_ONLY = Set.of("assert-failed", "assert-error", "assert-stderr-contains");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicNode> examples() throws IOException {
        List<DynamicNode> tests = new ArrayList<>();
        for (Path p : yamlFiles(EXAMPLES)) {
            tests.add(DynamicTest.dynamicTest(p.getFileName().toString(), p.toUri(), () -> checkValid(p)));
        }
        for (Path p : yamlFiles(EXAMPLES.resolve("invalid"))) {
            tests.add(DynamicTest.dynamicTest("invalid/" + p.getFileName(), p.toUri(), () -> checkInvalid(p)));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
        return tests.stream();
    }

    static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    record Assertion(String container, boolean negated, String verb, List<String> args, int line) {
        @Override
        public String toString() {
            return (negated ? "!" : "") + verb + " " + args;
        }
    }

    static List<Assertion> assertions(Path file) throws IOException {
        List<Assertion> out = new ArrayList<>();
        String container = null;
        boolean inContainers = false;
        String suffix = "";
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            // a declared network's or volume's assertions apply to its unit, NAME-network / NAME-volume
            if (line.startsWith("containers:") || line.startsWith("networks:") || line.startsWith("volumes:")) {
                suffix = line.startsWith("containers:") ? "" : line.startsWith("networks:") ? "-network" : "-volume";
                inContainers = true;
                container = null;
                continue;
            }
            if (!line.startsWith(" ") && !line.startsWith("#") && !line.isBlank()) {
                inContainers = false;
                container = null;
            }
            Matcher m = CONTAINER_LINE.matcher(line);
            if (inContainers && m.matches()) {
                container = (m.group(1) != null ? m.group(1) : m.group(2)) + suffix;
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

    /** The files named by {@code ## render-with FILE} lines (relative to the example's directory). */
    static List<Path> renderWith(Path file) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith(RENDER_WITH)) {
                out.add(file.resolveSibling(line.strip().substring(RENDER_WITH.length()).strip()));
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

    /** One example rendered on its own: the run, and its units and env files by container name. */
    record Rendered(Cli.Result result, Map<String, String> units, Map<String, String> envs) {
    }

    /**
     * Renders {@code file} (and its render-with files) as a host's /etc/unitgen would be,
     * with --host-cgroup v1, into a directory of its own.
     */
    Rendered render(Path file) throws IOException {
        Path dir = tmp.resolve(file.getFileName().toString());
        Path etc = dir.resolve("root/etc/unitgen");
        Files.createDirectories(etc);
        Files.copy(file, etc.resolve(file.getFileName()));
        for (Path with : renderWith(file)) {
            assertThat(with).as("%s: render-with %s", file.getFileName(), with.getFileName()).isRegularFile();
            Files.copy(with, etc.resolve(with.getFileName()));
        }
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("render", "--root", dir.resolve("root").toString(), "--host-cgroup", "v1", "--out", out.toString());
        assertThat(r.code()).as("rendering %s: %s", file.getFileName(), r).isZero();
        Map<String, String> units = new LinkedHashMap<>();
        Map<String, String> envs = new LinkedHashMap<>();
        for (Path p : filesEndingIn(out, ".service")) {
            units.put(p.getFileName().toString().replaceAll("\\.service$", ""), Files.readString(p));
        }
        if (Files.isDirectory(out.resolve("env"))) {
            for (Path p : filesEndingIn(out.resolve("env"), ".env")) {
                envs.put(p.getFileName().toString().replaceAll("\\.env$", ""), Files.readString(p));
            }
        }
        return new Rendered(r, units, envs);
    }

    private static List<Path> filesEndingIn(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    void checkValid(Path file) throws IOException {
        List<Assertion> list = assertions(file);
        assertThat(list).as("%s has no ## assert- lines", file).isNotEmpty();
        Rendered rendered = render(file);
        for (Assertion a : list) {
            String where = file.getFileName() + ":" + a.line() + ": " + a;
            if (INVALID_ONLY.contains(a.verb())) {
                fail(where + ": only for examples/invalid");
            }
            String text = null;
            if (!FILE_LEVEL.contains(a.verb())) {
                if (a.container() == null) {
                    fail(where + ": assertion outside a container");
                }
                text = rendered.units().get(a.container());
                assertThat(text).as("%s: no unit rendered for %s (%s)", where, a.container(), rendered.result()).isNotNull();
            }
            try {
                check(a, text, rendered.envs().get(a.container()), rendered.result());
            } catch (AssertionError e) {
                throw new AssertionError(where + " failed" + (a.container() == null ? "" : " for " + a.container() + ".service")
                        + ": " + e.getMessage() + (text == null ? "\n---- render ----\n" + rendered.result()
                        : "\n---- rendered unit ----\n" + text), e);
            }
        }
    }

    /** The message lines of a run's diagnostics of one severity ("Error" or "Warning"). */
    static List<String> diagnostics(Cli.Result r, String severity) {
        return r.err().lines().filter(l -> l.startsWith(severity + ": ")).map(l -> l.substring(severity.length() + 2)).toList();
    }

    /**
     * Checks one assertion; {@code unitText} and {@code envText} are null for the assertions
     * about the whole run ({@link #FILE_LEVEL}).
     */
    static void check(Assertion a, String unitText, String envText, Cli.Result run) {
        List<String> args = a.args();
        ParsedUnit unit = unitText == null ? null : ParsedUnit.parse(unitText);
        List<String> argv = unit == null ? List.of() : unit.exec("Service", "ExecStart").get(0).argv();
        String detail = "ExecStart argv: " + argv;
        boolean result;
        switch (a.verb()) {
            case "assert-docker-args" -> result = containsRun(argv, args);
            case "assert-argv-word" -> result = argv.contains(args.get(0));
            case "assert-last-args" -> result = argv.size() >= args.size() && argv.subList(argv.size() - args.size(), argv.size()).equals(args);
            case "assert-exec-args" -> {
                List<List<String>> lines = unit.exec("Service", args.get(0)).stream().map(l -> l.argv()).toList();
                result = lines.stream().anyMatch(l -> containsRun(l, args.subList(1, args.size())));
                detail = args.get(0) + " argvs: " + lines;
            }
            case "assert-key-is" -> {
                List<String> values = unit.values(args.get(0), args.get(1));
                result = values.equals(args.subList(2, args.size()));
                detail = "values are " + values;
            }
            case "assert-key-contains" -> {
                List<String> values = unit.values(args.get(0), args.get(1));
                result = values.stream().anyMatch(v -> v.contains(args.get(2)));
                detail = "values are " + values;
            }
            case "assert-key-missing" -> result = unit.values(args.get(0), args.get(1)).isEmpty();
            case "assert-unit-contains" -> result = unitText.contains(args.get(0));
            case "assert-sections" -> {
                result = unit.sectionNames().equals(args);
                detail = "sections are " + unit.sectionNames();
            }
            case "assert-env" -> result = envText != null && envText.lines().anyMatch(l -> l.equals(args.get(0)));
            case "assert-no-env" -> result = envText == null;
            case "assert-warning" -> {
                result = diagnostics(run, "Warning").stream().anyMatch(w -> w.contains(args.get(0)));
                detail = "warnings: " + diagnostics(run, "Warning");
            }
            case "assert-error" -> {
                result = diagnostics(run, "Error").stream().anyMatch(w -> w.contains(args.get(0)));
                detail = "errors: " + diagnostics(run, "Error");
            }
            case "assert-failed" -> {
                result = run.code() == 2;
                detail = "exit " + run.code();
            }
            case "assert-stderr-contains" -> result = run.err().contains(args.get(0));
            default -> throw new AssertionError("unknown assertion " + a.verb() + " (see examples/README.md)");
        }
        if (result == a.negated()) {
            throw new AssertionError((a.negated() ? "holds, but should not" : "does not hold") + "; " + detail);
        }
    }

    /** True when {@code run} occurs as contiguous words of {@code argv}. */
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
        assertThat(list).extracting(Assertion::verb).as("%s states that it fails", file.getFileName()).contains("assert-failed");
        Path dir = tmp.resolve("invalid-" + file.getFileName());
        Files.createDirectories(dir);
        Path copy = dir.resolve(file.getFileName());
        Files.copy(file, copy);
        Cli.Result r = runIn(dir, file.getFileName().toString());
        for (Assertion a : list) {
            String where = file.getFileName() + ":" + a.line() + ": " + a;
            if (!FILE_LEVEL.contains(a.verb())) {
                fail(where + ": an invalid example renders no unit to check");
            }
            try {
                check(a, null, null, r);
            } catch (AssertionError e) {
                throw new AssertionError(where + " failed: " + e.getMessage() + "\n---- validate ----\n" + r, e);
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

    /** The keys the containers of the valid examples set. */
    static Set<String> keysInExamples() throws IOException {
        Set<String> used = new TreeSet<>();
        for (Path p : yamlFiles(EXAMPLES)) {
            Diagnostics d = new Diagnostics();
            YNode doc = YamlParser.parse(new SourceFile(p, p.getFileName().toString(), Files.readString(p)), d).orElseThrow();
            YNode containers = ((YMap) doc).get("containers").orElseThrow();
            for (YMap.Entry c : ((YMap) containers).entries()) {
                ((YMap) c.value()).entries().forEach(e -> used.add(e.name()));
            }
        }
        return used;
    }

    /** Every container key of the table is documented, and tested, by at least one example. */
    @Test
    void everyContainerKeyAppearsInAnExample() throws IOException {
        Set<String> used = keysInExamples();
        List<String> missing = ContainerKeys.all().stream().map(Key::name).filter(k -> !used.contains(k)).toList();
        assertThat(missing).as("container keys no example in examples/ sets").isEmpty();
    }

    /** The harness is live: a wrong assertion, plain or negated, fails and names its file and line. */
    @Test
    void aFailingAssertionNamesItsFileAndLine() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("self-test"));
        String head = "containers:\n  web:\n";
        String body = "    image: nginx:1.27\n    stop_signal: SIGQUIT\n";
        List<String> wrong = List.of("## assert-docker-args --stop-signal SIGTERM", "## !assert-docker-args --stop-signal SIGQUIT",
                "## assert-last-args nginx:1.27 extra", "## assert-exec-args ExecStop /usr/bin/docker kill",
                "## !assert-exec-args ExecStopPost /usr/bin/docker rm -f web", "## assert-warning \"no such warning\"",
                "## !assert-key-is Service KillSignal SIGQUIT", "## assert-no-such-op x");
        for (int i = 0; i < wrong.size(); i++) {
            Path f = dir.resolve("wrong" + i + ".yaml");
            Files.writeString(f, head + "    " + wrong.get(i) + "\n" + body);
            assertThatThrownBy(() -> checkValid(f)).as(wrong.get(i)).isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("wrong" + i + ".yaml:3: ");
        }
        Path right = dir.resolve("right.yaml");
        Files.writeString(right, head + "    ## assert-docker-args --stop-signal SIGQUIT\n    ## assert-last-args nginx:1.27\n"
                + "    ## assert-exec-args ExecStopPost /usr/bin/docker rm -f web\n    ## !assert-warning \"\"\n" + body);
        checkValid(right);
        Path warned = dir.resolve("warned.yaml");
        Files.writeString(warned, head + "    ## assert-warning \"has no tag or digest\"\n    image: nginx\n");
        checkValid(warned);
        Path invalid = dir.resolve("invalid.yaml");
        Files.writeString(invalid, "## assert-failed\n## !assert-error \"unknown key\"\ncontainers:\n  web:\n    image: nginx:1.27\n    memroy: 1g\n");
        assertThatThrownBy(() -> checkInvalid(invalid)).isInstanceOf(AssertionError.class).hasMessageStartingWith("invalid.yaml:2: ");
    }
}
