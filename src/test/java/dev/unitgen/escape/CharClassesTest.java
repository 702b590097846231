package dev.unitgen.escape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The char loops that replaced the escaping package's regexes decide exactly as the regexes did. */
class CharClassesTest {
    private static List<String> samples() {
        List<String> out = new ArrayList<>(List.of("", "a", "A-b", "-a", "9x", "web_1.service", "/usr/bin/docker", "a b",
                "x%y", "[a]", "é", "\uD83D\uDE00", "a\u0000", "Z", "z", "0", "@", "a\nb"));
        String alphabet = "aZ09_@%+=:,./-[]!$ '\"\\\n\u00e9\u0130\uD83D\uDE00\u212A`~";
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void safeWordDockerfileWordKeyAndPrefixAsTheirRegexes() {
        Pattern safe = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
        Pattern word = Pattern.compile("[A-Za-z0-9_@%+=:,./\\[\\]-]+");
        Pattern key = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");
        for (String s : samples()) {
            assertThat(Quoting.safeWord(s)).as(s).isEqualTo(safe.matcher(s).matches());
            assertThat(accepts(() -> DockerfileEscape.word(s))).as(s).isEqualTo(word.matcher(s).matches());
            assertThat(accepts(() -> SystemdEscape.key(s))).as(s).isEqualTo(key.matcher(s).matches());
            assertThat(accepts(() -> SystemdEscape.exec(s, List.of("/bin/true")))).as(s).isEqualTo(s.matches("[-@:+!]*"));
        }
        assertThatThrownBy(() -> SystemdEscape.sectionName("X Unitgen")).isInstanceOf(UnsafeValueException.class);
    }

    private static boolean accepts(Runnable escape) {
        try {
            escape.run();
            return true;
        } catch (UnsafeValueException e) {
            return false;
        }
    }
}
