package dev.unitgen.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.Cli;
import dev.unitgen.SystemdVerifyTest;
import dev.unitgen.diag.Diagnostics;
import dev.unitgen.diag.SourceFile;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import dev.unitgen.yaml.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * unitgen import compose on real-world compose files of several shapes
 * (src/test/resources/compose/CASE/): the result equals CASE/expected.yaml, the report on
 * standard error equals CASE/expected.report, the result validates and renders, importing
 * twice gives the same text, and every service key that is not in the result is reported at
 * its line. Run with -Dunitgen.golden.update=true to write the expected files after a
 * deliberate change (and review the diff).
 */
class ComposeImportTest {
    static final Path CASES = Cli.projectDir().resolve("src/test/resources/compose");

    /** Compose keys that carry over under another key. */
    static final Map<String, Set<String>> BECOMES = Map.of(
            "secrets", Set.of("volumes"), "configs", Set.of("volumes"), "links", Set.of("depends_on"), "build", Set.of("image"),
            "deploy", Set.of("cpus", "mem_limit", "mem_reservation", "pids_limit", "restart"));

    /** Report lines each case must have (besides the golden file): what cannot carry over, and why. */
    static final Map<String, List<String>> EXPECTED = Map.of(
            "shop", List.of(
                    "Warning: environment SECRET_KEY has no value and is left out",
                    "on compose.yaml line 25, column 7:",
                    "Warning: compose names the container of a service PROJECT-SERVICE-1 (shop-proxy-1)",
                    "Warning: ${APP_VERSION:-2.4.1} is written as \"2.4.1\"",
                    "the result is valid."),
            "healthchecks", List.of(
                    "Warning: condition service_completed_successfully of migrate is written as a plain dependency",
                    "on compose.yml line 37, column 20:"),
            "envfiles", List.of(
                    "Warning: environment API_TOKEN has no value and is left out",
                    "Warning: env_file ./config/app.env is optional in compose (required: false), not in unitgen",
                    "Warning: version is left out: it is obsolete in compose too"),
            "builds", List.of(
                    "Warning: build is not carried over: unitgen builds only the systemd images declared under images:, not a compose build",
                    "on compose.yaml line 11, column 5:",
                    "Build it first, e.g. docker compose build api, or docker build -t builds-api:latest -f ./api/Dockerfile.prod "
                            + "--build-arg PYTHON_VERSION=3.12 ./api.",
                    "Warning: container_name is not carried over",
                    "Warning: deploy.replicas 2 is not carried over",
                    "Warning: deploy.placement is not carried over: it is for swarm",
                    "Warning: profiles prod: compose starts api only with --profile prod (or when it is named); it is written enabled: false",
                    "Warning: left out: value -1 is out of range (healthcheck of container \"worker\")",
                    "Warning: the GPU reservation is written as docker_args: [--gpus, 1]",
                    "on hwaccel.ml.yml line 32, column 15:",
                    "Warning: stdin_open is not carried over",
                    "Warning: external_links is not carried over",
                    "Warning: left out: unknown capability \"NOT_A_CAP\" (cap_add of container \"frontend\")",
                    "Warning: left out: invalid published port \"99999\" (ports of container \"frontend\")",
                    "Warning: pull_policy build is not carried over",
                    "Warning: links api:backend is written as a dependency on api"),
            "wordpress", List.of(
                    "Warning: image \"wordpress\" of container \"wordpress\" has no tag or digest",
                    "the result is valid."));

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> composeFiles() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> s = Files.list(CASES)) {
            for (Path dir : s.filter(Files::isDirectory).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), dir.toUri(), () -> check(dir)));
            }
        }
        assertThat(tests).extracting(DynamicTest::getDisplayName).containsAll(EXPECTED.keySet());
        return tests.stream();
    }

    static Path composeFile(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("(docker-)?compose\\.ya?ml")).findFirst().orElseThrow();
        }
    }

    void check(Path caseDir) throws IOException, InterruptedException {
        String name = caseDir.getFileName().toString();
        Path dir = tmp.resolve(name); // the directory's name is the compose project's name
        copy(caseDir, dir);
        Path compose = composeFile(dir);
        Path out = dir.resolve("unitgen.yaml");
        Cli.Result r = Cli.run("import", "compose", compose.toString(), "--out", out.toString());
        String prefix = dir + "/";
        String report = r.err().replace(prefix, "");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String result = Files.readString(out).replace(prefix, "");
        assertThat(report).doesNotContain("Exception").doesNotContain("\tat ");

        Path expectedYaml = caseDir.resolve("expected.yaml");
        Path expectedReport = caseDir.resolve("expected.report");
        if (Boolean.getBoolean("unitgen.golden.update")) {
            Files.writeString(expectedYaml, result, StandardCharsets.UTF_8);
            Files.writeString(expectedReport, report, StandardCharsets.UTF_8);
        }
        assertThat(result).as("the result of %s (expected.yaml)", name).isEqualTo(Files.readString(expectedYaml));
        assertThat(report).as("the report of %s (expected.report)", name).isEqualTo(Files.readString(expectedReport));
        for (String line : EXPECTED.getOrDefault(name, List.of())) {
            assertThat(report).as("the report of %s", name).contains(line);
        }

        // deterministic: the same file imports to the same text
        Path out2 = dir.resolve("unitgen-again.yaml");
        Cli.Result again = Cli.run("import", "compose", compose.toString(), "--out", out2.toString());
        assertThat(again.err()).isEqualTo(r.err().replace("unitgen.yaml", "unitgen-again.yaml"));
        assertThat(Files.readString(out2).replace(prefix, "")).isEqualTo(result);

        // the result is a definition file like any other: it validates and renders
        Cli.Result validate = Cli.run("validate", "--host-cgroup", "v1", out.toString());
        assertThat(validate.code()).as("%s", validate).isZero();
        Cli.Result render = Cli.run("render", "--host-cgroup", "v1", out.toString());
        assertThat(render.code()).as("%s", render).isZero();

        // every unit passes systemd's own validator
        Path units = dir.resolve("units");
        Cli.Result files = Cli.run("render", "--host-cgroup", "v2", "--out", units.toString(), out.toString());
        assertThat(files.code()).as("%s", files).isZero();
        List<Path> services;
        try (Stream<Path> s = Files.list(units)) {
            services = s.filter(p -> p.toString().endsWith(".service")).sorted().toList();
        }
        assertThat(services).isNotEmpty();
        for (Path unit : services) {
            String[] v = SystemdVerifyTest.verify(units, unit.getFileName().toString());
            assertThat(v[1]).as("systemd-analyze verify %s printed", unit).isEmpty();
            assertThat(v[0]).isEqualTo("0");
        }

        assertNothingDroppedSilently(compose, out, report);
    }

    /** Every service key (and top-level key) of the compose file is in the result, or reported at its line. */
    static void assertNothingDroppedSilently(Path compose, Path out, String report) throws IOException {
        YMap top = (YMap) parse(compose);
        YMap containers = (YMap) ((YMap) parse(out)).get("containers").orElseThrow();
        for (YMap.Entry t : top.entries()) {
            if (!Set.of("services", "networks", "volumes", "secrets", "configs", "name").contains(t.name())) {
                assertThat(report).as("top-level %s is reported at its line", t.name())
                        .contains("line " + t.key().location().line() + ", column");
            }
        }
        for (YMap.Entry svc : ((YMap) top.get("services").orElseThrow()).entries()) {
            YMap result = (YMap) containers.get(svc.name()).orElseThrow();
            for (YMap.Entry key : ((YMap) svc.value()).entries()) {
                String k = key.name();
                boolean carried = result.get(k).isPresent()
                        || (k.equals("extends") && Files.readString(out).contains("compose's extends (")) // resolved: the keys it inherits are written
                        || (k.equals("profiles") && result.get("enabled").isPresent())
                        || (k.equals("container_name") && key.value() instanceof YScalar n && n.value().equals(svc.name()))
                        || BECOMES.getOrDefault(k, Set.of()).stream().anyMatch(b -> result.get(b).isPresent())
                        || (ComposeImporter.DOCKER_ARGS.containsKey(k) && result.get("docker_args").isPresent());
                boolean reported = report.contains("line " + key.key().location().line() + ", column");
                assertThat(carried || reported).as("service %s key %s (line %d) is carried over or reported", svc.name(), k,
                        key.key().location().line()).isTrue();
            }
        }
    }

    static YNode parse(Path p) throws IOException {
        Diagnostics d = new Diagnostics();
        YNode n = YamlParser.parse(new SourceFile(p, p.toString(), Files.readString(p)), d).orElseThrow();
        assertThat(d.hasErrors()).as("%s", d.sorted()).isFalse();
        return n;
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                String rel = from.relativize(p).toString();
                if (rel.startsWith("expected.")) {
                    continue;
                }
                Path target = to.resolve(rel);
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    // ---------------------------------------------------------------- options and failures

    Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void toStandardOutputRelativePathsBecomeAbsoluteAndEnvFileAndProjectNameApply() throws IOException {
        Path compose = write("proj/compose.yaml", """
                services:
                  app:
                    image: "example/app:${TAG:-1.0}"
                    environment:
                      TOKEN: ${TOKEN}
                      PRICE: $$5
                    volumes:
                      - ./data:/data
                      - cache:/cache
                      - ~/conf:/conf:ro
                volumes:
                  cache:
                """);
        Path env = write("proj/vars.env", "# the variables compose would read\nTAG=2.0\nexport TOKEN='s3cr3t value'\n");
        Cli.Result r = Cli.run("import", "compose", "--env-file", env.toString(), "--project-name", "Demo App", compose.toString());
        assertThat(r.code()).as("%s", r).isZero();
        String home = System.getProperty("user.home");
        assertThat(r.out()).contains("(compose project demoapp)", "image: example/app:2.0", "TOKEN: s3cr3t value", "PRICE: \"$5\"",
                "- " + tmp.resolve("proj/data") + ":/data", "- demoapp_cache:/cache", "- " + home + "/conf:/conf:ro",
                "networks: [demoapp_default]", "# Relative paths are written absolute (from " + tmp.resolve("proj") + ")");
        assertThat(r.err()).contains("Warning: ~ is written as " + home, "the result is valid.")
                .doesNotContain("TAG is not set").doesNotContain("TOKEN is left");
    }

    @Test
    void anExecFormHealthcheckIsReportedAndInAnImageKnownToHaveNoShellTheResultIsWarnedAboutToo() throws IOException {
        Path compose = write("dl/compose.yaml", """
                services:
                  api:
                    image: gcr.io/distroless/static-debian12:nonroot
                    healthcheck:
                      test: ["CMD", "/probe", "--ready"]
                  debug:
                    image: gcr.io/distroless/static-debian12:debug
                    healthcheck:
                      test: ["CMD", "/probe"]
                """);
        Cli.Result r = Cli.run("import", "compose", compose.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.err()).contains("the healthcheck test [\"CMD\", ...] runs through /bin/sh -c",
                "HEALTHCHECK CMD [...] keeps the exec form",
                "the healthcheck test [\"CMD\", ...] of container \"api\" can never pass: gcr.io/distroless/static-debian12:nonroot "
                        + "has no shell")
                .doesNotContain("of container \"debug\" can never pass");
        assertThat(r.out()).contains("test: [CMD, /probe, \"--ready\"]");
    }

    @Test
    void whatIsNotAComposeFileIsAUsageErrorAndAnInvalidResultExits2() throws IOException {
        Cli.Result list = Cli.run("import", "compose", write("a/compose.yaml", "- just\n- a list\n").toString());
        assertThat(list.code()).isEqualTo(2);
        assertThat(list.err()).contains("Error: expected a compose file (a mapping with services:), got a list", "Nothing imported");

        Cli.Result none = Cli.run("import", "compose", write("b/compose.yaml", "version: '3'\n").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("Error: the compose file has no services");

        Cli.Result missing = Cli.run("import", "compose", tmp.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("is not a readable file");

        Cli.Result noCommand = Cli.run("import");
        assertThat(noCommand.code()).isEqualTo(2);
        assertThat(noCommand.err()).contains("Missing command: compose");

        // compose would refuse this too: the dependency does not exist; the result says so, located in itself
        Path bad = write("c/compose.yaml", "services:\n  web:\n    image: nginx:1.27\n    depends_on: [db]\n");
        Path out = tmp.resolve("c/unitgen.yaml");
        Cli.Result invalid = Cli.run("import", "compose", bad.toString(), "--out", out.toString());
        assertThat(invalid.code()).as("%s", invalid).isEqualTo(2);
        assertThat(invalid.err()).contains("Error: container \"web\" depends on \"db\", which is not declared",
                "unitgen.yaml line ", "the result is not valid: 1 error.");
        assertThat(out).exists();

        Cli.Result self = Cli.run("import", "compose", bad.toString(), "--out", bad.toString());
        assertThat(self.code()).isEqualTo(2);
        assertThat(self.err()).contains("--out is the compose file itself");
    }

    // ---------------------------------------------------------------- compose's behaviour, stated

    @Test
    void theEnvBesideTheFileIsReadAsComposeReadsItAndItsProjectNameNamesEverything() throws IOException {
        write("stack/.env", "COMPOSE_PROJECT_NAME=Prod\nTZ=Europe/Paris\nHOST=db.internal\n");
        write("stack/app.env", "# compose strips quotes and expands variables, docker --env-file does neither\n"
                + "URL=\"postgres://${HOST}:5432/app\"\nPLAIN=as-is\nSINGLE='${HOST}'\nTZ\n");
        Path compose = write("stack/compose.yaml", """
                services:
                  app:
                    image: example/app:1.0
                    env_file: app.env
                    environment:
                      - TZ
                      - EMPTY=${UNSET_VAR:-}
                      - MISSING=${UNSET_VAR}
                    ports:
                      - "${BIND_IP:-}:8080:80"
                    depends_on:
                      db:
                        condition: service_healthy
                  db:
                    image: postgres:16
                """);
        Cli.Result r = Cli.run("import", "compose", compose.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("(compose project prod)", "# Variables for ${VAR} from " + tmp.resolve("stack/.env"),
                "- TZ=Europe/Paris", "- EMPTY=", "- MISSING=", "ports: [\"8080:80\"]", "networks: [prod_default]",
                "com.docker.compose.project: prod", "com.docker.compose.service: app",
                "URL=postgres://db.internal:5432/app", "SINGLE=${HOST}",
                "init: false", "restart: \"no\"", "healthcheck: {}")
                .doesNotContain("PLAIN=");
        assertThat(r.err()).contains(
                "Warning: ${UNSET_VAR} is written as \"\": UNSET_VAR is not set",
                "Warning: env_file app.env: URL, SINGLE written into environment with the values compose reads",
                "Warning: condition service_healthy of db: db has no healthcheck in the compose file, so it must come from its image, "
                        + "which unitgen cannot check at import",
                "Warning: compose names the container of a service PROJECT-SERVICE-1 (prod-app-1)",
                "the result is valid.");
    }

    @Test
    void aRequiredVariableWithoutAValueIsAnErrorNamingItAndItsMessage() throws IOException {
        Path compose = write("req/compose.yaml", "services:\n  db:\n    image: postgres:16\n    environment:\n"
                + "      POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD in .env}\n");
        Cli.Result r = Cli.run("import", "compose", compose.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Error: required variable DB_PASSWORD is missing a value: set DB_PASSWORD in .env",
                "on " + compose + " line 5, column 26:");
        write("req/.env", "DB_PASSWORD=hunter2\n");
        Cli.Result ok = Cli.run("import", "compose", compose.toString());
        assertThat(ok.code()).as("%s", ok).isZero();
        assertThat(ok.out()).contains("POSTGRES_PASSWORD: hunter2");
    }

    @Test
    void composeOwnSettingsWinOverItsDefaults() throws IOException {
        Path compose = write("own/compose.yaml", """
                services:
                  app:
                    image: example/app:1.0
                    init: true
                    restart: always
                    labels: [com.docker.compose.service=custom]
                """);
        Cli.Result r = Cli.run("import", "compose", compose.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("init: true", "restart: always", "com.docker.compose.service=custom", "com.docker.compose.project=own")
                .doesNotContain("init: false").doesNotContain("restart: \"no\"").doesNotContain("com.docker.compose.service=app");
    }
}
