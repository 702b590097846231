package dev.unitgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
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
 * A read-only bind-mounted config file on the real engine and manager: editing it makes plan
 * name the file and apply restart only that container (the new container sees the new
 * content); an apply with no edit restarts nothing.
 */
@Tag("e2e")
class MountedFilesE2E {
    static final String CONF = "ug-mnt-conf";
    static final String OTHER = "ug-mnt-other";
    static String root;
    static String bus;
    static String docker;

    @TempDir
    static Path defs;

    @BeforeAll
    static void environment() throws Exception {
        root = TestEnv.require("UNITGEN_TEST_ROOT");
        bus = TestEnv.require("UNITGEN_TEST_BUS_ADDRESS");
        docker = TestEnv.dockerV1();
        cleanUp();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (String c : List.of(CONF, OTHER)) {
            if (Cli.run("status", "--root", root, "--bus-address", bus, c).code() == 0) {
                Cli.Result d = Cli.run("destroy", "--root", root, "--bus-address", bus, c);
                assertThat(d.code()).as("%s", d).isZero();
            }
        }
    }

    Cli.Result unitgen(String command, String... more) {
        return Cli.run(TestEnv.unitgenArgs(command, root, bus, defs, more).toArray(new String[0]));
    }

    static String containerId(String name) throws Exception {
        return TestEnv.docker(docker, Duration.ofSeconds(30), "inspect", "-f", "{{.Id}}", name).out().strip();
    }

    @Test
    void anEditedConfigFileRestartsOnlyItsContainer() throws Exception {
        Path conf = defs.resolve("app.conf");
        Files.writeString(conf, "level=1\n");
        Files.writeString(defs.resolve("mnt.yaml"), "containers:\n"
                + "  " + CONF + ":\n    image: " + TestEnv.image() + "\n    command: [sleep, infinity]\n"
                + "    volumes: [\"./app.conf:/etc/app.conf:ro\"]\n"
                + "  " + OTHER + ":\n    image: " + TestEnv.image() + "\n    command: [sleep, infinity]\n");
        Cli.Result first = unitgen("apply");
        assertThat(first.code()).as("%s", first).isZero();
        String confId = containerId(CONF);
        String otherId = containerId(OTHER);

        Files.writeString(conf, "level=2\n");
        Cli.Result plan = unitgen("plan");
        assertThat(plan.out()).as("%s", plan).contains("~ " + CONF + ".service (changed: restart; mounted file " + conf + ")")
                .doesNotContain(OTHER);
        Cli.Result apply = unitgen("apply");
        assertThat(apply.code()).as("%s", apply).isZero();
        assertThat(apply.out()).contains("Restarted " + CONF + ".service: done").doesNotContain("Restarted " + OTHER);
        assertThat(containerId(CONF)).isNotEqualTo(confId);
        assertThat(containerId(OTHER)).isEqualTo(otherId);
        TestEnv.Exec seen = TestEnv.docker(docker, Duration.ofSeconds(30), "exec", CONF, "cat", "/etc/app.conf");
        assertThat(seen.out().strip()).isEqualTo("level=2");

        String confId2 = containerId(CONF);
        Cli.Result again = unitgen("apply");
        assertThat(again.code()).as("%s", again).isZero();
        assertThat(again.out()).startsWith("No changes.");
        assertThat(containerId(CONF)).isEqualTo(confId2);
        assertThat(containerId(OTHER)).isEqualTo(otherId);
    }
}
