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
}
