package dev.unitgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** unitgen doctor against the real manager and engine of the end-to-end environment. */
@Tag("e2e")
class DoctorE2E {
    @Test
    void reportsTheRealManagerAndEngineAndThatPrivilegedCannotWorkHere() {
        String bus = TestEnv.require("UNITGEN_TEST_BUS_ADDRESS");
        Cli.Result r = Cli.run("doctor", "--bus-address", bus, Cli.projectDir().resolve("examples").toString());
        assertThat(r.out())
                .containsPattern("OK\\s+systemd manager\\s+systemd 25\\d\\S* at " + java.util.regex.Pattern.quote(bus) + ", SystemState=running")
                .containsPattern("OK\\s+docker engine\\s+Docker 20\\.10\\S* at unix:///var/run/docker.sock, cgroup driver cgroupfs, cgroup v1, storage driver overlay2")
                .containsPattern("WARN\\s+--privileged\\s+cannot work here: the capability bounding set lacks CAP_SYS_RESOURCE")
                .containsPattern("OK\\s+systemd_profile auto\\s+picks ro-cgroup")
                .containsPattern("WARN\\s+definitions\\s+22 containers in 15 files are valid, with \\d+ warnings");
        assertThat(r.out()).doesNotContain("FAIL");
        assertThat(r.code()).as("%s", r).isZero();

        Cli.Result v2 = Cli.run("doctor", "--bus-address", bus, "--docker-host", TestEnv.dockerV2(), Cli.projectDir().resolve("examples").toString());
        assertThat(v2.out()).containsPattern("OK\\s+docker engine\\s+Docker \\S+ at " + java.util.regex.Pattern.quote(TestEnv.dockerV2()) + ", cgroup driver cgroupfs, cgroup v2");

        Cli.Result stopped = Cli.run("doctor", "--bus-address", "unix:path=/nonexistent/bus", Cli.projectDir().resolve("examples").toString());
        assertThat(stopped.code()).isEqualTo(1);
        assertThat(stopped.out()).containsPattern("FAIL\\s+systemd manager").containsPattern("OK\\s+docker engine");
    }
}
