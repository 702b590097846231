package dev.unitgen.escape;

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

/** The systemd, shell, env file and comment syntaxes of the escaping package. */
class SystemdAndShellEscapeTest {
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
            String line = SystemdEscape.exec("", argv).escaped();
            assertThat(line).doesNotContain("\n").doesNotContain("\r");
            assertThat(SystemdEscape.splitExec(line, true).argv()).as(line).isEqualTo(argv);
        }
    }

    @Test
    void specifiersAndVariablesAreLiteral() {
        String line = SystemdEscape.exec("-", List.of("/bin/echo", "%n", "$HOME", "${X}", "$$", "100%")).escaped();
        assertThat(line).isEqualTo("-/bin/echo %%n '$$HOME' '$${X}' '$$$$' 100%%");
        // as the manager reports it over D-Bus: specifiers resolved, $$ not yet
        assertThat(SystemdEscape.splitExec(line, false).argv()).containsExactly("/bin/echo", "%n", "$$HOME", "$${X}", "$$$$", "100%");
    }

    @Test
    void loneSemicolonIsQuotedSoItCannotSeparateCommands() {
        assertThat(SystemdEscape.execWord(";")).isEqualTo("';'");
        assertThat(SystemdEscape.execWord("a;b")).isEqualTo("'a;b'");
    }

    @Test
    void newlineInArgumentIsEncodedNeverRaw() {
        assertThat(SystemdEscape.execWord("a\nb")).isEqualTo("'a\\nb'");
        assertThat(SystemdEscape.execWord("it's\n")).isEqualTo("\"it's\\n\"");
        assertThatThrownBy(() -> SystemdEscape.execWord("a\0b")).isInstanceOf(UnsafeValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\0b", "ends with backslash\\", "bell\u0007"})
    void plainValuesRefuseWhatCouldAddOrJoinALine(String v) {
        assertThatThrownBy(() -> SystemdEscape.value(v)).isInstanceOf(UnsafeValueException.class);
    }

    @Test
    void plainValueDoublesPercent() {
        assertThat(SystemdEscape.value("100% %n $HOME").escaped()).isEqualTo("100%% %%n $HOME");
    }

    @Test
    void executableMustBeAbsoluteAndSafe() {
        assertThatThrownBy(() -> SystemdEscape.exec("", List.of("docker", "run"))).isInstanceOf(UnsafeValueException.class);
        assertThatThrownBy(() -> SystemdEscape.exec("", List.of("/usr/bin/dock er"))).isInstanceOf(UnsafeValueException.class);
        assertThatThrownBy(() -> SystemdEscape.exec("x", List.of("/usr/bin/docker"))).isInstanceOf(UnsafeValueException.class);
    }

    @Test
    void shellWordsSurviveARealShell() throws Exception {
        Random r = new Random(7);
        for (int i = 0; i < 200; i++) {
            String w = random(r, 10).replace("\0", "");
            String script = "printf %s " + ShellEscape.word(w);
            assertThat(run("/bin/sh", "-c", script)).as(script).isEqualTo(w);
        }
    }

    @Test
    void aWordNeedsNoQuotesInACommandLineExactlyWhenItNeedsNoneInAShell() {
        Random r = new Random(5);
        for (int i = 0; i < 5_000; i++) {
            String w = random(r, 6).replace("\0", "");
            boolean bareInShell = ShellEscape.word(w).equals(w);
            boolean bareInExec = SystemdEscape.execWord(w).equals(w.replace("%", "%%"));
            assertThat(bareInExec).as(w).isEqualTo(bareInShell);
        }
        assertThat(ShellEscape.word("it's")).isEqualTo("'it'\\''s'");
        assertThatThrownBy(() -> ShellEscape.word("a\0b")).isInstanceOf(UnsafeValueException.class);
    }

    @Test
    void envLinesAreRawAndOneLine() {
        assertThat(EnvFileEscape.line("A", " $x \"q\" 'y' # z").text()).isEqualTo("A= $x \"q\" 'y' # z");
        assertThatThrownBy(() -> EnvFileEscape.line("A", "x\nB=y")).isInstanceOf(UnsafeValueException.class);
        assertThatThrownBy(() -> EnvFileEscape.line("A B", "x")).isInstanceOf(UnsafeValueException.class);
        assertThatThrownBy(() -> EnvFileEscape.line("#A", "x")).isInstanceOf(UnsafeValueException.class);
    }

    @Test
    void commentsCannotContinueOrBreakLines() {
        assertThat(Quoting.comment("a\nb\\")).isEqualTo("a\\x0ab\\x5c");
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out.endsWith("\n") && cmd[0].equals("systemd-escape") ? out.substring(0, out.length() - 1) : out;
    }
}
