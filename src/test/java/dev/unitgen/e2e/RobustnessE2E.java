package dev.unitgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import dev.unitgen.HostileDefinitionsTest;
import dev.unitgen.host.systemd.DbusServiceManager;
import dev.unitgen.host.systemd.Systemd1Manager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults, crashes, concurrency, rollback and secrets against the real systemd manager and
 * dockerd of the end-to-end environment (testenv/up.sh). Each test starts from a clean state.
 */
@Tag("e2e")
class RobustnessE2E {
    static String root;
    static String bus;
    static String docker;
    static String image;
    static DbusServiceManager manager;
    static final Path JAR = Cli.projectDir().resolve("target/unitgen.jar");

    @TempDir
    Path defs;

    @BeforeAll
    static void environment() {
        root = TestEnv.require("UNITGEN_TEST_ROOT");
        bus = TestEnv.require("UNITGEN_TEST_BUS_ADDRESS");
        docker = TestEnv.dockerV1();
        image = TestEnv.image();
        assertThat(JAR).as("mvn package ran before the e2e tier").exists();
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
    void cleanState() {
        Cli.Result r = Cli.run("destroy", "--all", "--root", root, "--bus-address", bus);
        assertThat(r.code()).as("%s", r).isZero();
    }

    List<String> args(String command, String... more) {
        return TestEnv.unitgenArgs(command, root, bus, defs, more);
    }

    Cli.Result unitgen(String command, String... more) {
        return Cli.run(args(command, more).toArray(new String[0]));
    }

    /** unitgen in a process of its own (java -jar target/unitgen.jar). */
    Process spawn(Map<String, String> env, List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        if (log != null) {
            pb.redirectOutput(log.toFile());
        }
        return pb.start();
    }

    void define(String yaml) throws IOException {
        Files.writeString(defs.resolve("robust.yaml"), yaml.replace("IMAGE", image));
    }

    String container(String name, String format) throws Exception {
        TestEnv.Exec e = TestEnv.docker(docker, Duration.ofSeconds(30), "inspect", "-f", format, name);
        return e.code() == 0 ? e.out().strip() : "absent";
    }

    Path unitFile(String unit) {
        return Path.of(root, "etc/systemd/system", unit);
    }

    static final String V1 = """
            containers:
              ug-c1:
                image: IMAGE
                command: [sh, -c, "echo version-one; exec sleep infinity"]
                environment: {A: "1"}
              ug-c2:
                image: IMAGE
                command: [sh, -c, "echo stable; exec sleep infinity"]
              ug-c3:
                image: IMAGE
                command: [sh, -c, "echo to-be-removed; exec sleep infinity"]
            """;
    static final String V2 = """
            containers:
              ug-c1:
                image: IMAGE
                command: [sh, -c, "echo version-two; exec sleep infinity"]
                environment: {A: "2"}
              ug-c2:
                image: IMAGE
                command: [sh, -c, "echo stable; exec sleep infinity"]
              ug-c4:
                image: IMAGE
                command: [sh, -c, "echo brand-new; exec sleep infinity"]
            """;

    /** kill -9 at each point of an apply; the next apply converges and touches nothing foreign. */
    @ParameterizedTest
    @ValueSource(strings = {"planned", "pending-written", "stopped-removed", "removed:ug-c3.service", "wrote-files",
            "before-reload", "reloaded", "jobs-done"})
    void anApplyKilledAtAnyPointIsFinishedByTheNext(String point) throws Exception {
        String foreign = "[Service]\nExecStart=/bin/true\n";
        Files.writeString(unitFile("ug-foreign-robust.service"), foreign);
        try {
            define(V1);
            Cli.Result first = unitgen("apply");
            assertThat(first.code()).as("%s", first).isZero();
            String c2 = container("ug-c2", "{{.Id}}");

            define(V2);
            Path log = defs.resolve("killed.log");
            Process p = spawn(Map.of("UNITGEN_TEST_PAUSE_AT", point), args("apply"), log);
            long deadline = System.currentTimeMillis() + 120_000;
            while (!Files.readString(log).contains("unitgen-checkpoint " + point) && p.isAlive()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(50); // polling the child's log for the checkpoint line
            }
            assertThat(Files.readString(log)).as("the apply reached %s", point).contains("unitgen-checkpoint " + point);
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            try (Stream<Path> s = Files.list(Path.of(root, "etc/systemd/system"))) {
                assertThat(s.map(x -> x.getFileName().toString())).noneMatch(n -> n.startsWith("ug-") && n.contains("unitgen-tmp"));
            }

            Cli.Result next = unitgen("apply");
            assertThat(next.code()).as("after a kill at %s: %s", point, next).isZero();
            assertThat(container("ug-c1", "{{.State.Running}} {{json .Config.Cmd}}")).contains("true").contains("version-two");
            assertThat(container("ug-c4", "{{.State.Running}}")).isEqualTo("true");
            assertThat(container("ug-c3", "{{.Id}}")).isEqualTo("absent");
            assertThat(unitFile("ug-c3.service")).doesNotExist();
            assertThat(container("ug-c2", "{{.Id}}")).as("the unchanged unit was never restarted").isEqualTo(c2);
            assertThat(Files.readString(Path.of(root, "etc/unitgen/env/ug-c1.env"))).contains("A=2");
            for (String u : List.of("ug-c1.service", "ug-c2.service", "ug-c4.service")) {
                assertThat(manager.state(u).isActiveRunning()).as(u).isTrue();
            }
            assertThat(unitgen("plan", "--detailed-exitcode").code()).as("converged").isZero();
            assertThat(Files.readString(unitFile("ug-foreign-robust.service"))).isEqualTo(foreign);
        } finally {
            Files.deleteIfExists(unitFile("ug-foreign-robust.service"));
        }
    }

    @Test
    void tenAppliesAtOnceSerializeOnTheLockAndEndInTheDeclaredState() throws Exception {
        define(V1);
        List<Process> procs = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Path log = defs.resolve("apply-" + i + ".log");
            logs.add(log);
            procs.add(spawn(Map.of(), args("apply"), log));
        }
        for (Process p : procs) {
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        }
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            outs.add(Files.readString(logs.get(i)));
            assertThat(procs.get(i).exitValue()).as(outs.get(i)).isZero();
        }
        assertThat(outs.stream().filter(o -> o.contains("Plan: 4 to create, 0 to change, 0 to remove.")).count())
                .as("exactly one apply made the changes").isEqualTo(1);
        assertThat(outs.stream().filter(o -> o.startsWith("No changes.") || o.contains("\nNo changes.")).count()).isEqualTo(9);
        assertThat(outs.stream().anyMatch(o -> o.contains("Waiting for another unitgen run to finish"))).isTrue();
        for (String u : List.of("ug-c1.service", "ug-c2.service", "ug-c3.service")) {
            assertThat(manager.state(u).isActiveRunning()).as(u).isTrue();
        }
    }

    @Test
    void rollbackOnFailureRestoresAndRestartsThePreviousVersion() throws Exception {
        define(V1);
        assertThat(unitgen("apply").code()).isZero();
        String goodUnit = Files.readString(unitFile("ug-c1.service"));
        define(V1.replace("echo version-one; exec sleep infinity", "echo broken-version >&2; exit 7"));
        Cli.Result r = unitgen("apply", "--rollback-on-failure");
        assertThat(r.code()).as("%s", r).isEqualTo(4);
        assertThat(r.out()).contains("FAILED  ug-c1.service", "broken-version", "restored the previous ug-c1.service",
                "ok      ug-c1.service (previous version)", "rolled back: ug-c1.service");
        assertThat(Files.readString(unitFile("ug-c1.service"))).isEqualTo(goodUnit);
        assertThat(container("ug-c1", "{{.State.Running}} {{json .Config.Cmd}}")).contains("true").contains("version-one");
        assertThat(manager.state("ug-c1.service").isActiveRunning()).isTrue();
    }

    @Test
    void secretsAppearInNoUnitPropertyOrProcessList() throws Exception {
        String secret = "s3cr3t-" + Long.toHexString(new Random().nextLong());
        define("containers:\n  ug-secret:\n    image: IMAGE\n    command: [sleep, infinity]\n    environment:\n      TOKEN: " + secret + "\n");
        assertThat(unitgen("apply").code()).isZero();
        try (Stream<Path> s = Files.list(Path.of(root, "etc/systemd/system"))) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(secret);
            }
        }
        Path env = Path.of(root, "etc/unitgen/env/ug-secret.env");
        assertThat(Files.getPosixFilePermissions(env)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(env)).contains("TOKEN=" + secret);
        try (DBusConnection c = DBusConnectionBuilder.forAddress(bus).withShared(false).build()) {
            Systemd1Manager m = c.getRemoteObject(Systemd1Manager.BUS_NAME, Systemd1Manager.OBJECT_PATH, Systemd1Manager.class);
            DBusPath path = m.LoadUnit("ug-secret.service");
            Properties p = c.getRemoteObject(Systemd1Manager.BUS_NAME, path.getPath(), Properties.class);
            for (String iface : List.of("org.freedesktop.systemd1.Unit", "org.freedesktop.systemd1.Service")) {
                Map<String, Variant<?>> all = p.GetAll(iface);
                assertThat(all).isNotEmpty();
                assertThat(deepString(all)).as(iface).doesNotContain(secret).contains("ug-secret");
            }
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path pid : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(pid.resolve("cmdline")), StandardCharsets.UTF_8);
                    assertThat(cmdline).as("command line of pid %s", pid.getFileName()).doesNotContain(secret);
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
    }

    static String deepString(Object o) {
        if (o instanceof Variant<?> v) {
            return deepString(v.getValue());
        }
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder();
            m.forEach((k, v) -> sb.append(k).append('=').append(deepString(v)).append('\n'));
            return sb.toString();
        }
        if (o instanceof Iterable<?> it) {
            StringBuilder sb = new StringBuilder();
            it.forEach(x -> sb.append(deepString(x)).append(' '));
            return sb.toString();
        }
        if (o instanceof Object[] arr) {
            StringBuilder sb = new StringBuilder();
            for (Object x : arr) {
                sb.append(deepString(x)).append(' ');
            }
            return sb.toString();
        }
        if (o instanceof byte[] b) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        return String.valueOf(o);
    }

    /** 200 random valid definitions per run: systemd's own parse of ExecStart equals the intended argv. */
    @Test
    void systemdParsesHostileCommandLinesExactlyAsIntended() throws Exception {
        Random r = new Random(System.nanoTime());
        long seed = r.nextLong();
        r = new Random(seed);
        Path src = defs.resolve("hostile");
        Files.createDirectories(src);
        int written = 0;
        for (int i = 0; written < 200 && i < 5000; i++) {
            List<String> command = new ArrayList<>();
            for (int k = r.nextInt(4); k >= 0; k--) {
                command.add(HostileDefinitionsTest.random(r, 12));
            }
            StringBuilder y = new StringBuilder("containers:\n  ug-h" + i + ":\n    image: busybox:1.36\n    command:\n");
            command.forEach(c -> y.append("      - ").append(HostileDefinitionsTest.yaml(c)).append('\n'));
            y.append("    labels:\n      l: ").append(HostileDefinitionsTest.yaml(HostileDefinitionsTest.random(r, 12))).append('\n');
            Path f = src.resolve("h" + i + ".yaml");
            Files.writeString(f, y.toString());
            if (Cli.run("validate", "--host-cgroup", "v1", f.toString()).code() == 0) {
                written++;
            } else {
                Files.delete(f);
            }
        }
        assertThat(written).as("seed %s", seed).isEqualTo(200);
        Cli.Result json = Cli.run("render", "--output", "json", "--host-cgroup", "v1", src.toString());
        assertThat(json.code()).isZero();
        Path out = defs.resolve("out");
        assertThat(Cli.run("render", "--host-cgroup", "v1", "--out", out.toString(), src.toString()).code()).isZero();
        List<Path> units;
        try (Stream<Path> s = Files.list(out)) {
            units = s.filter(p -> p.toString().endsWith(".service")).toList();
        }
        for (Path u : units) {
            Files.copy(u, unitFile(u.getFileName().toString()));
        }
        try {
            manager.reload();
            List<List<String>> intended = ApplyE2E.argvs(json.out());
            assertThat(intended).hasSize(200);
            for (List<String> argv : intended) {
                String unit = argv.get(argv.indexOf("--name") + 1) + ".service";
                List<String> parsed = manager.execArgv(unit, "ExecStart").get(0);
                assertThat(parsed).as("seed %s, %s", seed, unit).isEqualTo(argv.stream().map(w -> w.replace("$", "$$")).toList());
            }
        } finally {
            for (Path u : units) {
                Files.deleteIfExists(unitFile(u.getFileName().toString()));
            }
            manager.reload();
        }
    }

    @Test
    void aMissingImageWithPullPolicyNeverStopsApplyBeforeAnythingIsWritten() throws Exception {
        define("containers:\n  ug-nopull:\n    image: unitgen-test/not-here:1\n    pull_policy: never\n    environment: {A: b}\n");
        Cli.Result r = unitgen("apply");
        assertThat(r.code()).as("%s", r).isEqualTo(1);
        assertThat(r.err()).startsWith("Error: image unitgen-test/not-here:1 of ug-nopull.service is not on the engine and its pull_policy is never")
                .doesNotContain("\tat ");
        assertThat(unitFile("ug-nopull.service")).doesNotExist();
        assertThat(Path.of(root, "etc/unitgen/env/ug-nopull.env")).doesNotExist();
        assertThat(Path.of(root, "var/lib/unitgen/pending")).doesNotExist();
    }

    @Test
    void aReadOnlyUnitDirectoryAFullDiskAndNoPermissionLeaveNothingHalfWritten() throws Exception {
        define(V1);
        // read-only: a read-only tmpfs over the unit directory of a scratch root
        Path ro = defs.resolve("ro-root");
        Files.createDirectories(ro.resolve("etc/systemd/system"));
        mount("tmpfs", "ro,size=1m", ro.resolve("etc/systemd/system"));
        try {
            Cli.Result r = Cli.run("apply", "--offline", "--root", ro.toString(), "--host-cgroup", "v1", defs.toString());
            assertThat(r.code()).as("%s", r).isEqualTo(1);
            assertThat(r.err()).startsWith("Error: cannot write to ").contains("Read-only file system").doesNotContain("\tat ");
            assertThat(Path.of(ro.toString(), "etc/unitgen/env/ug-c1.env")).as("nothing written before the failure").doesNotExist();
        } finally {
            umount(ro.resolve("etc/systemd/system"));
        }
        // full: a tiny tmpfs root, filled up after a first apply
        Path full = defs.resolve("full-root");
        Files.createDirectories(full);
        mount("tmpfs", "size=256k", full);
        try {
            assertThat(Cli.run("apply", "--offline", "--root", full.toString(), "--host-cgroup", "v1", defs.toString()).code()).isZero();
            String before = Files.readString(full.resolve("etc/systemd/system/ug-c1.service"));
            TestEnv.run(Map.of(), Duration.ofSeconds(30), List.of("sh", "-c", "dd if=/dev/zero of=" + full + "/filler bs=1k 2>/dev/null; true"));
            define(V2);
            Cli.Result r = Cli.run("apply", "--offline", "--root", full.toString(), "--host-cgroup", "v1", defs.toString());
            assertThat(r.code()).as("%s", r).isEqualTo(1);
            assertThat(r.err()).contains("No space left on device").doesNotContain("\tat ");
            assertThat(Files.readString(full.resolve("etc/systemd/system/ug-c1.service"))).isEqualTo(before);
            try (Stream<Path> s = Files.walk(full)) {
                assertThat(s.map(Path::toString)).noneMatch(n -> n.contains(".unitgen-tmp-"));
            }
        } finally {
            umount(full);
        }
        // no permission: unitgen as nobody on a root-owned root
        Path owned = defs.resolve("owned-root");
        Files.createDirectories(owned.resolve("etc/systemd/system"));
        Files.setPosixFilePermissions(defs, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(defs.resolve("robust.yaml"), PosixFilePermissions.fromString("rw-r--r--"));
        TestEnv.Exec nobody = TestEnv.run(Map.of(), Duration.ofMinutes(2), List.of("runuser", "-u", "nobody", "--",
                "java", "-jar", JAR.toString(), "apply", "--offline", "--root", owned.toString(), "--host-cgroup", "v1", defs.toString()));
        assertThat(nobody.code()).as(nobody.out()).isEqualTo(1);
        assertThat(nobody.out()).contains("Error: ").contains("ermission denied").doesNotContain("\tat ");
        try (Stream<Path> s = Files.walk(owned)) {
            assertThat(s.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    static void mount(String type, String options, Path where) throws Exception {
        TestEnv.Exec e = TestEnv.run(Map.of(), Duration.ofSeconds(30), List.of("mount", "-t", type, "-o", options, type, where.toString()));
        assertThat(e.code()).as(e.out()).isZero();
    }

    static void umount(Path where) throws Exception {
        TestEnv.run(Map.of(), Duration.ofSeconds(30), List.of("umount", "-l", where.toString()));
    }

    static String readLine(Process p) throws IOException {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }
}
