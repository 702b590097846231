package dev.unitgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unitgen.Cli;
import dev.unitgen.host.UnitState;
import dev.unitgen.host.systemd.DbusServiceManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ansible collection unitgen.unitgen (packaging/ansible), driven by a real ansible-playbook
 * (Debian's ansible-core, installed by packaging/ansible/tests/setup) on localhost against the
 * environment of testenv/up.sh: systemd as PID 1 under nspawn (over D-Bus) and a real dockerd.
 * The collection is built with ansible-galaxy from the source tree and installed into a temp
 * dir that ANSIBLE_COLLECTIONS_PATH names; the modules run the built launcher
 * (packaging/launcher/unitgen) on a copy of target/unitgen.jar and target/lib. Containers are
 * named ug-ans-*; each test starts without them and the last one destroys them.
 */
@Tag("e2e")
class AnsibleE2E {
    static final String PREFIX = "ug-ans-";
    static final Duration PLAYBOOK_TIMEOUT = Duration.ofMinutes(3);
    static final ObjectMapper JSON = new ObjectMapper();

    /** Applies the module once; the result is written to ug_result even when the task fails. */
    static final String APPLY_PLAY = """
            - hosts: localhost
              gather_facts: false
              tasks:
                - block:
                    - name: apply the definitions
                      unitgen.unitgen.unitgen_apply:
                        name: "{{ ug_name | default(omit) }}"
                        content: "{{ ug_content | default(omit) }}"
                        state: "{{ ug_state | default(omit) }}"
                        definitions: "{{ ug_definitions | default(omit) }}"
                        paths: "{{ ug_paths | default(omit) }}"
                        exclusive: "{{ ug_exclusive | default(false) }}"
                        allow_empty: "{{ ug_allow_empty | default(false) }}"
                        definitions_dir: "{{ ug_dir }}"
                        root: "{{ ug_root }}"
                        bus_address: "{{ ug_bus }}"
                        docker_host: "{{ ug_docker }}"
                        host_cgroup: v1
                        min_healthy: "{{ ug_min_healthy | default('2s') }}"
                        unitgen_path: "{{ ug_unitgen }}"
                      register: applied
                  always:
                    - name: keep the result for the test
                      ansible.builtin.copy:
                        content: "{{ applied | default({}) | to_json }}"
                        dest: "{{ ug_result }}"
                      check_mode: false
                      changed_when: false
                      diff: false
            """;

    static String root;
    static String bus;
    static String docker;
    static String image;
    static Path unitgen;
    static DbusServiceManager manager;
    static Map<String, String> ansibleEnv;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    Path defs;
    int runs;

    @BeforeAll
    static void environment() throws Exception {
        root = TestEnv.require("UNITGEN_TEST_ROOT");
        bus = TestEnv.require("UNITGEN_TEST_BUS_ADDRESS");
        docker = TestEnv.dockerV1();
        image = TestEnv.image();
        unitgen = Cli.projectDir().resolve("packaging/launcher/unitgen");
        Path target = Cli.projectDir().resolve("target");
        assertThat(target.resolve("unitgen.jar")).as("the built jar (mvn package)").exists();
        // the launcher runs a snapshot of the build (UNITGEN_HOME), so that a rebuild of target/
        // while the tests run cannot pull the jar from under the modules
        Path home = shared.resolve("unitgen-home");
        Files.createDirectories(home);
        TestEnv.Exec snapshot = TestEnv.run(Map.of(), Duration.ofSeconds(60),
                List.of("cp", "-r", target.resolve("unitgen.jar").toString(), target.resolve("lib").toString(), home.toString()));
        assertThat(snapshot.code()).as(snapshot.out()).isZero();
        for (String tool : List.of("ansible-playbook", "ansible-doc", "ansible-galaxy", "ansible-test")) {
            TestEnv.Exec which = TestEnv.run(Map.of(), Duration.ofSeconds(10), List.of("sh", "-c", "command -v " + tool));
            assertThat(which.code()).as("%s on PATH (packaging/ansible/tests/setup installs it)", tool).isZero();
        }
        ansibleEnv = new HashMap<>();
        ansibleEnv.put("ANSIBLE_COLLECTIONS_PATH", shared.resolve("collections").toString());
        ansibleEnv.put("ANSIBLE_LOCAL_TEMP", shared.resolve("ansible-local").toString());
        ansibleEnv.put("ANSIBLE_REMOTE_TEMP", shared.resolve("ansible-remote").toString());
        ansibleEnv.put("ANSIBLE_CONFIG", shared.resolve("ansible.cfg").toString());
        ansibleEnv.put("ANSIBLE_NOCOLOR", "1");
        ansibleEnv.put("ANSIBLE_RETRY_FILES_ENABLED", "false");
        ansibleEnv.put("UNITGEN_HOME", home.toString()); // the modules inherit it (connection local)
        ansibleEnv.put("LC_ALL", "C.UTF-8"); // ansible-core refuses to run without a UTF-8 locale
        Files.writeString(shared.resolve("ansible.cfg"), "[defaults]\ninterpreter_python = auto_silent\n");
        Files.writeString(shared.resolve("inventory"),
                "localhost ansible_connection=local ansible_python_interpreter=\"{{ ansible_playbook_python }}\"\n");
        Files.writeString(shared.resolve("apply.yml"), APPLY_PLAY);

        // the collection as users get it: built from packaging/ansible, installed from the tarball
        TestEnv.Exec build = ansible(shared, "ansible-galaxy", "collection", "build", "--force",
                Cli.projectDir().resolve("packaging/ansible").toString(), "--output-path", shared.toString());
        assertThat(build.code()).as(build.out()).isZero();
        TestEnv.Exec install = ansible(shared, "ansible-galaxy", "collection", "install", "--force",
                shared.resolve("unitgen-unitgen-0.1.0.tar.gz").toString(), "-p", shared.resolve("collections").toString());
        assertThat(install.code()).as(install.out()).isZero();
        manager = DbusServiceManager.connect(bus);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (manager != null) {
            destroyOurs();
            manager.close();
        }
    }

    @BeforeEach
    void cleanState() throws Exception {
        destroyOurs();
        defs = dir.resolve("unitgen");
    }

    /** Destroys the units of this test's containers (ug-ans-*), and only those. */
    static void destroyOurs() throws Exception {
        Cli.Result status = Cli.run("status", "--output", "json", "--root", root, "--bus-address", bus, "--docker-host", docker);
        assertThat(status.code()).as("%s", status).isZero();
        List<String> ours = new ArrayList<>();
        for (JsonNode u : JSON.readTree(status.out()).path("units")) {
            if (u.path("container").asText().startsWith(PREFIX)) {
                ours.add(u.path("unit").asText());
            }
        }
        if (!ours.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("destroy", "--root", root, "--bus-address", bus, "--docker-host", docker));
            args.addAll(ours);
            Cli.Result r = Cli.run(args.toArray(new String[0]));
            assertThat(r.code()).as("%s", r).isZero();
        }
    }

    static TestEnv.Exec ansible(Path cwd, String... cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("env", "-C", cwd.toString()));
        full.addAll(List.of(cmd));
        return TestEnv.run(ansibleEnv, PLAYBOOK_TIMEOUT, full);
    }

    record Run(int code, String out, JsonNode result) {
        boolean changed() {
            return result.path("changed").asBoolean();
        }

        JsonNode unit(String name) {
            for (JsonNode u : result.path("units")) {
                if (u.path("unit").asText().equals(name)) {
                    return u;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "ansible-playbook exit " + code + "\n" + out;
        }
    }

    /** Runs a playbook with the test's variables (ug_*) plus these; returns what it registered. */
    Run playbook(String playbook, Map<String, Object> vars, String... options) throws Exception {
        Path result = dir.resolve("result-" + (++runs) + ".json");
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("ug_dir", defs.toString());
        all.put("ug_root", root);
        all.put("ug_bus", bus);
        all.put("ug_docker", docker);
        all.put("ug_unitgen", unitgen.toString());
        all.put("ug_result", result.toString());
        all.putAll(vars);
        Path varsFile = dir.resolve("vars-" + runs + ".json");
        JSON.writeValue(varsFile.toFile(), all);
        List<String> cmd = new ArrayList<>(List.of("ansible-playbook", "-i", shared.resolve("inventory").toString(),
                "-e", "@" + varsFile, playbook));
        cmd.addAll(List.of(options));
        TestEnv.Exec e = ansible(dir, cmd.toArray(new String[0]));
        JsonNode registered = Files.exists(result) ? JSON.readTree(result.toFile()) : JSON.createObjectNode();
        return new Run(e.code(), e.out(), registered);
    }

    Run apply(Map<String, Object> vars, String... options) throws Exception {
        return playbook(shared.resolve("apply.yml").toString(), vars, options);
    }

    static Map<String, Object> definitions(Object... nameContent) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < nameContent.length; i += 2) {
            list.add(Map.of("name", nameContent[i], "content", nameContent[i + 1]));
        }
        return Map.of("ug_definitions", list);
    }

    /** A definition file as a YAML string: container NAME runs sh -c "echo MESSAGE; exec sleep infinity". */
    static String yaml(String name, String message) {
        return """
                containers:
                  %s:
                    image: %s
                    command: [sh, -c, "echo %s; exec sleep infinity"]
                """.formatted(name, image, message);
    }

    /** The same as a dictionary (the module writes it as YAML). */
    static Map<String, Object> dict(String name, String message) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("image", image);
        container.put("command", List.of("sh", "-c", "echo " + message + "; exec sleep infinity"));
        return Map.of("containers", Map.of(name, container));
    }

    String containerId(String name) throws Exception {
        TestEnv.Exec e = TestEnv.docker(docker, Duration.ofSeconds(30), "inspect", "-f", "{{.Id}} {{.State.Running}}", name);
        return e.code() == 0 ? e.out().strip() : "absent";
    }

    Path unitFile(String unit) {
        return Path.of(root, "etc/systemd/system", unit);
    }

    void assertRunning(String container, Run run) throws Exception {
        UnitState s = manager.state(container + ".service");
        assertThat(s.isActiveRunning()).as("%s.service is %s\n%s", container, s, run).isTrue();
        assertThat(containerId(container)).as("container %s", container).endsWith(" true");
    }

    @Test
    void aFirstRunAppliesASecondRunChangesNothing() throws Exception {
        Map<String, Object> vars = definitions("web", yaml("ug-ans-web", "web is up"), "worker", dict("ug-ans-worker", "worker is up"));
        Run first = apply(vars);
        assertThat(first.code()).as("%s", first).isZero();
        assertThat(first.changed()).as("%s", first).isTrue();
        assertThat(first.unit("ug-ans-web.service").path("result").asText()).isEqualTo("ok");
        assertThat(first.unit("ug-ans-worker.service").path("action").asText()).isEqualTo("create");
        assertThat(first.unit("ug-ans-worker.service").path("container").path("status").asText()).isEqualTo("running");
        assertRunning("ug-ans-web", first);
        assertRunning("ug-ans-worker", first);
        assertThat(Files.readString(defs.resolve("web.yaml"))).isEqualTo(yaml("ug-ans-web", "web is up"));
        assertThat(Files.readString(defs.resolve("worker.yaml"))).contains("- \"echo worker is up; exec sleep infinity\"");
        for (String f : List.of("web.yaml", "worker.yaml")) {
            assertThat(Files.getPosixFilePermissions(defs.resolve(f))).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        }
        assertThat(first.out()).contains("changed: [localhost]").containsPattern("localhost\\s+: ok=2\\s+changed=1\\s+unreachable=0\\s+failed=0");

        String webId = containerId("ug-ans-web");
        FileTime unitTime = Files.getLastModifiedTime(unitFile("ug-ans-web.service"));
        FileTime defTime = Files.getLastModifiedTime(defs.resolve("web.yaml"));
        Run second = apply(vars);
        assertThat(second.code()).as("%s", second).isZero();
        assertThat(second.changed()).as("%s", second).isFalse();
        assertThat(second.out()).containsPattern("localhost\\s+: ok=2\\s+changed=0\\s+unreachable=0\\s+failed=0");
        assertThat(second.unit("ug-ans-web.service").path("action").asText()).isEqualTo("none");
        assertThat(second.result().path("reloaded").asBoolean()).isFalse();
        assertThat(containerId("ug-ans-web")).isEqualTo(webId);
        assertThat(Files.getLastModifiedTime(unitFile("ug-ans-web.service"))).isEqualTo(unitTime);
        assertThat(Files.getLastModifiedTime(defs.resolve("web.yaml"))).isEqualTo(defTime);

        // unitgen_facts: unitgen status --output json
        Files.writeString(dir.resolve("facts.yml"), """
                - hosts: localhost
                  gather_facts: false
                  tasks:
                    - unitgen.unitgen.unitgen_facts:
                        root: "{{ ug_root }}"
                        bus_address: "{{ ug_bus }}"
                        docker_host: "{{ ug_docker }}"
                        unitgen_path: "{{ ug_unitgen }}"
                    - ansible.builtin.copy:
                        content: "{{ {'units': ansible_facts.unitgen_units} | to_json }}"
                        dest: "{{ ug_result }}"
                      changed_when: false
                """);
        Run facts = playbook(dir.resolve("facts.yml").toString(), Map.of());
        assertThat(facts.code()).as("%s", facts).isZero();
        JsonNode web = facts.unit("ug-ans-web.service");
        assertThat(web).as("%s", facts.result()).isNotNull();
        assertThat(web.path("active_state").asText()).isEqualTo("active");
        assertThat(web.path("container_state").asText()).isEqualTo("running");
        assertThat(webId).startsWith(web.path("container_id").asText());
        assertThat(web.path("source").asText()).isEqualTo(defs.resolve("web.yaml").toString());
    }

    @Test
    void checkModeReportsAChangeAndChangesNothing() throws Exception {
        assertThat(apply(definitions("web", yaml("ug-ans-web", "web is up"), "db", yaml("ug-ans-db", "db is up"))).code()).isZero();
        String webId = containerId("ug-ans-web");
        String unitBefore = Files.readString(unitFile("ug-ans-web.service"));
        FileTime unitTime = Files.getLastModifiedTime(unitFile("ug-ans-web.service"));

        Run check = apply(definitions("web", yaml("ug-ans-web", "web is up again"), "db", yaml("ug-ans-db", "db is up")), "--check", "--diff");
        assertThat(check.code()).as("%s", check).isZero();
        assertThat(check.changed()).as("%s", check).isTrue();
        JsonNode changes = check.result().path("plan").path("changes");
        assertThat(changes).as("%s", check.result()).hasSize(1);
        assertThat(changes.get(0).path("unit").asText()).isEqualTo("ug-ans-web.service");
        assertThat(changes.get(0).path("reasons").get(0).path("text").asText()).isEqualTo("changed: restart; ExecStart");
        assertThat(changes.get(0).path("reasons").get(0).path("kind").asText()).isEqualTo("restart");
        assertThat(changes.get(0).path("reasons").get(0).path("keys").toString()).isEqualTo("[\"ExecStart\"]");
        assertThat(changes.get(0).path("restart").asBoolean()).isTrue();
        assertThat(check.result().path("plan").path("unchanged").toString()).contains("ug-ans-db.service");
        // the diff: the definition file, then the unit as `unitgen plan --diff` shows it (the
        // staged definitions stand where apply would write them: no source path noise)
        assertThat(check.out()).contains("-    command: [sh, -c, \"echo web is up; exec sleep infinity\"]")
                .contains("+    command: [sh, -c, \"echo web is up again; exec sleep infinity\"]")
                .contains("~ ug-ans-web.service (changed: restart; ExecStart)")
                .contains("-ExecStart=/usr/bin/docker run --rm --name ug-ans-web")
                .containsPattern("\\+ExecStart=.*echo web is up again")
                .doesNotContain("SourcePath only").doesNotContain("+SourcePath=");
        // nothing changed
        assertThat(containerId("ug-ans-web")).isEqualTo(webId);
        assertThat(Files.readString(unitFile("ug-ans-web.service"))).isEqualTo(unitBefore);
        assertThat(Files.getLastModifiedTime(unitFile("ug-ans-web.service"))).isEqualTo(unitTime);
        assertThat(Files.readString(defs.resolve("web.yaml"))).isEqualTo(yaml("ug-ans-web", "web is up"));
        try (Stream<Path> files = Files.list(defs)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("db.yaml", "web.yaml");
        }

        // and in check mode with nothing to do: not changed
        Run same = apply(definitions("web", yaml("ug-ans-web", "web is up"), "db", yaml("ug-ans-db", "db is up")), "--check");
        assertThat(same.code()).as("%s", same).isZero();
        assertThat(same.changed()).as("%s", same).isFalse();
    }

    @Test
    void aChangedDefinitionRestartsOnlyItsUnit() throws Exception {
        assertThat(apply(definitions("web", yaml("ug-ans-web", "web is up"), "db", yaml("ug-ans-db", "db is up"))).code()).isZero();
        String webId = containerId("ug-ans-web");
        String dbId = containerId("ug-ans-db");

        Run changed = apply(definitions("web", yaml("ug-ans-web", "web is up again"), "db", yaml("ug-ans-db", "db is up")));
        assertThat(changed.code()).as("%s", changed).isZero();
        assertThat(changed.changed()).isTrue();
        assertThat(changed.result().path("definitions").toString()).contains("\"action\":\"updated\"").contains("web.yaml")
                .doesNotContain("db.yaml");
        assertThat(changed.unit("ug-ans-web.service").path("restarted").asBoolean()).as("%s", changed.result()).isTrue();
        assertThat(changed.unit("ug-ans-db.service").path("action").asText()).isEqualTo("none");
        assertRunning("ug-ans-web", changed);
        assertThat(containerId("ug-ans-web")).isNotEqualTo(webId);
        assertThat(containerId("ug-ans-db")).isEqualTo(dbId);
        assertThat(changed.unit("ug-ans-web.service").path("container").path("id").asText())
                .isEqualTo(containerId("ug-ans-web").split(" ")[0]);
    }

    @Test
    void aBrokenDefinitionFailsTheTaskWithFileAndLineAndChangesNothing() throws Exception {
        assertThat(apply(definitions("web", yaml("ug-ans-web", "web is up"))).code()).isZero();
        String webId = containerId("ug-ans-web");
        String broken = yaml("ug-ans-web", "web is broken").replace("    image:", "    memroy: 512m\n    image:");

        Run run = apply(definitions("web", broken));
        assertThat(run.code()).as("%s", run).isEqualTo(2);
        assertThat(run.out()).contains("fatal: [localhost]: FAILED!")
                .contains("on " + defs.resolve("web.yaml") + " line 3, column 5")
                .contains("unknown key \\\"memroy\\\" in container \\\"ug-ans-web\\\"")
                .contains("Did you mean mem_limit?")
                .containsPattern("localhost\\s+: ok=1\\s+changed=0\\s+unreachable=0\\s+failed=1");
        assertThat(run.result().path("failed").asBoolean()).isTrue();
        assertThat(run.result().path("changed").asBoolean()).isFalse();
        assertThat(run.result().path("exit_code").asInt()).isEqualTo(2);
        // the definitions were put back as they were, and the host is untouched
        assertThat(Files.readString(defs.resolve("web.yaml"))).isEqualTo(yaml("ug-ans-web", "web is up"));
        assertThat(containerId("ug-ans-web")).isEqualTo(webId);

        // check mode fails the same way
        Run check = apply(definitions("web", broken), "--check");
        assertThat(check.code()).as("%s", check).isEqualTo(2);
        assertThat(check.out()).contains("line 3, column 5").contains("Did you mean mem_limit?");
        assertThat(Files.readString(defs.resolve("web.yaml"))).isEqualTo(yaml("ug-ans-web", "web is up"));
    }

    @Test
    void aContainerThatFailsVerificationFailsTheTask() throws Exception {
        String crash = """
                containers:
                  ug-ans-crash:
                    image: %s
                    command: [sh, -c, "echo ug-ans-crash-marker >&2; exit 3"]
                """.formatted(image);
        Run run = apply(definitions("crash", crash));
        assertThat(run.code()).as("%s", run).isEqualTo(2);
        assertThat(run.result().path("exit_code").asInt()).isEqualTo(4);
        assertThat(run.result().path("changed").asBoolean()).isTrue();
        assertThat(run.result().path("msg").asText()).startsWith("unitgen apply: 1 of 1 units failed verification: ug-ans-crash.service: ");
        JsonNode unit = run.unit("ug-ans-crash.service");
        assertThat(unit.path("result").asText()).isEqualTo("failed");
        assertThat(unit.path("log").toString()).contains("ug-ans-crash-marker");
    }

    @Test
    void stateAbsentRemovesADefinitionAndUnitgenPrunesItsUnits() throws Exception {
        assertThat(apply(definitions("web", yaml("ug-ans-web", "web is up"), "db", yaml("ug-ans-db", "db is up"))).code()).isZero();
        String webId = containerId("ug-ans-web");

        Run removed = apply(Map.of("ug_name", "db", "ug_state", "absent"));
        assertThat(removed.code()).as("%s", removed).isZero();
        assertThat(removed.changed()).isTrue();
        assertThat(removed.unit("ug-ans-db.service").path("action").asText()).isEqualTo("remove");
        assertThat(defs.resolve("db.yaml")).doesNotExist();
        assertThat(unitFile("ug-ans-db.service")).doesNotExist();
        assertThat(containerId("ug-ans-db")).isEqualTo("absent");
        assertThat(containerId("ug-ans-web")).isEqualTo(webId);
        Run again = apply(Map.of("ug_name", "db", "ug_state", "absent"));
        assertThat(again.changed()).as("%s", again).isFalse();

        // the last one: unitgen refuses to empty the host unless allow_empty
        Run refused = apply(Map.of("ug_name", "web", "ug_state", "absent"));
        assertThat(refused.code()).as("%s", refused).isEqualTo(2);
        assertThat(refused.result().path("msg").asText()).contains("declare no container");
        assertThat(defs.resolve("web.yaml")).exists();
        assertThat(containerId("ug-ans-web")).isEqualTo(webId);
        Run emptied = apply(Map.of("ug_name", "web", "ug_state", "absent", "ug_allow_empty", true));
        assertThat(emptied.code()).as("%s", emptied).isZero();
        assertThat(emptied.changed()).isTrue();
        assertThat(containerId("ug-ans-web")).isEqualTo("absent");
        assertThat(unitFile("ug-ans-web.service")).doesNotExist();
    }

    @Test
    void pathsAreCopiedInAndExclusiveRemovesTheRest() throws Exception {
        Files.createDirectories(defs);
        Files.writeString(defs.resolve("stray.yaml"), yaml("ug-ans-stray", "stray is up"));
        assertThat(apply(Map.of()).code()).isZero(); // no definitions given: applies the directory as it is
        assertThat(containerId("ug-ans-stray")).endsWith(" true");
        Path shipped = dir.resolve("shipped");
        Files.createDirectories(shipped);
        Files.writeString(shipped.resolve("extra.yaml"), yaml("ug-ans-extra", "extra is up"));
        Files.writeString(shipped.resolve(".hidden.yaml"), "not a definition\n");

        Map<String, Object> vars = new HashMap<>(definitions("web", yaml("ug-ans-web", "web is up")));
        vars.put("ug_paths", List.of(shipped.toString()));
        vars.put("ug_exclusive", true);
        Run run = apply(vars);
        assertThat(run.code()).as("%s", run).isZero();
        try (Stream<Path> files = Files.list(defs)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("extra.yaml", "web.yaml");
        }
        assertThat(Files.readString(defs.resolve("extra.yaml"))).isEqualTo(yaml("ug-ans-extra", "extra is up"));
        assertThat(run.unit("ug-ans-stray.service").path("action").asText()).isEqualTo("remove");
        assertThat(containerId("ug-ans-stray")).isEqualTo("absent");
        assertRunning("ug-ans-extra", run);
        assertRunning("ug-ans-web", run);
        Run again = apply(vars);
        assertThat(again.changed()).as("%s", again).isFalse();
    }

    @Test
    void theRoleAppliesItsListAndInstallsAPackage() throws Exception {
        String role = """
                - hosts: localhost
                  gather_facts: false
                  roles:
                    - role: unitgen.unitgen.unitgen
                      vars:
                        unitgen_package_path: "{{ ug_package | default('') }}"
                        unitgen_definitions: "{{ ug_definitions }}"
                        unitgen_definitions_dir: "{{ ug_dir }}"
                        unitgen_root: "{{ ug_root }}"
                        unitgen_bus_address: "{{ ug_bus }}"
                        unitgen_docker_host: "{{ ug_docker }}"
                        unitgen_host_cgroup: v1
                        unitgen_path: "{{ ug_unitgen }}"
                  post_tasks:
                    - ansible.builtin.copy:
                        content: "{{ unitgen_result | to_json }}"
                        dest: "{{ ug_result }}"
                      check_mode: false
                      changed_when: false
                      diff: false
                """;
        Files.writeString(dir.resolve("role.yml"), role);
        Map<String, Object> vars = definitions("role", yaml("ug-ans-role", "role is up"));
        Run first = playbook(dir.resolve("role.yml").toString(), vars);
        assertThat(first.code()).as("%s", first).isZero();
        assertThat(first.changed()).isTrue();
        assertRunning("ug-ans-role", first);
        Run second = playbook(dir.resolve("role.yml").toString(), vars);
        assertThat(second.changed()).as("%s", second).isFalse();

        // the package branch: a .deb on the host goes to ansible.builtin.apt (in check mode, so
        // that this machine's packages stay as they are; a probe package, not unitgen's)
        Path pkg = dir.resolve("probe/DEBIAN");
        Files.createDirectories(pkg);
        Files.writeString(pkg.resolve("control"), """
                Package: unitgen-ansible-e2e-probe
                Version: 0.0.1
                Architecture: all
                Maintainer: unitgen tests <tests@unitgen.invalid>
                Description: probe package of AnsibleE2E (never installed)
                """);
        Path deb = dir.resolve("unitgen-ansible-e2e-probe_0.0.1_all.deb");
        TestEnv.Exec built = TestEnv.run(Map.of(), Duration.ofSeconds(60), List.of("dpkg-deb", "--build", dir.resolve("probe").toString(), deb.toString()));
        assertThat(built.code()).as(built.out()).isZero();
        Map<String, Object> withPackage = new HashMap<>(vars);
        withPackage.put("ug_package", deb.toString());
        Run check = playbook(dir.resolve("role.yml").toString(), withPackage, "--check");
        assertThat(check.code()).as("%s", check).isZero();
        assertThat(check.out()).containsPattern("TASK \\[unitgen\\.unitgen\\.unitgen : Install the \\.deb\\] \\**\\nchanged: \\[localhost\\]")
                .containsPattern("TASK \\[unitgen\\.unitgen\\.unitgen : Install the \\.rpm with dnf\\] \\**\\nskipping: \\[localhost\\]");
        assertThat(TestEnv.run(Map.of(), Duration.ofSeconds(30), List.of("dpkg", "-s", "unitgen-ansible-e2e-probe")).code()).isNotZero();
        assertThat(check.changed()).as("%s", check).isFalse();
    }

    @Test
    void theDocumentationRendersAndTheSanityTestsPass() throws Exception {
        for (String module : List.of("unitgen_apply", "unitgen_facts")) {
            TestEnv.Exec doc = ansible(shared, "ansible-doc", "unitgen.unitgen." + module);
            assertThat(doc.code()).as(doc.out()).isZero();
            assertThat(doc.out()).contains("> UNITGEN.UNITGEN." + module.toUpperCase()).contains("EXAMPLES:").contains("RETURN VALUES:")
                    .doesNotContain("ERROR");
        }
        TestEnv.Exec apply = ansible(shared, "ansible-doc", "unitgen.unitgen.unitgen_apply");
        assertThat(apply.out()).contains("- definitions_dir", "- allow_empty", "- bus_address", "- host_cgroup", "- unitgen_path",
                "- offline", "- docker_host", "- root", "SUBOPTIONS");
        TestEnv.Exec role = ansible(shared, "ansible-doc", "-t", "role", "unitgen.unitgen.unitgen");
        assertThat(role.code()).as(role.out()).isZero();
        assertThat(role.out()).contains("unitgen_package_path", "unitgen_definitions");
        TestEnv.Exec list = ansible(shared, "ansible-doc", "-l", "unitgen.unitgen");
        assertThat(list.out()).contains("unitgen.unitgen.unitgen_apply", "unitgen.unitgen.unitgen_facts");

        // ansible-test sanity wants the collection at ansible_collections/NAMESPACE/NAME
        Path collection = shared.resolve("sanity/ansible_collections/unitgen/unitgen");
        Files.createDirectories(collection.getParent());
        TestEnv.Exec copy = TestEnv.run(Map.of(), Duration.ofSeconds(30),
                List.of("cp", "-r", Cli.projectDir().resolve("packaging/ansible").toString(), collection.toString()));
        assertThat(copy.code()).as(copy.out()).isZero();
        String python = TestEnv.run(Map.of(), Duration.ofSeconds(30),
                List.of("/usr/bin/python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])")).out().strip();
        // The tests that need Python packages run in virtual environments that ansible-test fills
        // from PyPI (pip itself is bootstrapped from the network): they cannot run here. The
        // rest run; validate-modules is run directly below, with Debian's voluptuous.
        List<String> sanity = new ArrayList<>(List.of("ansible-test", "sanity", "--python", python));
        for (String needsPyPI : List.of("ansible-doc", "import", "pep8", "pylint", "runtime-metadata", "validate-modules", "yamllint")) {
            sanity.addAll(List.of("--skip-test", needsPyPI));
        }
        TestEnv.Exec tests = ansible(collection, sanity.toArray(new String[0]));
        assertThat(tests.code()).as(tests.out()).isZero();
        assertThat(tests.out()).contains("Running sanity test \"compile\"", "Running sanity test \"shebang\"",
                "Running sanity test \"future-import-boilerplate\"");

        TestEnv.Exec where = TestEnv.run(Map.of(), Duration.ofSeconds(30),
                List.of("/usr/bin/python3", "-c", "import ansible_test, os; print(os.path.dirname(ansible_test.__file__))"));
        assertThat(where.code()).as(where.out()).isZero();
        Path validate = Path.of(where.out().strip(), "_util/controller/sanity/validate-modules");
        Map<String, String> env = new HashMap<>(ansibleEnv);
        env.put("PYTHONPATH", shared.resolve("sanity") + ":" + validate);
        env.put("ANSIBLE_COLLECTIONS_PATH", shared.resolve("sanity").toString());
        TestEnv.Exec vm = TestEnv.run(env, PLAYBOOK_TIMEOUT, List.of("env", "-C", collection.toString(), "/usr/bin/python3",
                validate.resolve("validate.py").toString(), "--format", "json", "--arg-spec",
                "--collection", "ansible_collections/unitgen/unitgen", "--collection-version", "0.1.0",
                "plugins/modules/unitgen_apply.py", "plugins/modules/unitgen_facts.py"));
        JsonNode report = JSON.readTree(vm.out().substring(vm.out().indexOf('{')));
        List<String> ignored = Files.readAllLines(collection.resolve("tests/sanity/ignore-2.14.txt")).stream()
                .map(l -> l.replaceFirst("\\s*#.*", "")).filter(l -> !l.isBlank()).toList();
        List<String> problems = new ArrayList<>();
        report.fields().forEachRemaining(file -> {
            for (String kind : List.of("errors", "warnings", "traces")) {
                for (JsonNode e : file.getValue().path(kind)) {
                    String entry = file.getKey() + " validate-modules:" + e.path("code").asText();
                    if (!ignored.contains(entry)) {
                        problems.add(entry + " " + e);
                    }
                }
            }
        });
        assertThat(problems).as(vm.out()).isEmpty();
        assertThat(report.has("plugins/modules/unitgen_apply.py")).as(vm.out()).isTrue();
    }
}
