package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** --help, unitgen alone, an unknown command, and the shell completion, as a user meets them. */
class HelpTest {
    @TempDir
    Path dir;

    static List<List<String>> commandPaths() {
        List<List<String>> out = new ArrayList<>();
        for (CommandLine c : ManPageTest.commands(ManPageTest.model())) {
            String q = c.getCommandSpec().qualifiedName(" ");
            List<String> words = new ArrayList<>(List.of(q.split(" ")));
            words.remove(0);
            out.add(words);
        }
        return out;
    }

    @Test
    void everyHelpTextIsMadeOfWholeSentencesAndPrintsNoNull() {
        List<String> problems = new ArrayList<>();
        for (CommandLine c : ManPageTest.commands(ManPageTest.model())) {
            if (c.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
                continue; // picocli's text
            }
            String name = c.getCommandSpec().qualifiedName();
            List<String> texts = new ArrayList<>(List.of(c.getCommandSpec().usageMessage().description()));
            for (OptionSpec o : c.getCommandSpec().options()) {
                texts.addAll(List.of(o.description()));
            }
            for (PositionalParamSpec p : c.getCommandSpec().positionalParameters()) {
                texts.addAll(List.of(p.description()));
            }
            for (String t : texts) {
                // a paragraph that stops mid-sentence was broken by hand; picocli wraps paragraphs itself
                if (!t.strip().endsWith(".") && !t.strip().endsWith(".)")) {
                    problems.add(name + ": \"" + t + "\"");
                }
            }
        }
        assertThat(problems).as("help paragraphs that do not end a sentence").isEmpty();
        for (List<String> words : commandPaths()) {
            List<String> args = new ArrayList<>(words);
            args.add("--help");
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as("%s", args).isZero();
            assertThat(r.out()).as("%s", args).doesNotContainPattern("(?<!/dev/)\\bnull\\b");
        }
        assertThat(Cli.run("completion", "--help").out()).contains("\"${fpath[1]}/_unitgen\"");
        assertThat(Cli.run("import", "compose", "--help").out()).contains("compose's ${VAR} interpolation");
    }

    @Test
    void unitgenAlonePrintsTheCommandsAndTheirWholeSummaries() {
        Cli.Result r = Cli.run();
        assertThat(r.code()).isZero();
        String commands = r.out().substring(r.out().indexOf("Commands:"), r.out().indexOf("Examples:"));
        for (CommandLine c : ManPageTest.model().getSubcommands().values()) {
            if (c.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
                continue; // picocli's text
            }
            String summary = c.getCommandSpec().usageMessage().description()[0];
            assertThat(summary).as("the summary of %s", c.getCommandName()).endsWith(".");
            assertThat(commands.replaceAll("\\s+", " ")).contains(c.getCommandName() + " " + summary);
        }
    }

    @Test
    void anUnknownCommandGetsADidYouMean() {
        Cli.Result r = Cli.run("aply");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("Error: unknown command 'aply'\nDid you mean: unitgen apply");
        Cli.Result sub = Cli.run("image", "rendr");
        assertThat(sub.err()).startsWith("Error: unknown command 'rendr'\nDid you mean: image render");
        Cli.Result option = Cli.run("import", "compose", "--output", "x.yaml", "compose.yaml");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err()).contains("Unknown options: '--output'", "Possible solutions: --out");
    }

    /** Runs the bash completion of unitgen for the words typed so far; the candidates. */
    List<String> complete(String... words) throws Exception {
        Path script = dir.resolve("unitgen.bash");
        Files.writeString(script, Cli.run("completion", "bash").out());
        StringBuilder sb = new StringBuilder("source " + script + " 2>/dev/null; COMP_WORDS=(");
        for (String w : words) {
            sb.append('\'').append(w).append("' ");
        }
        sb.append("); COMP_CWORD=").append(words.length - 1).append("; _complete_unitgen 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"");
        Process p = new ProcessBuilder("bash", "-c", sb.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void bashCompletesDefinitionPathsAndTheValuesOfOptions() throws Exception {
        Files.writeString(dir.resolve("web.yaml"), "containers: {}\n");
        Files.createDirectories(dir.resolve("defs"));
        assertThat(complete("unitgen", "validate", "we")).containsExactly("web.yaml");
        assertThat(complete("unitgen", "apply", "de")).containsExactly("defs");
        assertThat(complete("unitgen", "doctor", "we")).containsExactly("web.yaml");
        assertThat(complete("unitgen", "image", "render", "web", "we")).contains("web.yaml");
        assertThat(complete("unitgen", "import", "compose", "we")).containsExactly("web.yaml");
        assertThat(complete("unitgen", "plan", "--host-cgroup", "")).containsExactly("v1", "v2");
        assertThat(complete("unitgen", "render", "-o", "")).containsExactly("text", "json");
        assertThat(complete("unitgen", "status", "--output", "j")).containsExactly("json");
        assertThat(complete("unitgen", "keys", "mem_")).contains("mem_limit");
        assertThat(complete("unitgen", "con")).containsExactly("config");
        assertThat(complete("unitgen", "config", "we")).containsExactly("web.yaml");
        assertThat(complete("unitgen", "config", "--show")).containsExactly("--show-secrets");
        assertThat(complete("unitgen", "status", "--off")).containsExactly("--offline");
        String zsh = Cli.run("completion", "zsh").out();
        assertThat(zsh).startsWith("#compdef unitgen\n").contains("bashcompinit", "compgen -f", "\"v1\" \"v2\"");
    }
}
