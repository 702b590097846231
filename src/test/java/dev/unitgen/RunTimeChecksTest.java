package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What would fail (or silently go wrong) at run time is caught by validate (issue 14). */
class RunTimeChecksTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void variablesAreNeverSubstitutedAndSaySo() throws IOException {
        Path ok = write("ok.yaml", """
                containers:
                  app:
                    image: busybox:1.36
                    command: echo ${GREETING} $HOME $${ESCAPED}
                    environment:
                      A: "${B:-x}"
                      C: plain $value
                """);
        Cli.Result r = Cli.run("validate", ok.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.err()).contains("Warning: unitgen never substitutes variables: ${GREETING} is passed literally "
                        + "(command of container \"app\")")
                .contains("Warning: unitgen never substitutes variables: ${B:-x} is passed literally "
                        + "(environment of container \"app\")")
                .contains("on " + ok + " line 4, column 14:")
                .doesNotContain("${ESCAPED} is").doesNotContain("$value is");
        assertThat(r.out()).as("$${...} and $NAME are not warned about").contains("2 warnings");
        Cli.Result rendered = Cli.run("render", "--host-cgroup", "v2", ok.toString());
        assertThat(rendered.out()).as("passed literally").contains(" '$${GREETING}' ");

        Path image = write("image.yaml", """
                containers:
                  web:
                    image: "nginx:${TAG}"
                """);
        Cli.Result bad = Cli.run("validate", image.toString());
        assertThat(bad.code()).as("%s", bad).isEqualTo(2);
        assertThat(bad.err()).contains("Error: the image reference contains the variable ${TAG} (image of container \"web\")")
                .contains("docker refuses an image reference with ${...}")
                .doesNotContain("invalid image reference").contains("1 error, 0 warnings.");
    }

    @Test
    void aMissingEnvFileIsAnErrorAndAMissingBindSourceAWarningUnlessDockerMayCreateIt() throws IOException {
        Path root = dir.resolve("root");
        Path defs = write("root/etc/unitgen/app.yaml", """
                containers:
                  app:
                    image: busybox:1.36
                    env_file: app.env
                    volumes:
                      - ./data:/data
                      - type: bind
                        source: /srv/missing
                        target: /srv
                      - type: bind
                        source: /srv/created-by-docker
                        target: /cache
                        bind:
                          create_host_path: true
                """);
        Cli.Result r = Cli.run("validate", "--root", root.toString());
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.err())
                .contains("Error: env_file \"/etc/unitgen/app.env\" of container \"app\" does not exist (looked for "
                        + root.resolve("etc/unitgen/app.env") + ")")
                .contains(" line 4, column 15:")
                .contains("docker run fails at every start without it")
                .contains("Warning: the source \"/etc/unitgen/data\" of a bind mount of container \"app\" does not exist")
                .contains(" line 6, column 9:")
                .contains("Warning: the source \"/srv/missing\" of a bind mount")
                .contains("write the long form with bind: {create_host_path: true}")
                .doesNotContain("created-by-docker")
                .contains("1 error, 2 warnings.");

        Files.writeString(root.resolve("etc/unitgen/app.env"), "A=1\n");
        Files.createDirectories(root.resolve("etc/unitgen/data"));
        Files.createDirectories(root.resolve("srv/missing"));
        Cli.Result ok = Cli.run("render", "--root", root.toString(), "--host-cgroup", "v2");
        assertThat(ok.code()).as("%s", ok).isZero();
        assertThat(ok.out()).contains("--env-file /etc/unitgen/app.env").contains("--volume /etc/unitgen/data:/data")
                .contains("--volume /srv/missing:/srv").contains("--volume /srv/created-by-docker:/cache");
        Cli.Result hostRoot = Cli.run("validate", defs.toString());
        assertThat(hostRoot.err()).as("without --root, / is the host")
                .contains("Warning: the source \"/srv/missing\" of a bind mount of container \"app\" does not exist\n")
                .doesNotContain("env_file").doesNotContain("/data\"");

        Files.delete(root.resolve("etc/unitgen/app.env"));
        Files.createDirectories(root.resolve("etc/unitgen/app.env"));
        Cli.Result notAFile = Cli.run("validate", "--root", root.toString());
        assertThat(notAFile.err()).contains("env_file \"/etc/unitgen/app.env\" of container \"app\" is not a regular file");
    }

    @Test
    void memoryLimitsDockerRefusesAreErrorsAndBytesRenderAsBytes() throws IOException {
        Path bad = write("bad.yaml", """
                containers:
                  web:
                    image: nginx:1.27
                    mem_limit: "1024"
                  db:
                    image: postgres:16
                    mem_limit: 512m
                    mem_reservation: 1g
                """);
        Cli.Result r = Cli.run("render", "--host-cgroup", "v2", bad.toString());
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).contains("Error: mem_limit of container \"web\" is 1024 bytes: docker refuses less than 6 MiB")
                .contains("line 4, column 16:")
                .contains("Write the size with its unit, e.g. mem_limit: 512m (a number without a unit is bytes, as in compose).")
                .contains("Error: mem_reservation of container \"db\" (1g) is above its mem_limit (512m)");
        assertThat(r.out()).doesNotContain("--memory 1k");

        Path ok = write("ok.yaml", """
                containers:
                  web:
                    image: nginx:1.27
                    mem_limit: "7340033"
                    mem_reservation: 6m
                """);
        Cli.Result rendered = Cli.run("render", "--host-cgroup", "v2", ok.toString());
        assertThat(rendered.code()).as("%s", rendered).isZero();
        assertThat(rendered.out()).contains(" --memory 7340033 ").contains(" --memory-reservation 6m ");
    }

    @Test
    void definitionsThatDeclareNothingSaySo() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "not a definition\n");
        for (String command : new String[] {"validate", "render"}) {
            Cli.Result r = Cli.run(command, "--host-cgroup", "v2", empty.toString());
            assertThat(r.code()).as("an empty directory is a valid, empty desired state: %s", r).isZero();
            assertThat(r.err()).as(command).contains("Warning: no definition files in \"" + empty + "\": it declares no container")
                    .contains("unitgen reads the *.yaml and *.yml files of a directory");
        }
        assertThat(Cli.run("validate", empty.toString()).out()).contains("0 containers in 0 files, 1 warning");

        Path root = dir.resolve("root");
        write("root/etc/unitgen/a.yaml", "containers: {}\n");
        Cli.Result plan = Cli.offline(root, "plan");
        assertThat(plan.code()).as("%s", plan).isZero();
        assertThat(plan.err()).contains("Warning: containers: is empty: the file declares no container")
                .contains("on " + root.resolve("etc/unitgen/a.yaml") + " line 1, column 1:");
        assertThat(plan.out()).contains("No changes.");
    }

    @Test
    void topLevelExtensionFieldsAreAcceptedAndIgnoredAsComposeDoes() throws IOException {
        Path f = write("x.yaml", """
                x-common: &common
                  restart: always
                  memroy: not checked here
                x-notes: anything, even [unbalanced
                containers:
                  web:
                    <<: *common
                    image: nginx:1.27
                """);
        Cli.Result r = Cli.run("render", "--host-cgroup", "v2", f.toString());
        assertThat(r.code()).as("%s", r).isEqualTo(2);
        assertThat(r.err()).as("the anchor's keys are checked where they are used")
                .contains("Error: unknown key \"memroy\" in container \"web\"").doesNotContain("top-level");

        Files.writeString(f, Files.readString(f).replace("  memroy: not checked here\n", ""));
        Cli.Result ok = Cli.run("render", "--host-cgroup", "v2", f.toString());
        assertThat(ok.code()).as("%s", ok).isZero();
        assertThat(ok.err()).isEmpty();
        assertThat(ok.out()).contains("Restart=always");
        Files.writeString(f, "y-common: 1\n" + Files.readString(f));
        assertThat(Cli.run("validate", f.toString()).err()).contains("Error: unknown top-level key \"y-common\"")
                .contains("(and x-NAME: keys, which are ignored)");
    }
}
