package dev.unitgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import dev.unitgen.host.UnitState;
import dev.unitgen.host.systemd.DbusServiceManager;
import dev.unitgen.host.systemd.Systemd1Manager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan/apply/status/destroy against a real systemd manager (PID 1 under systemd-nspawn, over
 * D-Bus) and a real dockerd, both from testenv/up.sh. Each test starts from a clean state:
 * every unit unitgen manages in the test manager is destroyed first.
 */
@Tag("e2e")
class ApplyE2E {
    static String root;
    static String bus;
    static String docker;
    static String image;
    static DbusServiceManager manager;

    @TempDir
    Path defs;

    @BeforeAll
    static void environment() throws Exception {
        root = TestEnv.require("UNITGEN_TEST_ROOT");
        bus = TestEnv.require("UNITGEN_TEST_BUS_ADDRESS");
        docker = TestEnv.dockerV1();
        image = TestEnv.image();
        // the examples name public images; no registry is reachable here, so the local
        // systemd image stands in for them
        for (String tag : List.of("busybox:1.36", "docker.io/jrei/systemd-debian:12")) {
            TestEnv.Exec e = TestEnv.docker(docker, Duration.ofSeconds(60), "tag", image, tag);
            assertThat(e.code()).as(e.out()).isZero();
        }
        manager = DbusServiceManager.connect(bus);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (manager != null) {
            Cli.run("destroy", "--all", "--root", root, "--bus-address", bus);
            manager.close();
        }
        TestEnv.run(Map.of(), Duration.ofSeconds(30), List.of("rm", "-rf", "/srv/with space"));
    }

    @BeforeEach
    void cleanState() {
        Cli.Result r = Cli.run("destroy", "--all", "--root", root, "--bus-address", bus);
        assertThat(r.code()).as("%s", r).isZero();
    }

    Cli.Result unitgen(String command, String... more) {
        return Cli.run(TestEnv.unitgenArgs(command, root, bus, defs, more).toArray(new String[0]));
    }

    Path unitFile(String unit) {
        return Path.of(root, "etc/systemd/system", unit);
    }

    String containerId(String name) throws Exception {
        TestEnv.Exec e = TestEnv.docker(docker, Duration.ofSeconds(30), "inspect", "-f", "{{.Id}} {{.State.Running}}", name);
        return e.code() == 0 ? e.out().strip() : "absent";
    }

    void define(String file, String yaml) throws IOException {
        Files.writeString(defs.resolve(file), yaml.replace("IMAGE", image));
    }

    static final String PLAIN = """
            containers:
              ug-a:
                image: IMAGE
                command: [sh, -c, "echo a is up; exec sleep infinity"]
                environment: {SECRET_A: first-secret}
              ug-b:
                description: container b
                image: IMAGE
                command: [sh, -c, "echo b is up; exec sleep infinity"]
                healthcheck:
                  test: ["CMD", "test", "-f", "/proc/1/status"]
                  interval: 1s
                  retries: 3
            """;

    @Test
    void appliesTheExamplesAndTellsTheTruth() throws Exception {
        Files.copy(Cli.projectDir().resolve("examples/hostile.yaml"), defs.resolve("hostile.yaml"));
        Files.copy(Cli.projectDir().resolve("examples/systemd.yaml"), defs.resolve("systemd.yaml"));
        define("plain.yaml", PLAIN);
        Cli.Result plan = unitgen("plan", "--detailed-exitcode");
        assertThat(plan.code()).as("%s", plan).isEqualTo(2);
        assertThat(plan.out()).contains("+ hostile.service (new)", "+ sysbox.service (new)", "+ ug-a.service (new)",
                "+ systemd_default-network.service (new)", "+ plain_default-network.service (new)",
                "Plan: 7 to create, 0 to change, 0 to remove.");

        Cli.Result apply = unitgen("apply");
        assertThat(apply.code()).as("%s", apply).isZero();
        for (String unit : List.of("hostile.service", "sysbox.service", "sysbox-v2.service", "ug-a.service", "ug-b.service")) {
            UnitState s = manager.state(unit);
            assertThat(s.isActiveRunning()).as("%s is %s\n%s", unit, s, apply).isTrue();
            assertThat(containerId(unit.replace(".service", ""))).endsWith(" true");
            assertThat(Files.isSymbolicLink(Path.of(root, "etc/systemd/system/multi-user.target.wants", unit))).isTrue();
        }
        assertThat(apply.out()).contains("ok      sysbox.service  active/running, container running, inner systemd running")
                .contains("ok      ug-b.service  active/running, container running (healthy)");
        // secrets stay out of the unit and of what the manager shows
        assertThat(Files.readString(unitFile("ug-a.service"))).doesNotContain("first-secret");
        assertThat(Files.getPosixFilePermissions(Path.of(root, "etc/unitgen/env/ug-a.env")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(String.join(" ", manager.execArgv("ug-a.service", "ExecStart").get(0))).doesNotContain("first-secret");

        // what systemd itself parsed equals the argv unitgen intended ($$ as the manager reports it)
        Cli.Result json = Cli.run("render", "--output", "json", "--host-cgroup", "v1", defs.resolve("hostile.yaml").toString());
        List<String> intended = argv(json.out());
        List<String> parsed = manager.execArgv("hostile.service", "ExecStart").get(0);
        assertThat(parsed).isEqualTo(intended.stream().map(w -> w.replace("$", "$$")).toList());
        assertThat(parsed).contains("line one\nline two", ";", "%n %% $$HOME $${PATH} $$$$ \\ \\\\ \t tab", "");

        Cli.Result status = Cli.run("status", "--root", root, "--bus-address", bus);
        assertThat(status.out()).containsPattern("sysbox\\.service\\s+active/running\\s+running\\s+\\S+\\s+restarts 0\\s+docker.io/jrei/systemd-debian:12\\s+sha256:[0-9a-f]{12}\\s+systemd running")
                .containsPattern("ug-b\\.service\\s+active/running\\s+running.*healthy");

        // a second apply has nothing to do: no write, no Reload, no restart
        FileTime mtime = Files.getLastModifiedTime(unitFile("ug-a.service"));
        String idA = containerId("ug-a");
        AtomicInteger reloads = new AtomicInteger();
        try (DBusConnection c = DBusConnectionBuilder.forAddress(bus).withShared(false).build()) {
            Systemd1Manager m = c.getRemoteObject(Systemd1Manager.BUS_NAME, Systemd1Manager.OBJECT_PATH, Systemd1Manager.class);
            c.addSigHandler(Systemd1Manager.Reloading.class, sig -> {
                if (sig.active()) {
                    synchronized (reloads) {
                        reloads.incrementAndGet();
                        reloads.notifyAll();
                    }
                }
            });
            m.Subscribe();
            Cli.Result again = unitgen("apply");
            assertThat(again.code()).as("%s", again).isZero();
            assertThat(again.out()).startsWith("No changes.");
            // positive control: our own Reload is seen, and it is the first one
            m.Reload();
            synchronized (reloads) {
                long deadline = System.currentTimeMillis() + 30_000;
                while (reloads.get() == 0 && System.currentTimeMillis() < deadline) {
                    reloads.wait(1000);
                }
            }
            assertThat(reloads.get()).as("Reloading signals: the no-op apply must not reload").isEqualTo(1);
        }
        assertThat(Files.getLastModifiedTime(unitFile("ug-a.service"))).isEqualTo(mtime);
        assertThat(containerId("ug-a")).isEqualTo(idA);
    }

    static List<String> argv(String renderJson) {
        List<List<String>> all = argvs(renderJson);
        assertThat(all).isNotEmpty();
        return all.get(0);
    }

    /** Every docker_argv of a `render --output json` document, in order. */
    static List<List<String>> argvs(String renderJson) {
        Matcher m = Pattern.compile("\"docker_argv\": \\[(.*?)\\n\\s*\\]", Pattern.DOTALL).matcher(renderJson);
        List<List<String>> all = new ArrayList<>();
        while (m.find()) {
            List<String> out = new ArrayList<>();
            // unrolled and possessive: no backtracking stack on very long words
            Matcher s = Pattern.compile("\"([^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+)\"").matcher(m.group(1));
            while (s.find()) {
                out.add(unjson(s.group(1)));
            }
            all.add(out);
        }
        return all;
    }

    static String unjson(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }

    @Test
    void aChangeRestartsOnlyItsUnitAndACosmeticChangeRestartsNothing() throws Exception {
        define("plain.yaml", PLAIN);
        assertThat(unitgen("apply").code()).isZero();
        Map<String, String> ids = new HashMap<>(Map.of("ug-a", containerId("ug-a"), "ug-b", containerId("ug-b")));

        define("plain.yaml", PLAIN.replace("a is up", "a is up again"));
        Cli.Result plan = unitgen("plan");
        assertThat(plan.out()).contains("~ ug-a.service (changed: restart; ExecStart)").doesNotContain("ug-b.service");
        Cli.Result apply = unitgen("apply");
        assertThat(apply.code()).as("%s", apply).isZero();
        assertThat(containerId("ug-a")).isNotEqualTo(ids.get("ug-a")).endsWith(" true");
        assertThat(containerId("ug-b")).isEqualTo(ids.get("ug-b"));

        ids.put("ug-a", containerId("ug-a"));
        define("plain.yaml", PLAIN.replace("a is up", "a is up again").replace("description: container b", "description: the b container"));
        Cli.Result cosmetic = unitgen("apply");
        assertThat(cosmetic.code()).as("%s", cosmetic).isZero();
        assertThat(cosmetic.out()).contains("~ ug-b.service (changed: no restart, Description only)");
        assertThat(containerId("ug-a")).isEqualTo(ids.get("ug-a"));
        assertThat(containerId("ug-b")).isEqualTo(ids.get("ug-b"));
        assertThat(Files.readString(unitFile("ug-b.service"))).contains("Description=the b container");

        // the environment is part of the container: changing a secret restarts it
        define("plain.yaml", PLAIN.replace("a is up", "a is up again").replace("description: container b", "description: the b container")
                .replace("first-secret", "second-secret"));
        Cli.Result env = unitgen("apply");
        assertThat(env.out()).contains("~ ug-a.service (changed: restart; environment)").doesNotContain("second-secret");
        assertThat(containerId("ug-a")).isNotEqualTo(ids.get("ug-a"));
        assertThat(containerId("ug-b")).isEqualTo(ids.get("ug-b"));
    }

    @Test
    void aRemovedDefinitionLeavesNothingBehind() throws Exception {
        define("plain.yaml", PLAIN);
        assertThat(unitgen("apply").code()).isZero();
        define("plain.yaml", PLAIN.substring(0, PLAIN.indexOf("  ug-b:")));
        Cli.Result apply = unitgen("apply");
        assertThat(apply.code()).as("%s", apply).isZero();
        assertThat(apply.out()).contains("- ug-b.service (no longer declared)");
        assertThat(unitFile("ug-b.service")).doesNotExist();
        assertThat(Path.of(root, "etc/systemd/system/multi-user.target.wants/ug-b.service")).doesNotExist();
        assertThat(containerId("ug-b")).isEqualTo("absent");
        assertThat(manager.state("ug-b.service").loadState()).isEqualTo("not-found");
        assertThat(containerId("ug-a")).endsWith(" true");
        // and removing the environment too
        define("plain.yaml", "containers: {}\n");
        Cli.Result guarded = unitgen("apply");
        assertThat(guarded.code()).as("%s", guarded).isEqualTo(2);
        assertThat(guarded.err()).contains("the definitions declare no container: apply would remove all 1 units");
        assertThat(containerId("ug-a")).endsWith(" true");
        assertThat(unitgen("apply", "--allow-empty").code()).isZero();
        assertThat(Path.of(root, "etc/unitgen/env/ug-a.env")).doesNotExist();
        assertThat(containerId("ug-a")).isEqualTo("absent");
    }

    @Test
    void aContainerThatExitsAtOnceFailsVerificationAndShowsItsLog() throws Exception {
        define("crash.yaml", """
                containers:
                  ug-crash:
                    image: IMAGE
                    command: [sh, -c, "echo unitgen-e2e-crash-marker >&2; exit 3"]
                """);
        Cli.Result apply = unitgen("apply");
        assertThat(apply.code()).as("%s", apply).isEqualTo(4);
        assertThat(apply.out()).contains("FAILED  ug-crash.service").contains("unitgen-e2e-crash-marker")
                .contains("Apply finished, but 1 of 1 units failed verification.");
        Cli.Result json = unitgen("apply", "--output", "json");
        assertThat(json.code()).isEqualTo(4);
        assertThat(json.out()).contains("\"result\": \"failed\"").contains("unitgen-e2e-crash-marker");
    }

    @Test
    void aForeignUnitFileWithAManagedNameIsLeftUntouched() throws Exception {
        String foreign = "[Unit]\nDescription=not unitgen's\n[Service]\nExecStart=/bin/sleep infinity\n";
        Files.writeString(unitFile("ug-foreign.service"), foreign);
        try {
            define("f.yaml", "containers:\n  ug-foreign:\n    image: IMAGE\n");
            Cli.Result apply = unitgen("apply");
            assertThat(apply.code()).isEqualTo(1);
            assertThat(apply.err()).contains("ug-foreign.service exists and was not written by unitgen");
            assertThat(Files.readString(unitFile("ug-foreign.service"))).isEqualTo(foreign);
            assertThat(Cli.run("destroy", "ug-foreign", "--root", root, "--bus-address", bus).code()).isEqualTo(2);
            assertThat(Files.readString(unitFile("ug-foreign.service"))).isEqualTo(foreign);
        } finally {
            Files.deleteIfExists(unitFile("ug-foreign.service"));
        }
    }

    @Test
    void anUnreachableEngineOrManagerIsOneClearLineAndWritesNothing() throws Exception {
        define("plain.yaml", PLAIN);
        Cli.Result noDocker = unitgen("apply", "--docker-host", "unix:///nonexistent/docker.sock");
        assertThat(noDocker.code()).as("%s", noDocker).isEqualTo(1);
        assertThat(noDocker.err()).startsWith("Error: cannot reach the Docker engine at unix:///nonexistent/docker.sock")
                .doesNotContain("\tat ");
        Cli.Result noBus = Cli.run("apply", "--root", root, "--bus-address", "unix:path=/nonexistent/bus", defs.toString());
        assertThat(noBus.code()).as("%s", noBus).isEqualTo(1);
        assertThat(noBus.err()).startsWith("Error: cannot reach the systemd manager over D-Bus at unix:path=/nonexistent/bus")
                .doesNotContain("\tat ");
        assertThat(unitFile("ug-a.service")).doesNotExist();
        assertThat(Path.of(root, "etc/unitgen/env/ug-a.env")).doesNotExist();
    }
}
