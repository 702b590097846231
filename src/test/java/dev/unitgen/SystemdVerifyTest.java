package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every unit rendered from examples/ passes systemd's own validator, `systemd-analyze
 * verify`, silently. Needs systemd-analyze and /usr/bin/docker (installed by
 * scripts/test-setup); a missing tool fails the test, it never skips.
 */
public class SystemdVerifyTest {
    @TempDir
    static Path tmp;
    static Path out;

    @BeforeAll
    static void render() throws IOException {
        assertThat(Path.of("/usr/bin/systemd-analyze")).as("systemd-analyze (package systemd)").exists();
        assertThat(Path.of("/usr/bin/docker")).as("/usr/bin/docker (package docker.io): units reference it").exists();
        Path etc = tmp.resolve("root/etc/unitgen");
        Files.createDirectories(etc);
        try (Stream<Path> s = Files.list(GoldenExamplesTest.EXAMPLES)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".env")).toList()) {
                Files.copy(p, etc.resolve(p.getFileName()));
            }
        }
        out = tmp.resolve("units");
        for (String layout : List.of("v1", "v2")) {
            Cli.Result r = Cli.run("render", "--root", tmp.resolve("root").toString(), "--host-cgroup", layout,
                    "--out", out.resolve(layout).toString());
            assertThat(r.code()).as("%s", r).isZero();
        }
    }

    /** systemd-analyze verify of UNIT in DIR (found there): {exit status, what it printed}. */
    public static String[] verify(Path dir, String unit) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("systemd-analyze", "verify", "--man=no", "./" + unit)
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("SYSTEMD_UNIT_PATH", dir + ":");
        pb.environment().put("SYSTEMD_LOG_COLOR", "0");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {String.valueOf(p.waitFor()), output};
    }

    @TestFactory
    Stream<DynamicTest> everyRenderedUnitVerifies() throws IOException {
        List<Path> units;
        try (Stream<Path> s = Files.walk(out)) {
            units = s.filter(p -> p.toString().endsWith(".service")).sorted().toList();
        }
        assertThat(units).hasSizeGreaterThanOrEqualTo(12);
        return units.stream().map(u -> DynamicTest.dynamicTest(out.relativize(u).toString(), () -> {
            String[] r = verify(u.getParent(), u.getFileName().toString());
            assertThat(r[1]).as("systemd-analyze verify %s printed:\n%s\n--- unit:\n%s", u, r[1], Files.readString(u)).isEmpty();
            assertThat(r[0]).isEqualTo("0");
        }));
    }

    /** The validator is live: it rejects a unit whose executable is missing or whose key is unknown. */
    @Test
    void validatorCatchesBrokenUnits() throws Exception {
        Path dir = tmp.resolve("broken");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("broken.service"), "[Service]\nExecStart=/usr/bin/no-such-binary\n");
        Files.writeString(dir.resolve("typo.service"), "[Service]\nExecStart=/bin/true\nRestrt=always\n");
        String[] broken = verify(dir, "broken.service");
        assertThat(broken[0]).isNotEqualTo("0");
        String[] typo = verify(dir, "typo.service");
        assertThat(typo[1]).contains("Restrt");
    }
}
