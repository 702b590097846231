package dev.unitgen.escape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.diag.SourceFile;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import dev.unitgen.yaml.YamlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Dockerfile, YAML and JSON syntaxes of the escaping package. */
class DockerfileYamlJsonEscapeTest {
    @Test
    void jsonStringsRoundTrip() {
        Random r = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String s = SystemdAndShellEscapeTest.random(r, 16).replace("\0", "");
            String json = DockerfileEscape.jsonString(s);
            assertThat(json).doesNotContain("\n").doesNotContain("\r").startsWith("\"").endsWith("\"");
            assertThat(decodeJson(json)).as(json).isEqualTo(s);
        }
        assertThatThrownBy(() -> DockerfileEscape.jsonString("a\0b")).isInstanceOf(UnsafeValueException.class);
    }

    @Test
    void execFormIsAJsonArray() {
        assertThat(DockerfileEscape.execForm(List.of("/lib/systemd/systemd"))).isEqualTo("[\"/lib/systemd/systemd\"]");
        assertThat(DockerfileEscape.execForm(List.of("/bin/sh", "-c", "echo \"$HOME\"\n"))).isEqualTo("[\"/bin/sh\", \"-c\", \"echo \\\"$HOME\\\"\\n\"]");
    }

    @Test
    void runStepsStayOnOneLine() {
        assertThat(DockerfileEscape.run("echo hi > /etc/motd")).isEqualTo("echo hi > /etc/motd");
        assertThat(DockerfileEscape.run("set -e\necho a")).isEqualTo("[\"/bin/sh\", \"-c\", \"set -e\\necho a\"]");
        // a trailing backslash would continue the instruction on the next line
        assertThat(DockerfileEscape.run("echo a \\")).isEqualTo("[\"/bin/sh\", \"-c\", \"echo a \\\\\"]");
        // a leading [ would be read as the exec form
        assertThat(DockerfileEscape.run("[ -f /x ] && rm /x")).isEqualTo("[\"/bin/sh\", \"-c\", \"[ -f /x ] && rm /x\"]");
        // leading or trailing blanks are kept by going through the exec form
        assertThat(DockerfileEscape.run(" echo")).startsWith("[\"/bin/sh\"");
        assertThatThrownBy(() -> DockerfileEscape.run("  ")).isInstanceOf(UnsafeValueException.class);
        Random r = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            String s = "x" + SystemdAndShellEscapeTest.random(r, 16).replace("\0", "");
            String run = DockerfileEscape.run(s);
            assertThat(run).as(s).doesNotContain("\n").doesNotContain("\r").doesNotEndWith("\\");
            if (run.startsWith("[")) {
                assertThat(run).isEqualTo(DockerfileEscape.execForm(List.of("/bin/sh", "-c", s)));
            } else {
                assertThat(run).isEqualTo(s);
            }
        }
    }

    @Test
    void copyAndWordsRefuseWhatTheBuilderWouldInterpret() {
        assertThat(DockerfileEscape.copy("files/01-a.conf", "/etc/my app/a.conf")).isEqualTo("[\"files/01-a.conf\", \"/etc/my app/a.conf\"]");
        for (String bad : List.of("/etc/$HOME", "/etc/a\\b", "/etc/a\nb", "/etc/\"x\"", "")) {
            assertThatThrownBy(() -> DockerfileEscape.copy("files/01-a", bad)).as(bad).isInstanceOf(UnsafeValueException.class);
        }
        assertThat(DockerfileEscape.word("registry.example.com:5000/base/debian:12@sha256:abc")).isNotEmpty();
        for (String bad : List.of("debian:$TAG", "a b", "a\nb", "")) {
            assertThatThrownBy(() -> DockerfileEscape.word(bad)).as(bad).isInstanceOf(UnsafeValueException.class);
        }
    }

    @Test
    void yamlScalarsReadBackAsTheSameText() {
        Random r = new Random(3);
        List<String> samples = new ArrayList<>(List.of("", "~", "null", "NULL", "true", "no", "0644", "a: b", "a #b", "- x", "-x",
                "key:", "'q'", "\"q\"", "[x]", "{x}", "*a", "&a", "!t", "|", ">", "%x", "@x", "`x", "#x", "? x", " lead", "trail ",
                "a\tb", "line\nbreak", "\u00e9\u65e5\u2713", "\u0085", "\ufeffbom", "80:80", "./data:/srv", "${VAR:-x}", "$$HOME"));
        for (int i = 0; i < 5_000; i++) {
            samples.add(SystemdAndShellEscapeTest.random(r, 12));
        }
        for (String s : samples) {
            String text = "k: " + YamlEscape.scalar(s) + "\n" + "l:\n  - " + YamlEscape.scalar(s) + "\n";
            Diagnostics d = new Diagnostics();
            YNode doc = YamlParser.parse(new SourceFile(null, "t.yaml", text), d).orElse(null);
            assertThat(d.hasErrors()).as("%s\n%s", text, d.sorted()).isFalse();
            YMap map = (YMap) doc;
            YScalar v = (YScalar) map.get("k").orElseThrow();
            assertThat(v.value()).as(text).isEqualTo(s);
            assertThat(v.isNull()).as(text).isFalse();
            YScalar item = (YScalar) ((dev.unitgen.yaml.YSeq) map.get("l").orElseThrow()).items().get(0);
            assertThat(item.value()).as(text).isEqualTo(s);
        }
        assertThat(YamlEscape.scalar("nginx:1.27")).isEqualTo("nginx:1.27");
        assertThat(YamlEscape.scalar("gunicorn --bind 0.0.0.0:8000 app:wsgi")).isEqualTo("gunicorn --bind 0.0.0.0:8000 app:wsgi");
        assertThat(YamlEscape.scalar("a\nb")).isEqualTo("\"a\\nb\"");
    }

    @Test
    void outputJsonStringsRoundTripAndNeverFail() {
        Random r = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            String s = SystemdAndShellEscapeTest.random(r, 16) + (i % 7 == 0 ? "\0\b\f\u2028" : "");
            String json = JsonEscape.string(s);
            assertThat(json).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028");
            assertThat(decodeJson(json)).as(json).isEqualTo(s);
            StringBuilder sb = new StringBuilder("x");
            JsonEscape.append(sb, s);
            assertThat(sb.toString()).isEqualTo("x" + json);
        }
        // unlike a Dockerfile, output and messages never refuse: an unpaired surrogate is escaped
        assertThat(JsonEscape.string("a\ud800b\0")).isEqualTo("\"a\\ud800b\\u0000\"");
        assertThatThrownBy(() -> DockerfileEscape.jsonString("a\ud800b")).isInstanceOf(UnsafeValueException.class);
    }

    /** A JSON string decoder for the test (the escapes dockerJsonString writes, and \\uXXXX). */
    static String decodeJson(String json) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < json.length() - 1; i++) {
            char c = json.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = json.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }
}
