package dev.unitgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.host.UnitState;
import dev.unitgen.host.systemd.DbusServiceManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verification tells the truth under load, and services survive the engine and the manager:
 * against the real systemd manager and dockerd of testenv, with every core saturated by a CPU
 * hog the test starts itself, so timing luck can make none of these pass.
 */
@Tag("e2e")
class VerificationE2E {
    static String root;
    static String bus;
    static String docker;
    static String image;
    static DbusServiceManager manager;

    @TempDir
    Path defs;

    CpuHog hog;

    @BeforeAll
    static void environment() throws Exception {
        root = TestEnv.require("UNITGEN_TEST_ROOT");
        bus = TestEnv.require("UNITGEN_TEST_BUS_ADDRESS");
        docker = TestEnv.dockerV1();
        image = TestEnv.image();
        manager = DbusServiceManager.connect(bus);
    }

    @AfterAll
    static void cleanUp() {
        if (manager != null) {
            Cli.run("destroy", "--all", "--root", root, "--bus-address", bus);
            manager.close();
        }
    }

    @BeforeEach
    void cleanStateAndLoad() throws IOException {
        Cli.Result r = Cli.run("destroy", "--all", "--root", root, "--bus-address", bus);
        assertThat(r.code()).as("%s", r).isZero();
        hog = new CpuHog();
    }

    @AfterEach
    void stopHog() {
        hog.close();
    }

    /** Like the other end-to-end classes, but an apply without --min-healthy keeps unitgen's default window. */
    Cli.Result unitgen(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--root", root, "--bus-address", bus, "--host-cgroup", "v1"));
        args.addAll(List.of(more));
        args.add(defs.toString());
        return Cli.run(args.toArray(new String[0]));
    }

    void define(String file, String yaml) throws IOException {
        Files.writeString(defs.resolve(file), yaml.replace("IMAGE", image));
    }

    static String container(String name, String format) throws Exception {
        TestEnv.Exec e = TestEnv.docker(docker, Duration.ofSeconds(30), "inspect", "-f", format, name);
        return e.code() == 0 ? e.out().strip() : "absent";
    }

    static String containerId(String name) throws Exception {
        return container(name, "{{.Id}}");
    }

    static boolean upWithContainer(String unit) throws Exception {
        UnitState s = manager.state(unit + ".service");
        return s.isActiveRunning() && container(unit, "{{.State.Running}}").equals("true");
    }

    /** Polls until the condition holds or the deadline passes; false on the deadline. */
    static boolean eventually(Duration within, Check check) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(250);
        }
        return check.holds();
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static String journal(String unit) throws Exception {
        return TestEnv.run(Map.of(), Duration.ofSeconds(30), List.of("journalctl", "-D", TestEnv.require("UNITGEN_TEST_JOURNAL_DIR"),
                "-u", unit, "--no-pager", "-o", "cat")).out();
    }

    static void testenv(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Cli.projectDir().resolve("testenv/restart.sh").toString()));
        cmd.addAll(List.of(args));
        TestEnv.Exec e = TestEnv.run(Map.of(), Duration.ofMinutes(3), cmd);
        assertThat(e.code()).as("testenv/restart.sh %s\n%s", String.join(" ", args), e.out()).isZero();
    }

    @Test
    void containersThatDieZeroOneThreeAndSixSecondsAfterStartFailVerificationAndAreRolledBack() throws Exception {
        int[] delays = {0, 1, 3, 6};
        StringBuilder good = new StringBuilder("containers:\n");
        StringBuilder bad = new StringBuilder("containers:\n");
        for (int d : delays) {
            good.append("  ug-die").append(d).append(":\n    image: IMAGE\n    command: [sh, -c, \"echo version one; exec sleep infinity\"]\n");
            bad.append("  ug-die").append(d).append(":\n    image: IMAGE\n    command: [sh, -c, \"sleep ").append(d)
                    .append("; echo unitgen-died-after-").append(d).append("s >&2; exit 3\"]\n");
        }
        define("die.yaml", good.toString());
        Cli.Result first = unitgen("apply", "--min-healthy", "2s");
        assertThat(first.code()).as("%s", first).isZero();

        define("die.yaml", bad.toString());
        long t0 = System.nanoTime();
        Cli.Result apply = unitgen("apply", "--rollback-on-failure");
        long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
        assertThat(apply.code()).as("%s", apply).isEqualTo(4);
        for (int d : delays) {
            assertThat(apply.out()).as("%s", apply).contains("FAILED  ug-die" + d + ".service")
                    .contains("unitgen-died-after-" + d + "s");
        }
        assertThat(apply.out()).contains("Apply finished, but 4 of 4 units failed verification; rolled back: ");
        // the windows overlap: four 10 s windows, then the rollback's, not 4 x 10 s in a row
        assertThat(seconds).as("apply took %ss\n%s", seconds, apply).isLessThan(60);
        for (int d : delays) {
            String unit = "ug-die" + d;
            assertThat(eventually(Duration.ofSeconds(30), () -> upWithContainer(unit))).as(unit + " runs again").isTrue();
            assertThat(container(unit, "{{json .Config.Cmd}}")).contains("version one");
        }
        assertThat(apply.out()).contains("ok      ug-die6.service (previous version)");
    }

    @Test
    void aHealthcheckWithALongStartPeriodVerifiesAndItsStartTimeoutFollowsTheHealthcheck() throws Exception {
        define("slow.yaml", """
                containers:
                  ug-slow:
                    image: IMAGE
                    command: [sh, -c, "sleep 15; touch /tmp/ready; exec sleep infinity"]
                    healthcheck:
                      test: [CMD, test, -f, /tmp/ready]
                      interval: 2s
                      timeout: 2s
                      retries: 3
                      start_period: 60s
                """);
        Cli.Result apply = unitgen("apply", "--min-healthy", "2s");
        assertThat(apply.code()).as("%s", apply).isZero();
        assertThat(apply.out()).contains("ok      ug-slow.service").contains("(healthy)");
        String unit = Files.readString(Path.of(root, "etc/systemd/system/ug-slow.service"));
        long timeout = Long.parseLong(unit.replaceAll("(?s).*\nTimeoutStartSec=(\\d+)\n.*", "$1"));
        assertThat(timeout).isGreaterThanOrEqualTo(60 + 3 * 4);
    }

    @Test
    void aContainerThatTurnsUnhealthyIsRestartedBySystemdWithoutUnitgen() throws Exception {
        define("sick.yaml", """
                containers:
                  ug-sick:
                    image: IMAGE
                    command: [sh, -c, "touch /tmp/ok; sleep 8; rm /tmp/ok; exec sleep infinity"]
                    healthcheck: {test: [CMD, test, -f, /tmp/ok], interval: 1s, timeout: 2s, retries: 2}
                  ug-sick-kept:
                    image: IMAGE
                    command: [sh, -c, "touch /tmp/ok; sleep 8; rm /tmp/ok; exec sleep infinity"]
                    healthcheck: {test: [CMD, test, -f, /tmp/ok], interval: 1s, timeout: 2s, retries: 2}
                    health_on_failure: none
                """);
        Cli.Result apply = unitgen("apply", "--min-healthy", "2s");
        assertThat(apply.code()).as("%s", apply).isZero();
        String first = containerId("ug-sick");
        String kept = containerId("ug-sick-kept");
        // unitgen has exited: systemd and the unit's watcher act alone
        assertThat(eventually(Duration.ofSeconds(90), () -> {
            String now = containerId("ug-sick");
            return !now.equals(first) && !now.equals("absent") && manager.state("ug-sick.service").nRestarts() >= 1;
        })).as("ug-sick restarted by systemd after turning unhealthy").isTrue();
        assertThat(journal("ug-sick.service")).contains("unitgen: container unhealthy: ug-sick is unhealthy; killing it");
        // health_on_failure: none leaves it running, unhealthy, and says so
        assertThat(containerId("ug-sick-kept")).isEqualTo(kept);
        assertThat(eventually(Duration.ofSeconds(30), () -> container("ug-sick-kept", "{{.State.Health.Status}}").equals("unhealthy")))
                .isTrue();
        Cli.Result status = Cli.run("status", "--root", root, "--bus-address", bus, "ug-sick", "ug-sick-kept");
        assertThat(status.out()).as("%s", status).containsPattern("ug-sick\\.service .*restarts? [1-9]")
                .containsPattern("ug-sick-kept\\.service .*unhealthy");
    }

    @Test
    void dependentsOfARestartedDependencyEndActiveAndVerified() throws Exception {
        String defsText = """
                containers:
                  ug-db:
                    image: IMAGE
                    command: [sh, -c, "exec sleep infinity"]
                    environment: {VERSION: "V"}
                  ug-app:
                    image: IMAGE
                    command: [sh, -c, "exec sleep infinity"]
                    depends_on:
                      ug-db: {condition: service_started, restart: true}
                  ug-side:
                    image: IMAGE
                    command: [sh, -c, "exec sleep infinity"]
                    depends_on: [ug-db]
                """;
        define("stack.yaml", defsText.replace("\"V\"", "\"1\""));
        assertThat(unitgen("apply", "--min-healthy", "2s").code()).isZero();
        Map<String, String> before = new LinkedHashMap<>();
        for (String c : List.of("ug-db", "ug-app", "ug-side")) {
            before.put(c, containerId(c));
        }
        define("stack.yaml", defsText.replace("\"V\"", "\"2\""));
        Cli.Result apply = unitgen("apply", "--min-healthy", "3s");
        assertThat(apply.code()).as("%s", apply).isZero();
        assertThat(apply.out()).contains("ok      ug-db.service", "ok      ug-app.service", "ok      ug-side.service");
        for (String c : List.of("ug-db", "ug-app", "ug-side")) {
            assertThat(upWithContainer(c)).as(c + " active with a running container").isTrue();
        }
        assertThat(containerId("ug-db")).isNotEqualTo(before.get("ug-db"));
        assertThat(containerId("ug-app")).as("restart: true restarts the dependent with it").isNotEqualTo(before.get("ug-app"));
        assertThat(containerId("ug-side")).as("a plain dependency leaves the dependent running").isEqualTo(before.get("ug-side"));
    }

    @Test
    void servicesSurviveTheEngineStoppedOrKilledAndTheManagerRestarted() throws Exception {
        define("engine.yaml", """
                containers:
                  ug-plain:
                    image: IMAGE
                    command: [sh, -c, "trap 'exit 0' TERM; sleep infinity & wait"]
                  ug-dep:
                    image: IMAGE
                    command: [sh, -c, "exec sleep infinity"]
                    depends_on:
                      ug-plain: {condition: service_started, restart: true}
                  ug-sys:
                    image: IMAGE
                    command: /lib/systemd/systemd
                  ug-no:
                    image: IMAGE
                    command: [sh, -c, "exec sleep infinity"]
                    restart: "no"
                """);
        List<String> restarting = List.of("ug-plain", "ug-dep", "ug-sys");
        Cli.Result apply = unitgen("apply", "--min-healthy", "2s");
        assertThat(apply.code()).as("%s", apply).isZero();

        // systemd's own stop still ends inactive, not failed, and is not undone
        Map<String, String> stop = manager.runJobs(Map.of("ug-no.service", ServiceManager.JobType.STOP), Duration.ofMinutes(1));
        assertThat(stop).containsEntry("ug-no.service", "done");
        assertThat(manager.state("ug-no.service").activeState()).isEqualTo("inactive");
        manager.runJobs(Map.of("ug-no.service", ServiceManager.JobType.START), Duration.ofMinutes(1));
        assertThat(eventually(Duration.ofSeconds(30), () -> upWithContainer("ug-no"))).isTrue();

        for (String how : List.of("engine-term", "engine-kill")) {
            Map<String, String> ids = new LinkedHashMap<>();
            for (String c : restarting) {
                ids.put(c, containerId(c));
            }
            testenv(how);
            long back = System.nanoTime();
            for (String c : restarting) {
                assertThat(eventually(Duration.ofSeconds(30).minusNanos(System.nanoTime() - back), () -> upWithContainer(c)))
                        .as("%s is active with a running container within 30 s of the engine's return (%s)\n%s", c, how,
                                journal(c + ".service"))
                        .isTrue();
                assertThat(containerId(c)).isNotEqualTo(ids.get(c));
            }
            UnitState no = manager.state("ug-no.service");
            assertThat(no.activeState()).as("restart: \"no\" stays stopped after %s: %s", how, no.describe()).isIn("failed", "inactive");
            assertThat(containerId("ug-no")).isEqualTo("absent");
        }

        testenv("manager");
        manager.close();
        manager = connectAgain();
        for (String c : List.of("ug-plain", "ug-dep", "ug-sys", "ug-no")) {
            assertThat(eventually(Duration.ofSeconds(60), () -> upWithContainer(c))).as("%s is back after the boot", c).isTrue();
        }

        // a unit that failed and is then destroyed leaves no failed unit behind (the manager is not degraded by it)
        testenv("engine-kill");
        assertThat(eventually(Duration.ofSeconds(30), () -> manager.state("ug-no.service").activeState().equals("failed"))).isTrue();
        Cli.Result destroy = Cli.run("destroy", "--all", "--root", root, "--bus-address", bus);
        assertThat(destroy.code()).as("%s", destroy).isZero();
        assertThat(manager.state("ug-no.service").activeState()).isNotEqualTo("failed");
    }

    static DbusServiceManager connectAgain() throws Exception {
        return TestEnv.connectAgain(bus);
    }
}
