package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** unitgen config: the effective definitions, defaults merged, environment values hidden unless asked. */
class ConfigCommandTest {
    @TempDir
    Path dir;

    private static final String DEFS = """
            defaults:
              restart: always
              environment: {SHARED: shared-value, DB_PASSWORD: pw-value}
              labels: {team: web}
            containers:
              web:
                image: nginx:1.27
                environment: {OWN: own-value}
                labels: {tier: front}
                stop_grace_period: 90s
                mem_limit: 1024m
              worker:
                image: busybox:1.36
                restart: "no"
                command: [sh, -c, "echo hi"]
            """;

    @Test
    void printsTheEffectiveDefinitionsWithDefaultsMergedAndValuesHidden() throws Exception {
        Path f = dir.resolve("app.yaml");
        Files.writeString(f, DEFS);
        Cli.Result r = Cli.run("config", f.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).isEqualTo("""
                # The effective definitions of 1 file (unitgen config): each file's defaults: merged in.
                # Environment values are hidden: --show-secrets shows them.
                containers:
                  # from %1$s
                  web:
                    image: nginx:1.27
                    restart: always
                    environment:
                      SHARED: "(hidden)"
                      DB_PASSWORD: "(hidden)"
                      OWN: "(hidden)"
                    networks:
                      app_default: {}
                    labels:
                      team: web
                      tier: front
                    mem_limit: 1g
                    stop_grace_period: 1m30s
                  # from %1$s
                  worker:
                    image: busybox:1.36
                    restart: "no"
                    environment:
                      SHARED: "(hidden)"
                      DB_PASSWORD: "(hidden)"
                    networks:
                      app_default: {}
                    labels:
                      team: web
                    command:
                      - sh
                      - "-c"
                      - echo hi
                networks:
                  # from %1$s
                  app_default: {}
                """.formatted(f)); // web and worker share app.yaml's default network
        assertThat(r.out()).doesNotContain("pw-value").doesNotContain("shared-value").doesNotContain("own-value");

        Cli.Result shown = Cli.run("config", "--show-secrets", f.toString());
        assertThat(shown.out()).contains("      DB_PASSWORD: pw-value\n", "      OWN: own-value\n")
                .doesNotContain("hidden");

        // the effective view is itself a valid definition file that reads back the same
        Path again = dir.resolve("again/app.yaml");
        Files.createDirectories(again.getParent());
        Files.writeString(again, shown.out());
        assertThat(Cli.run("validate", "--host-cgroup", "v2", again.toString()).code()).isZero();
        assertThat(Cli.run("config", "--show-secrets", again.toString()).out())
                .isEqualTo(shown.out().replace("# from " + f, "# from " + again));
    }

    @Test
    void jsonAndInvalidDefinitions() throws Exception {
        Path f = dir.resolve("app.yaml");
        Files.writeString(f, DEFS);
        Cli.Result json = Cli.run("config", "-o", "json", f.toString());
        assertThat(json.code()).isZero();
        assertThat(json.out()).contains("\"secrets_shown\": false", "\"DB_PASSWORD\": \"(hidden)\"", "\"restart\": \"always\"",
                "\"sources\": {\n    \"containers\": {\n      \"web\": \"" + f + "\"").doesNotContain("pw-value");

        Files.writeString(f, "containers:\n  web:\n    image: nginx:1.27\n    memroy: 1g\n");
        Cli.Result bad = Cli.run("config", f.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains("Error: unknown key \"memroy\"", "Did you mean mem_limit?");
    }
}
