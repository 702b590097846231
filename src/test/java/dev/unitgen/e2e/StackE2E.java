package dev.unitgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import dev.unitgen.host.systemd.DbusServiceManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live stack on the real manager and engine (testenv/up.sh): nginx in front of a python3
 * application that writes to PostgreSQL and Redis, on two networks, with the database on a
 * named volume, healthchecks and health-gated dependencies. Its four images are built by
 * examples/stack/build.sh FROM the local Debian image (apt over the host's network; built
 * again only when their context changed). The native definition (examples/stack.yaml) goes
 * through the whole scenario: apply, HTTP through the proxy, kill -9 of the database, a boot
 * of the manager with unitgen not running, a change of the application's settings. The compose
 * form (examples/stack/compose.yaml) is imported, applied, checked over HTTP and changed.
 * Each test starts from {@code destroy --all --volumes} and without the stack's networks and
 * volumes.
 */
@Tag("e2e")
class StackE2E {
    static final Path EXAMPLES = Cli.projectDir().resolve("examples");
    static final URI PROXY = URI.create("http://127.0.0.1:8480/");
    static final List<String> NATIVE = List.of("stack-db", "stack-cache", "stack-app", "stack-proxy");
    static final List<String> COMPOSE = List.of("db", "cache", "app", "proxy");
    static final List<String> NETWORKS = List.of("stack-front", "stack-back", "stack_front", "stack_back");
    static final List<String> VOLUMES = List.of("stack-dbdata", "stack_dbdata");

    static String root;
    static String bus;
    static String docker;
    static DbusServiceManager manager;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path defs;

    @BeforeAll
    static void environment() throws Exception {
        root = TestEnv.require("UNITGEN_TEST_ROOT");
        bus = TestEnv.require("UNITGEN_TEST_BUS_ADDRESS");
        docker = TestEnv.dockerV1();
        manager = DbusServiceManager.connect(bus);
        long t0 = System.nanoTime();
        TestEnv.Exec build = TestEnv.run(Map.of("DOCKER", "/usr/bin/docker -H " + docker), Duration.ofMinutes(20),
                List.of(EXAMPLES.resolve("stack/build.sh").toString(), TestEnv.image()));
        System.out.printf("StackE2E: examples/stack/build.sh took %d s%n%s%n", Duration.ofNanos(System.nanoTime() - t0).toSeconds(),
                build.out().lines().filter(l -> l.startsWith("[stack]")).reduce("", (a, b) -> a + b + "\n"));
        assertThat(build.code()).as("examples/stack/build.sh\n%s", build.out()).isZero();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (manager != null) {
            clean();
            manager.close();
        }
    }

    @BeforeEach
    void cleanState() throws Exception {
        Cli.Result r = clean();
        assertThat(r.code()).as("%s", r).isZero();
    }

    /** Every unit unitgen manages destroyed (and their volumes), then what an interrupted run may have left. */
    static Cli.Result clean() throws Exception {
        Cli.Result r = Cli.run("destroy", "--all", "--volumes", "--root", root, "--bus-address", bus);
        removeStackObjects();
        return r;
    }

    /** What an interrupted run may have left: the stack's containers, networks and volumes. */
    static void removeStackObjects() throws Exception {
        if (docker == null) {
            return;
        }
        List<String> containers = new ArrayList<>(NATIVE);
        for (String c : COMPOSE) {
            // only the imported stack's: other tests' containers may have these common names
            if (dockerCli("inspect", "-f", "{{index .Config.Labels \"com.docker.compose.project\"}}", c).out().strip().equals("stack")) {
                containers.add(c);
            }
        }
        TestEnv.removeObjects(docker, containers, NETWORKS, VOLUMES);
    }

    static TestEnv.Exec dockerCli(String... args) throws Exception {
        return TestEnv.docker(docker, Duration.ofSeconds(60), args);
    }

    Cli.Result unitgen(String command, String... more) {
        return Cli.run(TestEnv.unitgenArgs(command, root, bus, defs, more).toArray(new String[0]));
    }

    static String containerId(String name) throws Exception {
        TestEnv.Exec e = dockerCli("inspect", "-f", "{{.Id}}", name);
        return e.code() == 0 ? e.out().strip() : "absent";
    }

    /** The unit active/running and its container running, healthy (every container of the stack has a healthcheck). */
    static boolean up(String container) throws Exception {
        return manager.state(container + ".service").isActiveRunning()
                && dockerCli("inspect", "-f", "{{.State.Status}}/{{.State.Health.Status}}", container).out().strip().equals("running/healthy");
    }

    record Answer(int status, String body) {
        int number(String field) {
            Matcher m = Pattern.compile("\"" + field + "\": (\\d+)").matcher(body);
            assertThat(m.find()).as("%s in %s", field, body).isTrue();
            return Integer.parseInt(m.group(1));
        }

        String text(String field) {
            Matcher m = Pattern.compile("\"" + field + "\": \"([^\"]*)\"").matcher(body);
            assertThat(m.find()).as("%s in %s", field, body).isTrue();
            return m.group(1);
        }
    }

    static Answer get() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(PROXY).timeout(Duration.ofSeconds(15)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (Exception e) {
            return new Answer(-1, e.toString());
        }
    }

    /** A visit through the proxy, asked again until it answers 200 (after a kill or a boot) or the deadline passes. */
    static Answer visit(Duration within) throws Exception {
        Answer[] last = {null};
        boolean ok = VerificationE2E.eventually(within, () -> (last[0] = get()).status() == 200);
        assertThat(ok).as("GET %s answers 200 within %s; last answer: %s", PROXY, within, last[0]).isTrue();
        return last[0];
    }

    /** What the database and the cache hold, asked there directly: the visits table's rows and the hits key. */
    static void holds(String db, String cache, int visits, int hits) throws Exception {
        TestEnv.Exec rows = dockerCli("exec", db, "psql", "-X", "-tA", "-d", "stack", "-c", "SELECT count(*) FROM visits");
        assertThat(rows.out().strip()).as("rows in %s's visits table: %s", db, rows).isEqualTo(String.valueOf(visits));
        TestEnv.Exec key = dockerCli("exec", cache, "redis-cli", "GET", "hits");
        assertThat(key.out().strip()).as("hits in %s: %s", cache, key).isEqualTo(String.valueOf(hits));
    }

    /** A unit's timestamps (monotonic, microseconds) as the manager reports them. */
    static long timestamp(String unit, String property) throws Exception {
        TestEnv.Exec e = TestEnv.run(Map.of(), Duration.ofSeconds(30), List.of(Cli.projectDir().resolve("testenv/exec.sh").toString(),
                "systemctl", "show", "-P", property, unit));
        assertThat(e.code()).as("systemctl show %s %s: %s", property, unit, e.out()).isZero();
        return Long.parseLong(e.out().strip());
    }

    /** b's container was started only after a had become active, i.e. healthy. */
    static void startedAfterHealthy(String a, String b) throws Exception {
        long ready = timestamp(a + ".service", "ActiveEnterTimestampMonotonic");
        long started = timestamp(b + ".service", "ExecMainStartTimestampMonotonic");
        assertThat(ready).as("%s active (healthy)", a).isPositive();
        assertThat(started).as("%s's docker run started (%d) after %s was active and healthy (%d)", b, started, a, ready)
                .isGreaterThanOrEqualTo(ready);
    }

    static Map<String, String> ids(List<String> containers) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String c : containers) {
            out.put(c, containerId(c));
        }
        return out;
    }

    @Test
    void theNativeStackServesThroughTheProxyRecoversFromAKilledDatabaseComesBackAfterABootAndAChangeRestartsOnlyTheApplication()
            throws Exception {
        Files.copy(EXAMPLES.resolve("stack.yaml"), defs.resolve("stack.yaml"));
        Cli.Result apply = unitgen("apply");
        assertThat(apply.code()).as("%s", apply).isZero();
        for (String c : NATIVE) {
            assertThat(up(c)).as("%s is up and healthy after apply\n%s", c, apply).isTrue();
        }
        startedAfterHealthy("stack-db", "stack-app");
        startedAfterHealthy("stack-cache", "stack-app");
        startedAfterHealthy("stack-app", "stack-proxy");

        // through nginx into the application, which writes to PostgreSQL and Redis
        Answer first = visit(Duration.ofSeconds(30));
        assertThat(first.text("greeting")).isEqualTo("hello");
        assertThat(first.number("visits")).isEqualTo(1);
        assertThat(first.number("hits")).isEqualTo(1);
        assertThat(visit(Duration.ofSeconds(10)).number("visits")).isEqualTo(2);
        holds("stack-db", "stack-cache", 2, 2);
        // the password stays out of the units
        assertThat(Files.readString(Path.of(root, "etc/systemd/system/stack-db.service"))).doesNotContain("change-me-stack-db-secret");

        // kill -9 of the database: systemd restarts it (unitgen is not running), the data is on the volume
        String dbBefore = containerId("stack-db");
        assertThat(dockerCli("kill", "--signal", "KILL", "stack-db").code()).isZero();
        assertThat(VerificationE2E.eventually(Duration.ofSeconds(120), () -> !containerId("stack-db").equals(dbBefore) && up("stack-db")))
                .as("stack-db is restarted by systemd and healthy again\n%s", VerificationE2E.journal("stack-db.service")).isTrue();
        Answer afterKill = visit(Duration.ofSeconds(120));
        assertThat(afterKill.number("visits")).as("the visits recorded before the kill are still there").isEqualTo(3);
        holds("stack-db", "stack-cache", 3, 3);

        // a boot of the manager: every unit comes back on its own, in dependency order, health-gated
        Map<String, String> beforeBoot = ids(NATIVE);
        VerificationE2E.testenv("manager");
        manager.close();
        manager = TestEnv.connectAgain(bus);
        for (String c : NATIVE) {
            assertThat(VerificationE2E.eventually(Duration.ofSeconds(180), () -> up(c))).as("%s is back after the boot", c).isTrue();
            assertThat(containerId(c)).as("%s runs a new container", c).isNotEqualTo(beforeBoot.get(c));
        }
        startedAfterHealthy("stack-back-network", "stack-db");
        startedAfterHealthy("stack-dbdata-volume", "stack-db");
        startedAfterHealthy("stack-db", "stack-app");
        startedAfterHealthy("stack-cache", "stack-app");
        startedAfterHealthy("stack-app", "stack-proxy");
        Answer afterBoot = visit(Duration.ofSeconds(60));
        assertThat(afterBoot.number("visits")).as("the database's volume survived the boot").isEqualTo(4);

        // a change of the application's settings restarts the application only
        Map<String, String> before = ids(NATIVE);
        Files.writeString(defs.resolve("stack.yaml"), Files.readString(defs.resolve("stack.yaml"))
                .replace("GREETING: hello", "GREETING: bonjour"));
        Cli.Result plan = unitgen("plan");
        assertThat(plan.out()).as("%s", plan).contains("~ stack-app.service").contains("Plan: 0 to create, 1 to change, 0 to remove.");
        Cli.Result change = unitgen("apply");
        assertThat(change.code()).as("%s", change).isZero();
        Map<String, String> after = ids(NATIVE);
        assertThat(after.get("stack-app")).as("stack-app was restarted").isNotEqualTo(before.get("stack-app"));
        for (String c : List.of("stack-proxy", "stack-db", "stack-cache")) {
            assertThat(after.get(c)).as("%s keeps its container", c).isEqualTo(before.get(c));
        }
        Answer changed = visit(Duration.ofSeconds(60));
        assertThat(changed.text("greeting")).isEqualTo("bonjour");
        assertThat(changed.number("visits")).isEqualTo(5);
    }

    @Test
    void theComposeFormImportedServesThroughTheProxyAndAChangedVariableRestartsOnlyTheApplication() throws Exception {
        Cli.Result imported = Cli.run("import", "compose", "--out", defs.resolve("stack.yaml").toString(),
                EXAMPLES.resolve("stack/compose.yaml").toString());
        assertThat(imported.code()).as("%s", imported).isZero();
        String yaml = Files.readString(defs.resolve("stack.yaml"));
        assertThat(yaml).contains("init: false", "com.docker.compose.project: stack", "stack_dbdata", "stack_front");
        Cli.Result apply = unitgen("apply");
        assertThat(apply.code()).as("%s", apply).isZero();
        for (String c : COMPOSE) {
            assertThat(up(c)).as("%s is up and healthy after apply\n%s", c, apply).isTrue();
        }
        assertThat(dockerCli("volume", "inspect", "stack_dbdata").code()).as("compose's name for the volume").isZero();
        Answer first = visit(Duration.ofSeconds(30));
        assertThat(first.number("visits")).isEqualTo(1);
        assertThat(first.number("hits")).isEqualTo(1);
        holds("db", "cache", 1, 1);

        // GREETING from an env file, as compose would take it: imported again, only app changes
        Map<String, String> before = ids(COMPOSE);
        Path env = defs.resolve("greeting.env");
        List<String> lines = new ArrayList<>(Files.readAllLines(EXAMPLES.resolve("stack/.env")));
        lines.add("GREETING=salut");
        Files.write(env, lines);
        Path again = Files.createDirectories(defs.resolve("reimport")); // a subdirectory: apply reads only defs' own files
        Cli.Result reimport = Cli.run("import", "compose", "--env-file", env.toString(), "--out", again.resolve("stack.yaml").toString(),
                EXAMPLES.resolve("stack/compose.yaml").toString());
        assertThat(reimport.code()).as("%s", reimport).isZero();
        Files.copy(again.resolve("stack.yaml"), defs.resolve("stack.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(env);
        Cli.Result change = unitgen("apply");
        assertThat(change.code()).as("%s", change).isZero();
        assertThat(change.out()).contains("~ app.service").doesNotContain("~ db.service", "~ proxy.service", "~ cache.service");
        Map<String, String> after = ids(COMPOSE);
        assertThat(after.get("app")).isNotEqualTo(before.get("app"));
        for (String c : List.of("proxy", "db", "cache")) {
            assertThat(after.get(c)).as("%s keeps its container", c).isEqualTo(before.get(c));
        }
        Answer changed = visit(Duration.ofSeconds(60));
        assertThat(changed.text("greeting")).isEqualTo("salut");
        assertThat(changed.number("visits")).isEqualTo(2);
    }
}
