package dev.unitgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import dev.unitgen.unit.ParsedUnit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The systemd-in-container flags are proven on real engines: the docker argv that unitgen
 * renders for examples/systemd.yaml (ExecStart, split as systemd splits it, $$ expanded as
 * at execution) runs against a Docker engine on a cgroup v1 view and one on a pure cgroup v2
 * view; the inner `systemctl is-system-running --wait` must say running, `docker stop` must
 * end it cleanly, and the host's cgroup mounts must be unchanged. The example's image
 * cannot be pulled here (no registry): the local systemd image stands in for it.
 */
@Tag("e2e")
class SystemdProfilesE2E {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} on the cgroup {1} engine")
    @CsvSource({
            "sysbox, v1",          // auto -> ro-cgroup
            "sysbox-v2, v1",       // private-cgroupns with the remount wrapper, on v1
            "sysbox, v2",          // auto -> private-cgroupns
            "sysbox-v2, v2"})
    void innerSystemdBoots(String container, String layout) throws Exception {
        String host = layout.equals("v1") ? TestEnv.dockerV1() : TestEnv.dockerV2();
        TestEnv.Exec version = TestEnv.docker(host, Duration.ofSeconds(30), "info", "--format", "{{.CgroupVersion}}");
        assertThat(version.out().strip()).as("engine %s", host).isEqualTo(layout.substring(1));

        Path etc = tmp.resolve("root/etc/unitgen");
        Files.createDirectories(etc);
        Files.copy(Cli.projectDir().resolve("examples/systemd.yaml"), etc.resolve("systemd.yaml"));
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("render", "--root", tmp.resolve("root").toString(), "--host-cgroup", layout, "--out", out.toString());
        assertThat(r.code()).as("%s", r).isZero();
        ParsedUnit unit = ParsedUnit.parse(Files.readString(out.resolve(container + ".service")));
        List<String> argv = new ArrayList<>(unit.exec("Service", "ExecStart").get(0).argv());
        String example = "docker.io/jrei/systemd-debian:12";
        assertThat(argv).contains(example);
        argv.set(argv.indexOf(example), TestEnv.image());
        String name = argv.get(argv.indexOf("--name") + 1);
        assertThat(name).isEqualTo(container);
        // the file's default network is made by its own unit, which this test does not run: the container stays on the bridge
        int network = argv.indexOf("--network");
        assertThat(argv.get(network + 1)).isEqualTo("systemd_default");
        argv.subList(network, network + 2).clear();
        argv.add(1, "-H");
        argv.add(2, host);

        List<String> mountsBefore = TestEnv.cgroupMounts();
        TestEnv.docker(host, Duration.ofSeconds(60), "rm", "-f", name); // known clean state
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        Path log = tmp.resolve("client.log");
        pb.redirectOutput(log.toFile());
        Process client = pb.start();
        try {
            String state = "";
            Instant deadline = Instant.now().plusSeconds(90);
            while (Instant.now().isBefore(deadline) && client.isAlive()) {
                TestEnv.Exec e = TestEnv.docker(host, Duration.ofSeconds(60), "exec", name, "systemctl", "is-system-running", "--wait");
                state = e.out().strip();
                if (state.equals("running") || state.equals("degraded")) {
                    break;
                }
                Thread.sleep(200); // the container or its manager is not up yet: poll again
            }
            TestEnv.Exec logs = TestEnv.docker(host, Duration.ofSeconds(30), "logs", name);
            TestEnv.Exec failed = TestEnv.docker(host, Duration.ofSeconds(30), "exec", name, "systemctl", "--failed", "--no-legend");
            assertThat(state).as("inner systemd of %s on %s\nclient alive: %s\nclient log:\n%s\ndocker logs:\n%s\nfailed units:\n%s",
                    container, layout, client.isAlive(), Files.readString(log), logs.out(), failed.out()).isEqualTo("running");
        } finally {
            TestEnv.docker(host, Duration.ofSeconds(60), "stop", "-t", "30", name);
            assertThat(client.waitFor(60, TimeUnit.SECONDS)).as("docker client ends after docker stop").isTrue();
            TestEnv.docker(host, Duration.ofSeconds(60), "rm", "-f", name);
        }
        assertThat(client.exitValue()).as("exit status after an orderly stop (SIGRTMIN+3); client log:\n%s",
                Files.readString(log)).isZero();
        TestEnv.Exec left = TestEnv.docker(host, Duration.ofSeconds(30), "ps", "-aq", "--filter", "name=^" + name + "$");
        assertThat(left.out().strip()).as("--rm removed the container").isEmpty();
        assertThat(TestEnv.cgroupMounts()).as("the host's cgroup mounts are unchanged").isEqualTo(mountsBefore);
    }
}
