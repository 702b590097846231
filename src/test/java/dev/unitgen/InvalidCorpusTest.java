package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * src/test/resources/invalid-corpus: hundreds of broken definition files (malformed YAML,
 * wrong types, unknown keys, cycles, bad ports, volumes, durations and sizes, conflicts,
 * oversize values, binary garbage, empty files). Each one, validated alone, exits 2 with at
 * least one error located at file:line:column, and never shows a stack trace. Each file
 * states the errors it expects on {@code ## assert-error "MESSAGE"} lines (the syntax of
 * examples/README.md): every line names an error of the file, and every error of the file
 * is named by a line.
 */
class InvalidCorpusTest {
    static final Path CORPUS = Cli.projectDir().resolve("src/test/resources/invalid-corpus");
    /** A file that cannot hold a line, and the error it expects. */
    static final Map<String, String> EXPECTED_ELSEWHERE = Map.of("empty-file.yaml", "the file has no definitions");
    private static final String ASSERT_ERROR = "## assert-error ";

    /**
     * The messages a file expects: its {@code ## assert-error} lines (the bytes read as UTF-8,
     * so that the ASCII lines of a binary file are found too).
     */
    static List<String> expectedErrors(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (EXPECTED_ELSEWHERE.containsKey(name)) {
            return List.of(EXPECTED_ELSEWHERE.get(name));
        }
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(l -> l.startsWith(ASSERT_ERROR))
                .map(l -> GoldenExamplesTest.words(l.substring(ASSERT_ERROR.length())).get(0)).toList();
    }

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyFileIsALocatedError() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(CORPUS)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(150);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> checkLocatedAndStated(f)));
    }

    /** examples/invalid states its errors the same way (GoldenExamplesTest checks the rest of its assertions). */
    @TestFactory
    Stream<DynamicTest> invalidExamplesStateTheirErrors() throws IOException {
        List<Path> files = GoldenExamplesTest.yamlFiles(GoldenExamplesTest.EXAMPLES.resolve("invalid"));
        assertThat(files).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest("examples/invalid/" + f.getFileName(), () -> checkLocatedAndStated(f)));
    }

    static void checkLocatedAndStated(Path f) throws IOException {
        Cli.Result r = Cli.run("validate", "--host-cgroup", "v1", f.toString());
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).as("%s", r)
                .containsPattern("Error: .*\\n\\n  on " + Pattern.quote(f.toString()) + " line \\d+, column \\d+:\\n")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
        Cli.Result json = Cli.run("validate", "--output", "json", "--host-cgroup", "v1", f.toString());
        assertThat(json.code()).isEqualTo(2);
        assertThat(json.out()).contains("\"valid\": false", "\"line\": ", "\"column\": ");
        List<String> expected = expectedErrors(f);
        List<String> errors = GoldenExamplesTest.diagnostics(r, "Error");
        assertThat(expected).as("%s states the errors it expects (## assert-error \"...\")", f.getFileName()).isNotEmpty();
        for (String e : expected) {
            assertThat(errors).as("%s: ## assert-error %s", f.getFileName(), e).anyMatch(m -> m.contains(e));
        }
        for (String m : errors) {
            assertThat(expected).as("%s: the error \"%s\" is not stated by an ## assert-error line", f.getFileName(), m)
                    .anyMatch(m::contains);
        }
    }

    @Test
    void symlinkLoopsAndDanglingLinksInTheDefinitionsDirectory() throws IOException {
        Path dir = tmp.resolve("defs");
        Files.createDirectories(dir);
        Files.createSymbolicLink(dir.resolve("a.yaml"), dir.resolve("b.yaml"));
        Files.createSymbolicLink(dir.resolve("b.yaml"), dir.resolve("a.yaml"));
        Files.createSymbolicLink(dir.resolve("gone.yaml"), dir.resolve("nowhere.yaml"));
        Files.createSymbolicLink(dir.resolve("self.yml"), dir.resolve("self.yml"));
        Files.writeString(dir.resolve("ok.yaml"), "containers:\n  web:\n    image: nginx:1.27\n");
        Cli.Result r = Cli.run("validate", "--host-cgroup", "v1", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        for (String name : List.of("a.yaml", "b.yaml", "gone.yaml", "self.yml")) {
            assertThat(r.err()).contains("on " + dir.resolve(name) + " line 1, column 1:");
        }
        assertThat(r.err()).contains("4 errors").doesNotContain("Exception");
    }
}
