package dev.unitgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import dev.unitgen.host.systemd.DbusServiceManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls from the real registry of testenv (registry-up.sh: Debian's docker-registry on
 * loopback, reached by engine #1): pull_policy missing, always and never, a registry that does
 * not answer and an image it does not have; then image updates behind one tag: v1 pushed and
 * applied, v2 pushed under the same tag (plan --pull shows it, apply --pull restarts only that
 * container), a broken v3 (its healthcheck fails) rolled back to v2 by apply --pull
 * --rollback-on-failure with exit 4, v3's log shown and the dependent left active.
 * The images are built FROM the test image with one small layer each.
 */
@Tag("e2e")
class RegistryE2E {
    static final String WEB = "ug-reg-web";
    static final String APP = "ug-reg-app";
    static String root;
    static String bus;
    static String docker;
    static String registry;
    static DbusServiceManager manager;

    @TempDir
    static Path defs;
    @TempDir
    static Path context;

    @BeforeAll
    static void environment() throws Exception {
        root = TestEnv.require("UNITGEN_TEST_ROOT");
        bus = TestEnv.require("UNITGEN_TEST_BUS_ADDRESS");
        docker = TestEnv.dockerV1();
        registry = TestEnv.require("UNITGEN_TEST_REGISTRY");
        manager = DbusServiceManager.connect(bus);
        cleanUp();
        for (String v : List.of("v1", "v2", "v3")) {
            build(v);
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        cleanUp();
        for (String v : List.of("v1", "v2", "v3")) {
            TestEnv.docker(docker, Duration.ofSeconds(60), "rmi", "-f", "ug-reg-src:" + v);
        }
        if (manager != null) {
            manager.close();
        }
    }

    /** Our units (unitgen destroy) and every local reference to our registry's images. */
    static void cleanUp() throws Exception {
        for (String c : List.of(APP, WEB)) {
            if (Cli.run("status", "--root", root, "--bus-address", bus, c).code() == 0) {
                Cli.Result d = Cli.run("destroy", "--root", root, "--bus-address", bus, c);
                assertThat(d.code()).as("%s", d).isZero();
            }
        }
        for (String ref : List.of(ref("web:stable"), ref("app:1"), "unitgen-previous:" + WEB, "127.0.0.1:5999/ug-reg/web:stable")) {
            TestEnv.docker(docker, Duration.ofSeconds(60), "rmi", ref);
        }
    }

    static String ref(String nameTag) {
        return registry + "/ug-reg/" + nameTag;
    }

    /** ug-reg-src:VERSION: a file /version, a command that says which version starts; v3's healthcheck fails. */
    static void build(String version) throws Exception {
        Files.writeString(context.resolve("version"), version + "\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM " + TestEnv.image() + "\n"
                + "COPY version /version\n"
                + "CMD [\"sh\", \"-c\", \"echo ug-reg $(cat /version) starting; exec sleep infinity\"]\n"
                + (version.equals("v3") ? "HEALTHCHECK --interval=1s --timeout=1s --retries=1 CMD [\"false\"]\n" : ""));
        TestEnv.Exec b = TestEnv.docker(docker, Duration.ofMinutes(3), "build", "-q", "-t", "ug-reg-src:" + version, context.toString());
        assertThat(b.code()).as("%s", b.out()).isZero();
    }

    static String id(String ref) throws Exception {
        TestEnv.Exec e = TestEnv.docker(docker, Duration.ofSeconds(30), "image", "inspect", "-f", "{{.Id}}", ref);
        assertThat(e.code()).as("%s: %s", ref, e.out()).isZero();
        return e.out().strip();
    }

    static String containerField(String container, String format) throws Exception {
        return TestEnv.docker(docker, Duration.ofSeconds(30), "inspect", "-f", format, container).out().strip();
    }

    /** Pushes ug-reg-src:VERSION as REF, then points the local REF back at {@code local}: only a pull brings it. */
    static void push(String version, String nameTag, String local) throws Exception {
        assertThat(TestEnv.docker(docker, Duration.ofSeconds(30), "tag", "ug-reg-src:" + version, ref(nameTag)).code()).isZero();
        TestEnv.Exec p = TestEnv.docker(docker, Duration.ofMinutes(5), "push", ref(nameTag));
        assertThat(p.code()).as("%s", p.out()).isZero();
        if (local != null) {
            assertThat(TestEnv.docker(docker, Duration.ofSeconds(30), "tag", local, ref(nameTag)).code()).isZero();
        } else {
            assertThat(TestEnv.docker(docker, Duration.ofSeconds(30), "rmi", ref(nameTag)).code()).isZero();
        }
    }

    Cli.Result unitgen(String command, String... more) {
        return Cli.run(TestEnv.unitgenArgs(command, root, bus, defs, more).toArray(new String[0]));
    }

    void define(String webImage, String webPolicy) throws Exception {
        Files.writeString(defs.resolve("reg.yaml"), "containers:\n"
                + "  " + WEB + ":\n    image: " + webImage + "\n" + (webPolicy == null ? "" : "    pull_policy: " + webPolicy + "\n")
                + "  " + APP + ":\n    image: " + ref("app:1") + "\n    depends_on: [" + WEB + "]\n");
    }

    /** The lines of stderr that say Error: (the definitions' warnings come before). */
    static List<String> errorLines(Cli.Result r) {
        return r.err().lines().filter(l -> l.startsWith("Error: ")).toList();
    }

    /** A failed pull: exit 1, the reason on the first line of stderr, no unit written, nothing started. */
    void failsBeforeWriting(Cli.Result r, String image, String reason) {
        assertThat(r.code()).as("%s", r).isEqualTo(1);
        assertThat(errorLines(r)).singleElement().asString().startsWith("Error: cannot pull " + image + ": ").contains(reason);
        assertThat(Path.of(root, "etc/systemd/system", WEB + ".service")).doesNotExist();
        assertThat(Path.of(root, "etc/systemd/system", APP + ".service")).doesNotExist();
    }

    @Test
    void pullPoliciesAgainstARealRegistry() throws Exception {
        cleanUp();
        push("v1", "web:stable", null);
        push("v1", "app:1", null);
        assertThat(TestEnv.docker(docker, Duration.ofSeconds(30), "image", "inspect", ref("web:stable")).code()).isNotZero();

        // never, and the image is not on the engine: an error before anything is written
        define(ref("web:stable"), "never");
        Cli.Result never = unitgen("apply");
        assertThat(never.code()).as("%s", never).isEqualTo(1);
        assertThat(errorLines(never)).containsExactly("Error: image " + ref("web:stable") + " of " + WEB + ".service is not on "
                + "the engine and its pull_policy is never");
        assertThat(Path.of(root, "etc/systemd/system", WEB + ".service")).doesNotExist();

        // a registry that does not answer, an image it does not have: apply and plan --pull
        define("127.0.0.1:5999/ug-reg/web:stable", null);
        failsBeforeWriting(unitgen("apply"), "127.0.0.1:5999/ug-reg/web:stable", "connection refused");
        define(ref("nope:1"), null);
        failsBeforeWriting(unitgen("apply"), ref("nope:1"), "not found");
        failsBeforeWriting(unitgen("plan", "--pull"), ref("nope:1"), "not found");
        failsBeforeWriting(unitgen("apply", "--pull"), ref("nope:1"), "not found");

        // missing: pulled, through docker-java, with its progress
        define(ref("web:stable"), null);
        Cli.Result missing = unitgen("apply");
        assertThat(missing.code()).as("%s", missing).isZero();
        // (app:1 came with the failed applies above: their pulls ran in unit order, before web's failed)
        assertThat(missing.out()).contains("Pulling " + ref("web:stable") + " ...",
                ref("web:stable") + ": Status: Downloaded newer image for " + ref("web:stable"));
        assertThat(containerField(WEB, "{{.Image}}")).isEqualTo(id("ug-reg-src:v1"));
        String digest1 = TestEnv.docker(docker, Duration.ofSeconds(30), "image", "inspect", "-f",
                "{{range .RepoDigests}}{{println .}}{{end}}", ref("web:stable")).out().lines()
                .filter(l -> l.startsWith(registry + "/ug-reg/web@sha256:")).findFirst().orElseThrow().split("@")[1];

        // always: v2 pushed under the same tag; the unit's docker run pulls it at each start
        push("v2", "web:stable", "ug-reg-src:v1");
        define(ref("web:stable"), "always");
        Cli.Result always = unitgen("apply");
        assertThat(always.code()).as("%s", always).isZero();
        assertThat(always.out()).contains("Pulling " + ref("web:stable") + " ...", "Restarted " + WEB + ".service: done");
        assertThat(containerField(WEB, "{{.Image}}")).isEqualTo(id("ug-reg-src:v2"));

        // pinned to v1's digest while the tag is v2 upstream: plan --pull names the newer digest, the pin stays
        define(ref("web:stable") + "@" + digest1, null);
        Cli.Result pinned = unitgen("plan", "--pull");
        assertThat(pinned.code()).as("%s", pinned).isZero();
        assertThat(pinned.err()).contains("image " + ref("web:stable") + " of container \"" + WEB + "\" is pinned to " + digest1
                + ", but the tag is sha256:").contains(" upstream now");
        cleanUp();
    }

    @Test
    void anUpdateBehindTheSameTagRestartsOnlyItsContainerAndABrokenOneIsRolledBack() throws Exception {
        cleanUp();
        push("v1", "web:stable", null);
        push("v1", "app:1", null);
        define(ref("web:stable"), null);
        Cli.Result first = unitgen("apply");
        assertThat(first.code()).as("%s", first).isZero();
        String v1 = id("ug-reg-src:v1");
        String v2 = id("ug-reg-src:v2");
        String web1 = containerField(WEB, "{{.Id}}");
        String app1 = containerField(APP, "{{.Id}}");
        assertThat(containerField(WEB, "{{.Image}}")).isEqualTo(v1);

        // v2 behind the same tag: only a pull sees it
        push("v2", "web:stable", "ug-reg-src:v1");
        Cli.Result plain = unitgen("plan");
        assertThat(plain.out()).as("%s", plain).startsWith("No changes.");
        Cli.Result plan = unitgen("plan", "--pull");
        assertThat(plan.code()).as("%s", plan).isZero();
        assertThat(plan.out()).contains("~ " + WEB + ".service (image " + ref("web:stable") + " " + shortId(v1) + " -> "
                + shortId(v2) + ")").doesNotContain(APP);
        // plan --pull pulled: status shows the container on v1 while its tag points to v2
        Cli.Result pending = Cli.run("status", "--root", root, "--bus-address", bus, WEB);
        assertThat(pending.out()).as("%s", pending).contains(shortId(v1) + " (tag: " + shortId(v2) + ")");
        Cli.Result update = unitgen("apply", "--pull");
        assertThat(update.code()).as("%s", update).isZero();
        assertThat(update.out()).contains("Kept " + WEB + "'s previous image " + shortId(v1) + " as unitgen-previous:" + WEB,
                "Restarted " + WEB + ".service: done", "Released unitgen-previous:" + WEB);
        assertThat(containerField(WEB, "{{.Image}}")).isEqualTo(v2);
        assertThat(containerField(WEB, "{{.Id}}")).isNotEqualTo(web1);
        assertThat(containerField(APP, "{{.Id}}")).as("the dependent keeps its container").isEqualTo(app1);
        assertThat(TestEnv.docker(docker, Duration.ofSeconds(30), "image", "inspect", "unitgen-previous:" + WEB).code()).isNotZero();
        String web2 = containerField(WEB, "{{.Id}}");
        Cli.Result current = Cli.run("status", "--root", root, "--bus-address", bus, WEB);
        assertThat(current.out()).as("%s", current).contains(shortId(v2)).doesNotContain("(tag:");

        // nothing new upstream: nothing restarts
        Cli.Result again = unitgen("apply", "--pull");
        assertThat(again.code()).as("%s", again).isZero();
        assertThat(again.out()).contains("No changes.").doesNotContain("Restarted");
        assertThat(containerField(WEB, "{{.Id}}")).isEqualTo(web2);

        // a broken v3 (its healthcheck fails): rolled back to v2, exit 4, its log shown, the dependent active
        push("v3", "web:stable", "ug-reg-src:v2");
        Cli.Result broken = unitgen("apply", "--pull", "--rollback-on-failure");
        assertThat(broken.code()).as("%s", broken).isEqualTo(4);
        assertThat(broken.out()).contains("FAILED  " + WEB + ".service", "unhealthy", "ug-reg v3 starting",
                "pointed " + ref("web:stable") + " back at " + WEB + "'s previous image " + shortId(v2),
                "ok      " + WEB + ".service (previous version)");
        assertThat(containerField(WEB, "{{.Image}}")).isEqualTo(v2);
        assertThat(id(ref("web:stable"))).isEqualTo(v2);
        assertThat(manager.state(WEB + ".service").isActiveRunning()).isTrue();
        assertThat(manager.state(APP + ".service").isActiveRunning()).isTrue();
        assertThat(containerField(APP, "{{.Id}}")).isEqualTo(app1);
        assertThat(TestEnv.docker(docker, Duration.ofSeconds(30), "image", "inspect", "unitgen-previous:" + WEB).code()).isNotZero();
        cleanUp();
    }

    static String shortId(String id) {
        return id.substring(0, "sha256:".length() + 12);
    }
}
