package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.unit.ParsedUnit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random definitions whose values hold quotes, backslashes, %, $, ;, newlines, NUL,
 * unicode and long strings. Each one either fails validation with a located diagnostic and
 * exit 2, or renders a unit with exactly the intended sections and keys (no injected line)
 * whose ExecStart, split as systemd splits it, ends with exactly the intended words.
 */
public class HostileDefinitionsTest {
    static final String CHARS = " \"'\\%$;`|&<>(){}[]*?!#~=,:@-\u00e9\u65e5\u2713\u2028";
    /** Characters that can break a line or a file: one of them lands in about one value in twelve. */
    static final String CONTROL = "\n\r\t\u0000\u0001\u007f";
    static final Pattern LOCATED = Pattern.compile("on \\S+ line \\d+, column \\d+:");

    @TempDir
    Path dir;

    public static String random(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(10) == 0 ? 2000 + r.nextInt(3000) : r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(3) == 0 ? (char) ('a' + r.nextInt(26)) : CHARS.charAt(r.nextInt(CHARS.length())));
        }
        if (r.nextInt(12) == 0) {
            sb.insert(r.nextInt(sb.length() + 1), CONTROL.charAt(r.nextInt(CONTROL.length())));
        }
        return sb.toString();
    }

    /** A YAML double-quoted scalar holding exactly {@code s}. */
    public static String yaml(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    @Test
    void hostileValuesNeverInjectAndArgvIsExact() throws IOException {
        Random r = new Random(20261122);
        int rendered = 0;
        int refused = 0;
        for (int i = 0; i < 2000; i++) {
            String description = random(r, 20);
            List<String> command = new ArrayList<>();
            for (int k = r.nextInt(4); k >= 0; k--) {
                command.add(random(r, 12));
            }
            Map<String, String> labels = new TreeMap<>();
            labels.put("k" + i, random(r, 12));
            Map<String, String> env = new TreeMap<>();
            env.put("E" + i, random(r, 12));
            String volume = "/srv/" + random(r, 8).replace(":", "").replace(",", "") + ":/data";
            String documentation = random(r, 10);
            StringBuilder y = new StringBuilder("containers:\n  c" + i + ":\n");
            y.append("    image: busybox:1.36\n");
            y.append("    description: ").append(yaml(description)).append('\n');
            y.append("    command:\n");
            command.forEach(c -> y.append("      - ").append(yaml(c)).append('\n'));
            y.append("    labels:\n");
            labels.forEach((k, v) -> y.append("      ").append(k).append(": ").append(yaml(v)).append('\n'));
            y.append("    environment:\n");
            env.forEach((k, v) -> y.append("      ").append(k).append(": ").append(yaml(v)).append('\n'));
            // create_host_path: the random source cannot exist, and need not
            y.append("    volumes: [{type: bind, source: ").append(yaml(volume.substring(0, volume.length() - ":/data".length())))
                    .append(", target: /data, bind: {create_host_path: true}}]\n");
            y.append("    unit:\n      Unit:\n        Documentation: ").append(yaml(documentation)).append('\n');
            Path file = dir.resolve("c" + i + ".yaml");
            Files.writeString(file, y.toString());
            Cli.Result res = Cli.run("render", "--host-cgroup", "v1", "--output", "text", file.toString());
            assertThat(res.err()).as("no stack trace: %s", res).doesNotContain("Exception").doesNotContain("\tat ");
            if (res.code() == 2) {
                refused++;
                assertThat(res.err()).as("a refusal names file, line and column: %s", res).containsPattern(LOCATED);
                continue;
            }
            assertThat(res.code()).as("%s\n%s", y, res).isZero();
            rendered++;
            String unitText = res.out().substring(res.out().indexOf('\n') + 1);
            int envMarker = unitText.indexOf("\n# /etc/unitgen/env/");
            unitText = unitText.substring(0, envMarker);
            ParsedUnit unit = ParsedUnit.parse(unitText);
            assertThat(unit.sectionNames()).containsExactly("Unit", "Service", "Install", "X-Unitgen");
            assertThat(unit.entries("Unit")).extracting(Map.Entry::getKey).containsExactly("Description", "Documentation",
                    "SourcePath", "Wants", "After", "StartLimitIntervalSec", "StartLimitBurst");
            assertThat(unit.values("Unit", "Documentation")).as("the override replaces unitgen's value").containsExactly(documentation.strip());
            assertThat(unit.entries("Service")).extracting(Map.Entry::getKey).containsExactly("Type", "ExecStartPre", "ExecStartPre",
                    "ExecStart", "ExecStartPost", "ExecStop", "ExecStopPost", "ExecStopPost", "ExecStopPost", "SuccessExitStatus",
                    "KillSignal", "Restart", "RestartSec", "TimeoutStartSec", "TimeoutStopSec", "SyslogIdentifier");
            assertThat(unit.entries("Install")).extracting(Map.Entry::getKey).containsExactly("WantedBy");
            assertThat(unit.entries("X-Unitgen")).extracting(Map.Entry::getKey).containsExactly("Source", "Container", "Image", "Systemd",
                    "Healthcheck", "Enabled", "RestartOnChange", "Digest");
            assertThat(unit.values("Unit", "Description")).containsExactly(description.strip());
            List<String> argv = unit.exec("Service", "ExecStart").get(0).argv();
            List<String> tail = argv.subList(argv.size() - command.size() - 1, argv.size());
            List<String> expected = new ArrayList<>(List.of("busybox:1.36"));
            expected.addAll(command);
            assertThat(tail).isEqualTo(expected);
            assertThat(argv).containsSubsequence("--label", labels.entrySet().iterator().next().getKey() + "="
                    + labels.values().iterator().next());
            String source = volume.substring(0, volume.length() - ":/data".length());
            assertThat(argv).containsSubsequence("--volume", Path.of(source).normalize() + ":/data");
            assertThat(String.join("", argv)).doesNotContain(env.values().iterator().next().isEmpty() ? "\u0000" : "E" + i + "=");
        }
        assertThat(rendered).as("rendered").isGreaterThan(300);
        assertThat(refused).as("refused").isGreaterThan(300);
    }
}
