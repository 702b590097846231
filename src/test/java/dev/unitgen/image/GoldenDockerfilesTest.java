package dev.unitgen.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden Dockerfiles, one input per distribution family: each src/test/resources/images/X.yaml
 * declares one image, whose rendered Dockerfile must equal X.Dockerfile byte for byte, twice
 * in a row, with a tag named after the content. Run with -Dunitgen.golden.update=true to
 * write the expected files after a deliberate change (and review the diff).
 */
class GoldenDockerfilesTest {
    static final Path DIR = Cli.projectDir().resolve("src/test/resources/images");
    static final Pattern IMAGE_LINE = Pattern.compile("^  ([a-z0-9][a-z0-9._-]*):\\s*$", Pattern.MULTILINE);
    static final Set<String> INSTRUCTIONS = Set.of("FROM", "ENV", "RUN", "COPY", "STOPSIGNAL", "CMD");

    @TestFactory
    Stream<DynamicTest> dockerfiles() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> s = Files.list(DIR)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(p.getFileName().toString(), p.toUri(), () -> check(p)));
            }
        }
        assertThat(tests).as("one golden input per family").hasSizeGreaterThanOrEqualTo(5);
        return tests.stream();
    }

    static void check(Path yaml) throws IOException {
        Matcher m = IMAGE_LINE.matcher(Files.readString(yaml));
        assertThat(m.find()).as("%s declares an image", yaml).isTrue();
        String name = m.group(1);
        Cli.Result r = Cli.run("image", "render", name, yaml.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.err()).as("no diagnostics for %s", yaml.getFileName()).isEmpty();
        assertThat(Cli.run("image", "render", name, yaml.toString()).out()).as("deterministic").isEqualTo(r.out());

        Path expected = yaml.resolveSibling(yaml.getFileName().toString().replace(".yaml", ".Dockerfile"));
        if (Boolean.getBoolean("unitgen.golden.update")) {
            Files.writeString(expected, r.out(), StandardCharsets.UTF_8);
        }
        assertThat(expected).as("expected Dockerfile (write it with -Dunitgen.golden.update=true)").exists();
        assertThat(r.out()).as("the Dockerfile of %s", yaml.getFileName()).isEqualTo(Files.readString(expected));
        assertStructure(r.out());

        Cli.Result json = Cli.run("image", "render", "--output", "json", name, yaml.toString());
        assertThat(json.code()).as("%s", json).isZero();
        Matcher tag = Pattern.compile("\"tag\": \"unitgen/" + Pattern.quote(name) + ":([0-9a-f]{12})\"").matcher(json.out());
        assertThat(tag.find()).as(json.out()).isTrue();
        assertThat(json.out()).contains("\"digest\": \"sha256:" + tag.group(1));
    }

    /** Every line is a comment, blank, an instruction, or continues an instruction that ends in a backslash. */
    static void assertStructure(String dockerfile) {
        boolean continued = false;
        for (String line : dockerfile.split("\n", -1)) {
            if (!continued && !line.isEmpty() && !line.startsWith("#")) {
                String word = line.split(" ", 2)[0];
                assertThat(INSTRUCTIONS).as("instruction of line: %s", line).contains(word);
            }
            continued = line.endsWith("\\") ? true : false;
        }
        assertThat(continued).as("the last instruction is complete").isFalse();
        assertThat(dockerfile).endsWith("\n").contains("\nSTOPSIGNAL SIGRTMIN+3\n").contains("\nENV container=docker\n");
    }
}
