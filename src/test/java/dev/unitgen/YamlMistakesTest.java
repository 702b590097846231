package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The YAML mistakes people make get plain words and a fix, never the parser's jargon alone
 * ("expected &lt;block end&gt;, but found '&lt;block mapping start&gt;'").
 */
class YamlMistakesTest {
    @TempDir
    Path dir;

    record Case(String name, String yaml, String at, String summary, String hint) {
    }

    static final String HEAD = "containers:\n  web:\n    image: nginx:1.27\n";

    static Stream<Case> cases() {
        return Stream.of(
                new Case("tab", "containers:\n  web:\n\timage: nginx:1.27\n", "line 3, column 1",
                        "a tab character in the indentation", "YAML indents with spaces only: replace the tab on line 3 with spaces."),
                new Case("key indented less", HEAD + "   ports: [\"80:80\"]\n", "line 4, column 4",
                        "this line is indented differently from the keys above it",
                        "start it in column 5, like line 3 above (or in column 3, for the mapping that starts on line 2)"),
                new Case("key indented more", HEAD + "      ports: [\"80:80\"]\n", "line 4, column 12",
                        "this line is indented further than the key above it", "Start it in the column of the key above (column 5)"),
                new Case("list item among keys", HEAD + "    - ports\n", "line 4, column 5",
                        "a list item (\"- ...\") among the KEY: VALUE lines of a mapping",
                        "To give a key a list, put the items under the key, indented further:\nports:\n  - \"80:80\""),
                new Case("list items out of step", HEAD + "    ports:\n    - \"80:80\"\n     - \"443:443\"\n", "line 6, column 6",
                        "this list item is indented differently from the items above it",
                        "start it in column 5, like the item on line 5."),
                new Case("colon in a value", HEAD + "    command: echo: hi\n", "line 4, column 18",
                        "a value contains \": \"", "quote the value, e.g. command: \"echo: hi\"."),
                new Case("missing colon", "containers:\n  web:\n    image nginx\n    ports: []\n", "line 4, column 10",
                        "line 3 is not a KEY: VALUE line", "Write a colon and a space after the key on line 3"),
                new Case("unclosed quote", "containers:\n  web:\n    image: \"nginx:1.27\n", "line 4, column 1",
                        "a quoted value is not closed", "Close the quote that opens on line 3, column 12."),
                new Case("unclosed bracket", HEAD + "    environment: [A=1\n", "line 5, column 1",
                        "a [ ... ] or { ... } is not closed, or its items are not separated by commas",
                        "It opens on line 4, column 18. Separate the items with commas and close it with ] or }."),
                new Case("reserved character", "containers:\n  web:\n    image: @nginx\n", "line 3, column 12",
                        "a value cannot start with @ unquoted", "quote the value, e.g. image: \"@nginx\"."),
                new Case("scalar where a list belongs", HEAD + "    ports: 80:80\n      - 443:443\n", "line 4, column 12",
                        "expected a list, got a scalar (ports of container \"web\")",
                        "The indented \"- ...\" lines below were read as more words of this value"),
                new Case("list where a mapping belongs", "containers:\n  - web:\n      image: nginx\n", "line 2, column 3",
                        "expected a mapping of container names to definitions, got a list",
                        "Remove the \"- \" in front of the names"),
                new Case("list of mappings where KEY=VALUE strings belong", HEAD + "    environment:\n      - A: 1\n",
                        "line 5, column 9", "expected a KEY=VALUE string, got a mapping (environment of container \"web\")",
                        "Write the entry as one string, A=1, or remove the \"- \" in front of every entry to write a mapping."),
                new Case("mapping written as a list", HEAD + "    healthcheck:\n      - test: [CMD, true]\n", "line 5, column 7",
                        "expected a mapping for healthcheck, got a list (healthcheck of container \"web\")", "remove the \"- \" in front of the entries."),
                new Case("container not indented", "containers:\nweb:\n  image: nginx\n", "line 2, column 1",
                        "unknown top-level key \"web\"", "It is not indented: to declare it under containers:, indent its lines by two spaces."),
                new Case("undefined alias", HEAD + "    command: *cmd\n", "line 4, column 14",
                        "the alias *cmd names no anchor", "Define the anchor (&cmd) before its first use"));
    }

    @TestFactory
    Stream<DynamicTest> eachMistakeInPlainWords() {
        return cases().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path f = dir.resolve(c.name().replace(' ', '-') + ".yaml");
            Files.writeString(f, c.yaml());
            Cli.Result r = Cli.run("validate", f.toString());
            assertThat(r.code()).as("%s", r).isEqualTo(2);
            assertThat(r.err()).as("%s", r).contains("Error: " + c.summary() + "\n\n  on " + f + " " + c.at() + ":")
                    .contains(c.hint())
                    .doesNotContain("<block").doesNotContain("While parsing").doesNotContain("While scanning")
                    .doesNotContain("invalid YAML");
        }));
    }

    @TestFactory
    Stream<DynamicTest> otherParserErrorsKeepTheParsersWordsWithAHint() throws IOException {
        Path unknownVersion = dir.resolve("directive.yaml");
        Files.writeString(unknownVersion, "%YAML 9.9\n---\ncontainers: {}\n");
        Path badDirective = dir.resolve("tag.yaml");
        Files.writeString(badDirective, "%TAG !x! tag:example.com,2000:\n%TAG !x! tag:example.com,2000:\n---\ncontainers: {}\n");
        return Stream.of(DynamicTest.dynamicTest("unknown YAML version", () -> {
            Cli.Result r = Cli.run("validate", unknownVersion.toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("Error: unsupported YAML version 9.9").contains("leave the %YAML line out");
        }), DynamicTest.dynamicTest("a mistake without words of its own", () -> {
            Cli.Result r = Cli.run("validate", badDirective.toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("Error: invalid YAML: ").contains("The YAML parser says: ")
                    .contains("Check the indentation (spaces only;");
        }));
    }
}
