package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.unitgen.cli.OutputFormat;
import dev.unitgen.cli.Terminal;
import dev.unitgen.cli.UnitgenCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command that takes -o runs through {@link Main#run} with --output json, and its
 * output is checked against its JSON Schema in docs/schema (unitgen(1), JSON OUTPUT): when it
 * succeeds, when its definitions are invalid, and when the host or the command line fails.
 * A command with -o and no schema, or a schema no command is checked against, fails the test.
 */
class JsonSchemaTest {
    private static final String ID = "https://unitgen.dev/schema/";
    private static final Path SCHEMAS = Cli.projectDir().resolve("docs/schema");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A bus that fails at once (a unix socket that does not exist takes dbus-java 10 s). */
    private static final String NO_BUS = "tcp:host=127.0.0.1,port=1";
    private static SchemaRegistry registry;
    /** The schemas each output was checked against, for the test that every command is covered. */
    private static final TreeSet<String> checked = new TreeSet<>();

    /** The tests of this class that ran. */
    private static int ran;

    @TempDir
    Path root;

    @org.junit.jupiter.api.AfterEach
    void count() {
        ran++;
    }

    @BeforeAll
    static void registry() throws IOException {
        Map<String, String> schemas = new HashMap<>();
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                schemas.put(ID + f.getFileName(), Files.readString(f));
            }
        }
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(schemas));
    }

    /** Runs unitgen; its stdout must be one JSON object valid under {@code schema}.json, with the exit code it returned. */
    static JsonNode check(String schema, int expectedCode, String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        String text = out.toString();
        String what = String.join(" ", args) + "\nexit " + code + "\n--- stdout\n" + text + "\n--- stderr\n" + err;
        assertThat(code).as(what).isEqualTo(expectedCode);
        List<com.networknt.schema.Error> errors = schema(schema).validate(text, InputFormat.JSON);
        assertThat(errors).as("%s.json: %s", schema, what).isEmpty();
        JsonNode doc = JSON.readTree(text);
        assertThat(doc.path("exit_code").asInt(-1)).as(what).isEqualTo(code);
        assertThat(doc.path("diagnostics").isArray()).as(what).isTrue();
        assertThat(doc.path("error_count").asInt()).as(what).isEqualTo(count(doc, "error"));
        assertThat(doc.path("warning_count").asInt()).as(what).isEqualTo(count(doc, "warning"));
        checked.add(schema);
        return doc;
    }

    private static Schema schema(String name) {
        return registry.getSchema(SchemaLocation.of(ID + name + ".json"));
    }

    private static int count(JsonNode doc, String severity) {
        int n = 0;
        for (JsonNode d : doc.path("diagnostics")) {
            n += d.path("severity").asText().equals(severity) ? 1 : 0;
        }
        return n;
    }

    private Path write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static final String WEB = """
            containers:
              web:
                image: nginx:1.27
                environment: {K: secret-value}
                mem_limit: 512m
            """;
    private static final String BAD = "containers:\n  web:\n    image: nginx:1.27\n    memroy: 1g\n";

    @Test
    void validateConfigAndRender() throws IOException {
        String good = write("defs/web.yaml", WEB).toString();
        String bad = write("bad/web.yaml", BAD).toString();
        JsonNode v = check("validate", 0, "validate", "-o", "json", "--host-cgroup", "v2", good);
        assertThat(v.path("valid").asBoolean()).isTrue();
        JsonNode invalid = check("validate", 2, "validate", "-o", "json", "--host-cgroup", "v2", bad);
        assertThat(invalid.path("valid").asBoolean()).isFalse();
        assertThat(invalid.path("diagnostics").get(0).path("range").path("line").asInt()).isEqualTo(4);

        JsonNode config = check("config", 0, "config", "-o", "json", good);
        assertThat(config.path("containers").path("web").path("environment").path("K").asText()).isEqualTo("(hidden)");
        check("config", 0, "config", "-o", "json", "--show-secrets", good);
        check("config", 2, "config", "-o", "json", bad);

        JsonNode render = check("render", 0, "render", "-o", "json", "--host-cgroup", "v2", good);
        assertThat(render.path("units").get(0).path("unit").asText()).isEqualTo("web.service");
        check("render", 2, "render", "-o", "json", "--host-cgroup", "v2", bad);
    }

    @Test
    void planApplyAndStatusOfflineWithStructuredReasons() throws IOException {
        Path defs = root.resolve("etc/unitgen");
        write("etc/unitgen/web.yaml", WEB);
        String r = root.toString();
        JsonNode plan = check("plan", 0, "plan", "-o", "json", "--diff", "--offline", "--root", r, "--host-cgroup", "v2");
        JsonNode change = plan.path("changes").get(0);
        assertThat(change.path("reasons").get(0).path("kind").asText()).isEqualTo("new");
        assertThat(change.path("diff").asText()).contains("+++ b/etc/systemd/system/web.service");
        check("plan", 0, "apply", "--dry-run", "-o", "json", "--offline", "--root", r, "--host-cgroup", "v2");
        JsonNode apply = check("apply", 0, "apply", "-o", "json", "--offline", "--root", r, "--host-cgroup", "v2");
        assertThat(apply.path("units").get(0).path("reasons").get(0).path("kind").asText()).isEqualTo("new");

        Files.writeString(defs.resolve("web.yaml"), WEB.replace("512m", "1g").replace("secret-value", "other"));
        JsonNode changed = check("plan", 2, "plan", "-o", "json", "--detailed-exitcode", "--offline", "--root", r, "--host-cgroup", "v2");
        JsonNode reason = changed.path("changes").get(0).path("reasons").get(0);
        assertThat(reason.path("kind").asText()).isEqualTo("restart");
        assertThat(reason.path("keys").toString()).isEqualTo("[\"ExecStart\",\"environment\"]");
        assertThat(reason.path("text").asText()).isEqualTo("changed: restart; ExecStart, environment");

        JsonNode status = check("status", 0, "status", "-o", "json", "--offline", "--root", r);
        assertThat(status.path("units").get(0).path("enabled").asBoolean()).isTrue();
        check("plan", 2, "plan", "-o", "json", "--offline", "--root", r, write("bad.yaml", BAD).toString());
        check("apply", 2, "apply", "-o", "json", "--offline", "--root", r, write("bad.yaml", BAD).toString());
    }

    /** Host errors, bad option values and usage errors: the envelope alone, the error its one diagnostic. */
    @Test
    void failuresAreJsonToo() throws IOException {
        String good = write("defs/web.yaml", WEB).toString();
        JsonNode bus = check("plan", 1, "plan", "-o", "json", "--bus-address", NO_BUS, "--host-cgroup", "v2", good);
        assertThat(bus.path("diagnostics").get(0).path("summary").asText()).startsWith("cannot reach the systemd manager");
        assertThat(bus.has("changes")).isFalse();
        check("status", 1, "status", "-o", "json", "--bus-address", NO_BUS, "--root", root.toString());
        JsonNode timeout = check("apply", 2, "apply", "-o", "json", "--timeout", "5x", good);
        assertThat(timeout.path("diagnostics").get(0).path("summary").asText()).isEqualTo("invalid --timeout 5x");
        JsonNode usage = check("validate", 2, "validate", "--output=json", "--no-such-option", good);
        assertThat(usage.path("diagnostics").get(0).path("summary").asText()).contains("--no-such-option");
        check("image-render", 2, "image", "render", "-o", "json", "nosuchimage", good);
        JsonNode invalidImages = check("image-render", 2, "image", "render", "-o", "json", "web",
                write("img/bad.yaml", "images:\n  web:\n    from: debian:12\n    pakages: [nginx]\n").toString());
        assertThat(invalidImages.path("diagnostics").get(0).path("range").path("line").asInt()).as("%s", invalidImages).isEqualTo(4);
        assertThat(invalidImages.path("diagnostics").get(1).path("summary").asText()).isEqualTo("the definitions are not valid");
    }

    @Test
    void keysDoctorAndImageRender() throws IOException {
        JsonNode keys = check("keys", 0, "keys", "-o", "json", "mem_limit", "from");
        assertThat(keys.path("keys").size()).isEqualTo(2);
        JsonNode unknown = check("keys", 2, "keys", "-o", "json", "memroy", "zzz");
        assertThat(unknown.path("error_count").asInt()).isEqualTo(2);
        assertThat(unknown.path("diagnostics").get(0).path("hint").asText()).isEqualTo("Did you mean mem_limit?");
        check("doctor", 1, "doctor", "-o", "json", "--bus-address", NO_BUS, "--docker-host", "unix:///nonexistent/docker.sock",
                "--root", root.toString(), write("defs/web.yaml", WEB).toString());
        JsonNode image = check("image-render", 0, "image", "render", "-o", "json", "web-systemd",
                Cli.projectDir().resolve("examples/images.yaml").toString());
        assertThat(image.path("dockerfile").asText()).contains("FROM debian:12");
    }

    /** The schemas are strict: the shapes of before (diagnostics an object, reasons strings) do not pass. */
    @Test
    void theSchemasRejectOtherShapes() {
        assertThat(schema("plan").validate("""
                {"exit_code": 0, "changes": [], "unchanged": [], "untouched": [], "summary": {"create": 0, "change": 0, "remove": 0},
                 "changes_pending": false, "error_count": 0, "warning_count": 0,
                 "diagnostics": {"valid": true, "error_count": 0, "warning_count": 0, "diagnostics": []}}""", InputFormat.JSON))
                .isNotEmpty();
        assertThat(schema("plan").validate("""
                {"exit_code": 0, "changes": [{"unit": "a.service", "action": "create", "reasons": ["new"], "write_unit": true,
                 "write_env": false, "restart": false, "start": true, "enable": true}], "unchanged": [], "untouched": [],
                 "summary": {"create": 1, "change": 0, "remove": 0}, "changes_pending": true,
                 "error_count": 0, "warning_count": 0, "diagnostics": []}""", InputFormat.JSON)).isNotEmpty();
        assertThat(schema("validate").validate("""
                {"exit_code": null, "valid": true, "files": 1, "containers": [], "error_count": 0, "warning_count": 0,
                 "diagnostics": []}""", InputFormat.JSON)).isNotEmpty();
        assertThat(schema("validate").validate("""
                {"exit_code": 0, "valid": true, "files": 1, "containers": [], "surprise": 1, "error_count": 0,
                 "warning_count": 0, "diagnostics": []}""", InputFormat.JSON)).isNotEmpty();
        assertThat(schema("apply").validate("""
                {"exit_code": 0, "error_count": 0, "warning_count": 0, "diagnostics": []}""", InputFormat.JSON))
                .as("a failure has an error").isNotEmpty();
    }

    /** Every command with -o json has its schema, and every schema was checked against a command's output. */
    @AfterAll
    static void everyCommandWithJsonIsCovered() throws IOException {
        List<String> withJson = new ArrayList<>();
        collect(UnitgenCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Terminal.NONE),
                withJson);
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(SCHEMAS)) {
            s.map(p -> p.getFileName().toString().replaceAll("\\.json$", "")).filter(n -> !n.equals("common")).forEach(files::add);
        }
        assertThat(files).as("a schema per command with -o json").isEqualTo(new TreeSet<>(withJson));
        long tests = java.util.Arrays.stream(JsonSchemaTest.class.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Test.class)).count();
        if (ran == tests) { // the whole class ran, not some methods alone
            assertThat(checked).as("every schema checked against real output").isEqualTo(files);
        }
    }

    private static void collect(CommandLine cl, List<String> out) {
        CommandLine.Model.OptionSpec o = cl.getCommandSpec().findOption("--output");
        if (o != null && o.type() == OutputFormat.class) {
            out.add(cl.getCommandSpec().qualifiedName("-").replaceFirst("^unitgen-", ""));
        }
        cl.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, out));
    }
}
