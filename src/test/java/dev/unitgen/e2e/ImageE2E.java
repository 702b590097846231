package dev.unitgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import dev.unitgen.host.UnitState;
import dev.unitgen.host.systemd.DbusServiceManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * unitgen image and apply with a declared image, on the real engine and manager of
 * testenv/up.sh: an image is built FROM the local Debian image (apt over the host's network:
 * no registry is reachable), with busybox installed, a unit file and a script copied in, a
 * run step, and the unit enabled; apply builds it because the engine lacks its tag, runs it
 * through a generated unit with systemd inside, and the inner service is active and serves.
 * A changed image definition builds a new image and restarts the unit; a failing build ends
 * with a clear error. Everything built or started is removed afterwards.
 */
@Tag("e2e")
class ImageE2E {
    static final String CONTAINER = "ug-imgbox";
    static String root;
    static String bus;
    static String docker;
    static DbusServiceManager manager;

    @TempDir
    static Path defs;

    @BeforeAll
    static void environment() throws Exception {
        root = TestEnv.require("UNITGEN_TEST_ROOT");
        bus = TestEnv.require("UNITGEN_TEST_BUS_ADDRESS");
        docker = TestEnv.dockerV1();
        TestEnv.image();
        manager = DbusServiceManager.connect(bus);
        cleanUp(); // a known state, whatever an interrupted run left
    }

    @AfterAll
    static void tearDown() throws Exception {
        cleanUp();
        if (manager != null) {
            manager.close();
        }
    }

    /** Our unit (through unitgen destroy) and every image built from our definitions. */
    static void cleanUp() throws Exception {
        Cli.Result status = Cli.run("status", "--root", root, "--bus-address", bus, CONTAINER);
        if (status.code() == 0) {
            Cli.Result d = Cli.run("destroy", "--root", root, "--bus-address", bus, CONTAINER);
            assertThat(d.code()).as("%s", d).isZero();
        }
        for (String name : List.of("ug-img", "ug-fail")) {
            TestEnv.Exec ids = TestEnv.docker(docker, Duration.ofSeconds(30), "images", "-q", "--filter",
                    "label=dev.unitgen.image=" + name);
            for (String id : ids.out().strip().lines().filter(l -> !l.isBlank()).distinct().toList()) {
                TestEnv.docker(docker, Duration.ofSeconds(60), "rmi", "-f", id);
            }
        }
    }

    static final String DEFS = """
            images:
              ug-img:
                from: IMAGE
                packages: [busybox]
                build_network: host
                files:
                  - {source: ug-hello.service, target: /etc/systemd/system/ug-hello.service}
                  - {source: ug-hello.sh, target: /usr/local/bin/ug-hello, mode: "0755"}
                run:
                  - mkdir -p /srv/www && echo "hello from unitgen" > /srv/www/index.html
                enable: [ug-hello]
              ug-fail:
                from: IMAGE
                packages: [busybox]
                build_network: host
                run:
                  - echo failing on purpose; exit 3
            containers:
              ug-imgbox:
                image: ug-img
            """;

    static final String SERVICE = """
            [Unit]
            Description=busybox httpd serving /srv/www

            [Service]
            ExecStart=/usr/local/bin/ug-hello

            [Install]
            WantedBy=multi-user.target
            """;

    Cli.Result unitgen(String command, String... more) {
        return Cli.run(TestEnv.unitgenArgs(command, root, bus, defs, more).toArray(new String[0]));
    }

    String tag() {
        Cli.Result json = Cli.run("image", "render", "--output", "json", "ug-img", defs.toString());
        Matcher m = Pattern.compile("\"tag\": \"(unitgen/ug-img:[0-9a-f]{12})\"").matcher(json.out());
        assertThat(m.find()).as("%s", json).isTrue();
        return m.group(1);
    }

    String inContainer(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("exec", CONTAINER));
        args.addAll(List.of(command));
        TestEnv.Exec e = TestEnv.docker(docker, Duration.ofSeconds(60), args.toArray(new String[0]));
        return e.code() + " " + e.out().strip();
    }

    /** The inner service, polled briefly: it starts with the inner systemd, which apply has waited for. */
    String innerActive() throws Exception {
        String state = "";
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            state = inContainer("systemctl", "is-active", "ug-hello.service");
            if (state.equals("0 active")) {
                break;
            }
            Thread.sleep(200);
        }
        return state;
    }

    @Test
    void buildsAnImageWithSystemdInsideAndRunsItThroughAUnit() throws Exception {
        Files.writeString(defs.resolve("images.yaml"), DEFS.replace("IMAGE", TestEnv.image()));
        Files.writeString(defs.resolve("ug-hello.service"), SERVICE);
        Files.writeString(defs.resolve("ug-hello.sh"), "#!/bin/sh\nexec /bin/busybox httpd -f -p 8080 -h /srv/www\n");
        String tag = tag();
        assertThat(TestEnv.docker(docker, Duration.ofSeconds(30), "image", "inspect", tag).code())
                .as("the engine does not have %s yet", tag).isNotZero();

        // apply builds the missing image before it writes anything, then runs it with systemd inside
        long t0 = System.nanoTime();
        Cli.Result apply = unitgen("apply");
        long applySeconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertThat(apply.code()).as("%s", apply).isZero();
        assertThat(apply.out()).contains("Building image " + tag + " (image ug-img of ug-imgbox.service) ...",
                "ug-img: Step 1/", "Built " + tag + ".",
                "ok      ug-imgbox.service  active/running, container running, inner systemd running");
        assertThat(apply.out().indexOf("Built " + tag)).isLessThan(apply.out().indexOf("Wrote "));
        UnitState s = manager.state("ug-imgbox.service");
        assertThat(s.isActiveRunning()).as("%s\n%s", s, apply).isTrue();
        TestEnv.Exec image = TestEnv.docker(docker, Duration.ofSeconds(30), "inspect", "-f", "{{.Config.Image}}", CONTAINER);
        assertThat(image.out().strip()).isEqualTo(tag);
        assertThat(innerActive()).as("the inner service; apply took %ss\n%s", applySeconds, apply).isEqualTo("0 active");
        assertThat(inContainer("busybox", "wget", "-qO-", "http://127.0.0.1:8080/")).isEqualTo("0 hello from unitgen");
        assertThat(inContainer("stat", "-c", "%a", "/usr/local/bin/ug-hello")).isEqualTo("0 755");
        assertThat(inContainer("systemctl", "is-enabled", "auditd.service")).endsWith("masked");

        // the image carries what systemd in a container needs
        TestEnv.Exec config = TestEnv.docker(docker, Duration.ofSeconds(30), "image", "inspect", "-f",
                "{{.Config.StopSignal}}|{{json .Config.Cmd}}|{{json .Config.Env}}|{{index .Config.Labels \"dev.unitgen.image\"}}", tag);
        assertThat(config.out().strip()).startsWith("SIGRTMIN+3|[\"/lib/systemd/systemd\"]|").contains("container=docker").endsWith("|ug-img");

        // image build always builds (from the engine's cache here) and streams the output
        Cli.Result build = Cli.run("image", "build", "ug-img", defs.toString());
        assertThat(build.code()).as("%s", build).isZero();
        assertThat(build.out()).contains("Building " + tag + " on " + docker + " (network host) ...", "Using cache",
                "Successfully tagged " + tag, "Built " + tag + " (");

        // nothing changed: nothing is built, written or restarted
        Cli.Result again = unitgen("apply");
        assertThat(again.code()).as("%s", again).isZero();
        assertThat(again.out()).startsWith("No changes.").doesNotContain("Building");

        // a changed image definition is a new image, a changed unit, and a restart
        String before = TestEnv.docker(docker, Duration.ofSeconds(30), "inspect", "-f", "{{.Id}}", CONTAINER).out().strip();
        Files.writeString(defs.resolve("images.yaml"), DEFS.replace("IMAGE", TestEnv.image())
                .replace("      - mkdir -p /srv/www", "      - mkdir -p /srv/www && echo two > /srv/www/two.html\n      - mkdir -p /srv/www"));
        String tag2 = tag();
        assertThat(tag2).isNotEqualTo(tag);
        Cli.Result plan = unitgen("plan");
        assertThat(plan.out()).contains("~ ug-imgbox.service");
        Cli.Result apply2 = unitgen("apply");
        assertThat(apply2.code()).as("%s", apply2).isZero();
        assertThat(apply2.out()).contains("Building image " + tag2, "Restarted ug-imgbox.service: done",
                "ok      ug-imgbox.service  active/running, container running, inner systemd running");
        String after = TestEnv.docker(docker, Duration.ofSeconds(30), "inspect", "-f", "{{.Id}}", CONTAINER).out().strip();
        assertThat(after).isNotEqualTo(before);
        assertThat(innerActive()).isEqualTo("0 active");
        assertThat(inContainer("busybox", "wget", "-qO-", "http://127.0.0.1:8080/two.html")).isEqualTo("0 two");

        // a failing step fails the build with the step's own error, after its output
        Cli.Result failed = Cli.run("image", "build", "ug-fail", defs.toString());
        assertThat(failed.code()).as("%s", failed).isEqualTo(1);
        assertThat(failed.out()).contains("failing on purpose");
        assertThat(failed.err()).containsPattern("Error: cannot build image unitgen/ug-fail:[0-9a-f]{12}: .*returned a non-zero code: 3")
                .contains("unitgen image render");
    }
}
