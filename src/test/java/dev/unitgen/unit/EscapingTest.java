package dev.unitgen.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EscapingTest {
    static final String HOSTILE_CHARS = " \t\"'\\%$;`|&<>(){}[]*?!#~=,:@\u00e9\u65e5\u2713\n\r\u0001\u007f";

    static String random(Random r, int maxLen) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(maxLen + 1);
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(3) == 0 ? (char) ('a' + r.nextInt(26)) : HOSTILE_CHARS.charAt(r.nextInt(HOSTILE_CHARS.length())));
        }
        return sb.toString();
    }

    @Test
    void execWordsRoundTripThroughSystemdSyntax() {
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            List<String> argv = new ArrayList<>(List.of("/usr/bin/docker"));
            for (int k = r.nextInt(5); k >= 0; k--) {
                argv.add(random(r, 12));
            }
            String line = Escaping.exec("", argv).escaped();
            assertThat(line).doesNotContain("\n").doesNotContain("\r");
            assertThat(Escaping.splitExec(line, true).argv()).as(line).isEqualTo(argv);
        }
    }

    @Test
    void specifiersAndVariablesAreLiteral() {
        String line = Escaping.exec("-", List.of("/bin/echo", "%n", "$HOME", "${X}", "$$", "100%")).escaped();
        assertThat(line).isEqualTo("-/bin/echo %%n '$$HOME' '$${X}' '$$$$' 100%%");
        // as the manager reports it over D-Bus: specifiers resolved, $$ not yet
        assertThat(Escaping.splitExec(line, false).argv()).containsExactly("/bin/echo", "%n", "$$HOME", "$${X}", "$$$$", "100%");
    }

    @Test
    void loneSemicolonIsQuotedSoItCannotSeparateCommands() {
        assertThat(Escaping.execWord(";")).isEqualTo("';'");
        assertThat(Escaping.execWord("a;b")).isEqualTo("'a;b'");
    }

    @Test
    void newlineInArgumentIsEncodedNeverRaw() {
        assertThat(Escaping.execWord("a\nb")).isEqualTo("'a\\nb'");
        assertThat(Escaping.execWord("it's\n")).isEqualTo("\"it's\\n\"");
        assertThatThrownBy(() -> Escaping.execWord("a\0b")).isInstanceOf(UnsafeValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\0b", "ends with backslash\\", "bell\u0007"})
    void plainValuesRefuseWhatCouldAddOrJoinALine(String v) {
        assertThatThrownBy(() -> Escaping.value(v)).isInstanceOf(UnsafeValueException.class);
    }

    @Test
    void plainValueDoublesPercent() {
        assertThat(Escaping.value("100% %n $HOME").escaped()).isEqualTo("100%% %%n $HOME");
    }

    @Test
    void executableMustBeAbsoluteAndSafe() {
        assertThatThrownBy(() -> Escaping.exec("", List.of("docker", "run"))).isInstanceOf(UnsafeValueException.class);
        assertThatThrownBy(() -> Escaping.exec("", List.of("/usr/bin/dock er"))).isInstanceOf(UnsafeValueException.class);
        assertThatThrownBy(() -> Escaping.exec("x", List.of("/usr/bin/docker"))).isInstanceOf(UnsafeValueException.class);
    }

    @Test
    void unitNameEscapingMatchesSystemdEscape() throws Exception {
        List<String> inputs = List.of("web", "/srv/data", ".hidden", "with space", "a-b_c.d:e", "ünï", "x\\y", "a/b/c", "tab\there");
        for (String in : inputs) {
            assertThat(Escaping.unitNameComponent(in)).as(in).isEqualTo(run("systemd-escape", "--", in));
        }
    }

    @Test
    void shellWordsSurviveARealShell() throws Exception {
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            String w = random(r, 10).replace("\0", "");
            String script = "printf %s " + Escaping.shellWord(w);
            assertThat(run("/bin/sh", "-c", script)).as(script).isEqualTo(w);
        }
    }

    @Test
    void envLinesAreRawAndOneLine() {
        assertThat(Escaping.envLine("A", " $x \"q\" 'y' # z")).isEqualTo("A= $x \"q\" 'y' # z");
        assertThatThrownBy(() -> Escaping.envLine("A", "x\nB=y")).isInstanceOf(UnsafeValueException.class);
        assertThatThrownBy(() -> Escaping.envLine("A B", "x")).isInstanceOf(UnsafeValueException.class);
        assertThatThrownBy(() -> Escaping.envLine("#A", "x")).isInstanceOf(UnsafeValueException.class);
    }

    @Test
    void commentsCannotContinueOrBreakLines() {
        assertThat(Escaping.comment("a\nb\\")).isEqualTo("a\\x0ab\\x5c");
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out.endsWith("\n") && cmd[0].equals("systemd-escape") ? out.substring(0, out.length() - 1) : out;
    }
}
