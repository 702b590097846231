package dev.unitgen.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import dev.unitgen.FakeEngine;
import dev.unitgen.FakeServiceManager;
import dev.unitgen.host.HostException;
import dev.unitgen.layout.Root;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {
    @TempDir
    Path dir;

    Path proc(String capBnd) throws Exception {
        Path status = dir.resolve("status-" + capBnd);
        Files.writeString(status, "Name:\tjava\nCapInh:\t0000000000000000\nCapBnd:\t" + capBnd + "\n");
        return status;
    }

    Path lastCap() throws Exception {
        Path p = dir.resolve("cap_last_cap");
        Files.writeString(p, "40\n");
        return p;
    }

    Check find(List<Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aHealthyHostIsAllOkAndAutoProfileIsExplained() throws Exception {
        Root root = new Root(dir.resolve("root"));
        Files.createDirectories(root.resolve("/etc/systemd/system"));
        Files.createDirectories(root.resolve("/etc/unitgen/env"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(root.resolve("/etc/unitgen/env"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(root.resolve("/etc/unitgen"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve("/etc/unitgen/web.yaml"), "containers:\n  web:\n    image: nginx:1.27\n");
        Files.createDirectories(root.resolve("/usr/bin"));
        Files.writeString(root.resolve("/usr/bin/docker"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(root.resolve("/usr/bin/docker"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(root.resolve("/sys/fs/cgroup"));
        Files.writeString(root.resolve("/sys/fs/cgroup/cgroup.controllers"), "cpu\n");
        List<Check> checks = new Doctor(root, FakeServiceManager::new, FakeEngine::new, "/usr/bin/docker",
                proc("000001ffffffffff"), lastCap()).run(List.of());
        assertThat(checks).allMatch(c -> c.status() == Check.Status.OK, checks.toString());
        assertThat(find(checks, "systemd_profile auto").message()).startsWith("picks private-cgroupns");
        assertThat(find(checks, "--privileged").message()).startsWith("can work");
        assertThat(find(checks, "definitions").message()).isEqualTo("1 containers in 1 files are valid");
    }

    @Test
    void problemsAreReportedWithAFixAndEveryCheckStillRuns() throws Exception {
        Root root = new Root(dir.resolve("bad"));
        Files.createDirectories(root.resolve("/etc/systemd/system"));
        Files.createDirectories(root.resolve("/etc/unitgen"));
        Files.setPosixFilePermissions(root.resolve("/etc/unitgen"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(root.resolve("/etc/unitgen/web.yaml"), "containers:\n  web:\n    imag: nginx\n");
        List<Check> checks = new Doctor(root,
                () -> { throw new HostException("cannot reach the systemd manager over D-Bus at X: refused", "start it", null); },
                () -> { throw new HostException("cannot reach the Docker engine at Y: refused", "start dockerd", null); },
                "/usr/bin/docker", proc("000001fffeffffff"), lastCap()).run(List.of());
        assertThat(find(checks, "systemd manager").status()).isEqualTo(Check.Status.FAIL);
        assertThat(find(checks, "systemd manager").fix()).isEqualTo("start it");
        assertThat(find(checks, "docker engine").status()).isEqualTo(Check.Status.FAIL);
        assertThat(find(checks, "docker client").status()).isEqualTo(Check.Status.FAIL);
        assertThat(find(checks, "--privileged")).satisfies(c -> {
            assertThat(c.status()).isEqualTo(Check.Status.WARN);
            assertThat(c.message()).isEqualTo("cannot work here: the capability bounding set lacks CAP_SYS_RESOURCE");
        });
        assertThat(find(checks, "definitions directory").status()).isEqualTo(Check.Status.FAIL);
        assertThat(find(checks, "definitions directory").fix()).contains("chmod go-w");
        assertThat(find(checks, "definitions").status()).isEqualTo(Check.Status.FAIL);
        assertThat(checks).hasSize(10);
    }

    @Test
    void unreachableServicesMakeDoctorExit1WithOneLineEach() {
        Cli.Result r = Cli.run("doctor", "--bus-address", "unix:path=/nonexistent/bus", "--docker-host", "unix:///nonexistent/docker.sock",
                Cli.projectDir().resolve("examples").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).containsPattern("FAIL\\s+systemd manager\\s+cannot reach the systemd manager over D-Bus at unix:path=/nonexistent/bus")
                .containsPattern("FAIL\\s+docker engine\\s+cannot reach the Docker engine at unix:///nonexistent/docker.sock")
                .containsPattern("WARN\\s+definitions\\s+22 containers in 15 files are valid, with 7 warnings\n")
                .as("hostile.yaml's literal ${PATH}; bind sources missing on this machine").contains("Run unitgen validate to see them.");
        Cli.Result json = Cli.run("doctor", "--output", "json", "--bus-address", "unix:path=/nonexistent/bus",
                "--docker-host", "unix:///nonexistent/docker.sock", Cli.projectDir().resolve("examples").toString());
        assertThat(json.out()).contains("\"ok\": false", "\"status\": \"FAIL\"", "\"name\": \"docker engine\"");
    }
}
