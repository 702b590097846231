package dev.unitgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end environment brought up by testenv/up.sh (real dockerd on cgroup v1 and v2
 * views, a local systemd image, systemd as PID 1 under nspawn). A missing variable FAILS
 * the test: the end-to-end tier never skips.
 */
public final class TestEnv {
    private TestEnv() {
    }

    public static String require(String name) {
        String v = System.getenv(name);
        assertThat(v).as("environment variable %s (run the tests through scripts/test, or eval \"$(testenv/up.sh)\")", name)
                .isNotBlank();
        return v;
    }

    public static String image() {
        return require("UNITGEN_TEST_IMAGE");
    }

    public static String dockerV1() {
        return require("DOCKER_HOST");
    }

    public static String dockerV2() {
        return require("UNITGEN_DOCKER_V2_HOST");
    }

    public record Exec(int code, String out) {
    }

    /** Runs a command to completion with a timeout; output is stdout and stderr merged. */
    public static Exec run(Map<String, String> env, Duration timeout, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("unitgen-e2e", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Exec(-1, out + "\n[timed out after " + timeout + "]");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Exec(p.exitValue(), out);
    }

    public static Exec docker(String host, Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/docker", "-H", host));
        cmd.addAll(List.of(args));
        return run(Map.of(), timeout, cmd);
    }

    /**
     * Removes these containers, then the networks of these names (every one of each: Docker
     * 20.10 may hold several networks of one name), then these volumes: what a test made.
     */
    public static void removeObjects(String host, List<String> containers, List<String> networks, List<String> volumes)
            throws IOException, InterruptedException {
        Duration t = Duration.ofSeconds(60);
        for (String c : containers) {
            docker(host, t, "rm", "-f", c);
        }
        for (String n : networks) {
            // Docker 20.10 may hold several networks of one name (docker network rm NAME then refuses): remove each by id
            String ids = docker(host, t, "network", "ls", "-q", "--filter", "name=^" + n + "$").out();
            for (String id : ids.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                docker(host, t, "network", "rm", id);
            }
        }
        for (String v : volumes) {
            docker(host, t, "volume", "rm", "-f", v);
        }
    }

    /**
     * The stability window of the end-to-end tests that are not about it: an apply waits this
     * long for a started container (VerificationE2E tests the default window of 10 s).
     */
    public static final String SHORT_WINDOW = "2s";

    /**
     * The arguments of a unitgen command against the test manager: {@code --root}, {@code
     * --bus-address}, {@code --host-cgroup v1}, the extra arguments, the definitions last; an
     * apply (not a dry run, no --min-healthy of its own) gets the short window.
     */
    public static List<String> unitgenArgs(String command, String root, String bus, Path defs, String... more) {
        List<String> a = new ArrayList<>(List.of(command, "--root", root, "--bus-address", bus, "--host-cgroup", "v1"));
        List<String> extra = List.of(more);
        if (command.equals("apply") && !extra.contains("--dry-run") && !extra.contains("--min-healthy") && !extra.contains("--offline")) {
            a.addAll(List.of("--min-healthy", SHORT_WINDOW));
        }
        a.addAll(extra);
        a.add(defs.toString());
        return a;
    }

    /** The host's cgroup mounts, to prove a test left them unchanged. */
    public static List<String> cgroupMounts() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.contains("cgroup"))
                .map(l -> l.replaceFirst("^\\d+ \\d+ ", "")) // mount ids may be reused; compare the rest
                .sorted().toList();
    }

    /** Connects to the manager's bus, trying again for up to a minute (after a boot of the manager). */
    public static dev.unitgen.host.systemd.DbusServiceManager connectAgain(String bus) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return dev.unitgen.host.systemd.DbusServiceManager.connect(bus);
            } catch (RuntimeException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }
}
