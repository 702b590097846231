package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    static final String WEB = """
            containers:
              web:
                image: nginx:1.27
                ports: ["8080:80"]
                environment:
                  B: secret-two
                  A: secret-one
                labels:
                  z: last
                  a: first
            """;

    static final String WEB_REORDERED = """
            containers:
              web:
                labels:
                  a: first
                  z: last
                environment:
                  A: secret-one
                  B: secret-two
                ports: ["8080:80"]
                image: nginx:1.27
            """;

    @Test
    void sameInputRendersByteIdenticalWhateverTheOrderOfKeysAndFiles() throws IOException {
        Path a = write("a/etc/unitgen/web.yaml", WEB);
        write("a/etc/unitgen/db.yaml", "containers:\n  db:\n    image: postgres:16\n");
        write("b/etc/unitgen/web.yaml", WEB_REORDERED);
        write("b/etc/unitgen/db.yaml", "containers:\n  db:\n    image: postgres:16\n");
        Cli.Result r1 = Cli.run("render", "--root", dir.resolve("a").toString(), "--host-cgroup", "v1");
        Cli.Result r2 = Cli.run("render", "--root", dir.resolve("b").toString(), "--host-cgroup", "v1");
        Cli.Result r3 = Cli.run("render", "--root", dir.resolve("a").toString(), "--host-cgroup", "v1");
        assertThat(r1.code()).as("%s", r1).isZero();
        assertThat(r1.out()).isEqualTo(r2.out()).isEqualTo(r3.out());
        assertThat(r1.out()).contains("--label a=first --label z=last").doesNotContain("secret-one").doesNotContain("secret-two");
        // files named on the command line in another order: same output
        Cli.Result r4 = Cli.run("render", "--host-cgroup", "v1", a.toString(), dir.resolve("a/etc/unitgen/db.yaml").toString());
        Cli.Result r5 = Cli.run("render", "--host-cgroup", "v1", dir.resolve("a/etc/unitgen/db.yaml").toString(), a.toString());
        assertThat(r4.out()).isEqualTo(r5.out());
        assertThat(r1.out()).doesNotContainPattern("20\\d\\d-\\d\\d-\\d\\d");
    }

    @Test
    void renderOutWritesUnitsAndRootOnlyEnvFiles() throws IOException {
        Path def = write("web.yaml", WEB);
        Path out = dir.resolve("out");
        Cli.Result r = Cli.run("render", "--host-cgroup", "v1", "--out", out.toString(), def.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(out.resolve("web.service")).exists();
        Path env = out.resolve("env/web.env");
        assertThat(Files.getPosixFilePermissions(env)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readAllLines(env)).contains("A=secret-one", "B=secret-two");
        assertThat(Files.readString(out.resolve("web.service"))).contains("--env-file /etc/unitgen/env/web.env")
                .doesNotContain("secret-one");
        try (var s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("unitgen-tmp"));
        }
    }

    @Test
    void stdoutNeverShowsEnvironmentValues() throws IOException {
        Cli.Result r = Cli.run("render", "--host-cgroup", "v1", write("web.yaml", WEB).toString());
        assertThat(r.out()).contains("# /etc/systemd/system/web.service").contains("# /etc/unitgen/env/web.env")
                .contains("A B").doesNotContain("secret-one").doesNotContain("secret-two");
    }

    /** The keys of a refused render's JSON come in one order, whichever the JVM's hash seed (Map.of varied it). */
    @Test
    void aRefusedRenderPrintsItsJsonKeysInOneOrder() throws IOException {
        Cli.Result r = Cli.run("render", "--host-cgroup", "v1", "--output", "json",
                write("bad.yaml", "containers:\n  web:\n    image: nginx:1.27\n    memroy: 1g\n").toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID.code());
        assertThat(r.out()).startsWith("{\n  \"exit_code\": 2,\n  \"units\": [],\n  \"error_count\": 1,\n  \"warning_count\": 0,\n  \"diagnostics\": [");
    }

    @Test
    void everyErrorOfEveryFileAtOnceWithLocationsAndExit2() throws IOException {
        write("defs/one.yaml", "containers:\n  web:\n    image: nginx:1.27\n    memroy: 1g\n");
        write("defs/two.yaml", "containers:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n    restart: sometimes\n");
        write("defs/three.yaml", "containers: [\n");
        Cli.Result r = Cli.run("validate", "--host-cgroup", "v1", dir.resolve("defs").toString());
        assertThat(r.code()).isEqualTo(ExitCode.INVALID.code());
        String one = dir.resolve("defs/one.yaml").toString();
        String two = dir.resolve("defs/two.yaml").toString();
        assertThat(r.err())
                .contains("Error: unknown key \"memroy\" in container \"web\"\n\n  on " + one + " line 4, column 5:\n  4:     memroy: 1g\n         ^^^^^^\n")
                .contains("Did you mean mem_limit?")
                .contains("Error: invalid restart policy \"sometimes\"")
                .contains("on " + two + " line 6, column 14:")
                .contains("Error: container \"web\" is declared more than once")
                .contains("Also declared at " + two + ":2:3")
                .contains("Error: a [ ... ] or { ... } is not closed, or its items are not separated by commas")
                .contains("5 errors, 0 warnings.")
                .doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void jsonDiagnosticsForTools() throws IOException {
        Path f = write("x.yaml", "containers:\n  web:\n    image: nginx\n    cpus: lots\n");
        Cli.Result r = Cli.run("validate", "--output", "json", "--host-cgroup", "v1", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("\"valid\": false", "\"error_count\": 1", "\"warning_count\": 1",
                "\"severity\": \"error\"", "\"summary\": \"expected a number, got \\\"lots\\\" (cpus of container \\\"web\\\")\"",
                "\"line\": 4", "\"column\": 11", "\"severity\": \"warning\"", "has no tag or digest");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void warningsDoNotChangeTheExitCode() throws IOException {
        Cli.Result r = Cli.run("validate", "--host-cgroup", "v1", write("x.yaml", "containers:\n  web:\n    image: nginx\n").toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("Warning: image \"nginx\" of container \"web\" has no tag or digest");
        assertThat(r.out()).contains("Success! 1 container in 1 file, 1 warning: the definitions are valid.");
    }

    @Test
    void yaml12ScalarsStayText() throws IOException {
        Path f = write("x.yaml", """
                containers:
                  web:
                    image: nginx:1.27
                    environment:
                      A: yes
                      B: on
                      C: 012
                      D: 1e3
                    command: [echo, no, 0x10, ~x]
                """);
        Path out = dir.resolve("o");
        Cli.Result r = Cli.run("render", "--host-cgroup", "v1", "--out", out.toString(), f.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(Files.readAllLines(out.resolve("env/web.env"))).contains("A=yes", "B=on", "C=012", "D=1e3");
        assertThat(Files.readString(out.resolve("web.service"))).contains("nginx:1.27 echo no 0x10 '~x'\n");
    }

    @Test
    void emptyBinaryAndDanglingFilesAreLocatedErrors() throws IOException {
        write("d/empty.yaml", "");
        Files.write(dir.resolve("d/binary.yaml"), new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, 0, 1});
        Files.createSymbolicLink(dir.resolve("d/loop.yaml"), dir.resolve("d/loop.yaml"));
        Cli.Result r = Cli.run("validate", dir.resolve("d").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Error: the file has no definitions", "empty.yaml line 1, column 1:")
                .contains("Error: file is not valid UTF-8 text", "binary.yaml line 1, column 4:", "Byte 0xff at offset 3")
                .contains("Error: cannot read", "loop.yaml")
                .doesNotContain("Exception");
    }

    @Test
    void usageErrorsExit2AndMissingPaths() {
        Cli.Result unknown = Cli.run("render", "--frobnicate");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Error: Unknown option: '--frobnicate'", "Try 'unitgen render --help'");
        Cli.Result missing = Cli.run("validate", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("Error: no such file or directory: ");
        Cli.Result noRoot = Cli.run("validate", "--root", dir.toString());
        assertThat(noRoot.code()).isEqualTo(2);
        assertThat(noRoot.err()).contains("no such file or directory: " + dir.resolve("etc/unitgen"));
        Cli.Result typo = Cli.run("rendr");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("Did you mean: unitgen render");
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String cmd : List.of("validate", "render", "plan", "apply", "status", "destroy", "doctor", "keys", "completion")) {
            Cli.Result r = Cli.run(cmd, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Usage: unitgen " + cmd).contains("Examples:");
        }
        Cli.Result top = Cli.run("--help");
        assertThat(top.out()).contains("validate", "render", "keys", "Exit status");
        assertThat(Cli.run("--version").out()).startsWith("unitgen ");
    }

    @Test
    void completionScriptsKnowCommandsOptionsAndKeys() {
        Cli.Result bash = Cli.run("completion", "bash");
        assertThat(bash.code()).isZero();
        assertThat(bash.out()).contains("validate", "render", "apply", "--detailed-exitcode", "mem_limit", "healthcheck", "complete -F");
        Cli.Result zsh = Cli.run("completion", "zsh");
        assertThat(zsh.out()).startsWith("#compdef unitgen").contains("bashcompinit");
        assertThat(Cli.run("completion", "fish").code()).isEqualTo(2);
    }

    @Test
    void keysCommandPrintsTheMappingTable() {
        Cli.Result r = Cli.run("keys", "mem_limit");
        assertThat(r.out()).contains("mem_limit", "--memory");
        Cli.Result bad = Cli.run("keys", "memroy");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("Did you mean");
    }

    @Test
    void keysKnowsImageAndTopLevelKeysAndReportsEveryUnknownName() {
        Cli.Result r = Cli.run("keys", "mem_limit", "packages", "containers", "x-common");
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("mem_limit  (size (e.g. 512m, 1g))  ->  --memory\n")
                .contains("packages  (image key, a list of strings)  ->  RUN apt-get install")
                .contains("containers  (top-level key, mapping)\n    A mapping of container names")
                .contains("x-common  (top-level key, anything)\n    Compose's extension fields");
        Cli.Result bad = Cli.run("keys", "memroy", "mem_limit", "fromm", "contaners", "zzz");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains("Error: unknown key \"memroy\"\n\nDid you mean mem_limit?")
                .contains("Error: unknown key \"fromm\"\n\nDid you mean from (an image key)?")
                .contains("Error: unknown key \"contaners\"\n\nDid you mean containers (a top-level key)?")
                .contains("Error: unknown key \"zzz\"")
                .contains("4 unknown keys.").doesNotContain("\"mem_limit\"");
        Cli.Result json = Cli.run("keys", "-o", "json", "from", "version");
        assertThat(json.out()).contains("\"name\": \"from\",\n      \"table\": \"image\"")
                .contains("\"name\": \"version\",\n      \"table\": \"top-level\"").doesNotContain("null");
    }

    @Test
    void templateDirOverridesAndCannotDisableEscaping() throws IOException {
        Path def = write("web.yaml", "containers:\n  web:\n    image: nginx:1.27\n    description: \"100%\"\n");
        write("tpl/unit.ftl", """
                <#ftl output_format="systemd-unit">
                # custom layout for ${unit.name}
                <#list unit.sections as s>
                [${s.name}]
                <#list s.entries as e>
                ${e.key}=${e.value}
                </#list>
                </#list>
                """);
        Cli.Result r = Cli.run("render", "--host-cgroup", "v1", "--template-dir", dir.resolve("tpl").toString(), def.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("# custom layout for web.service").contains("Description=100%%");
        write("tpl2/unit.ftl", "<#list unit.sections as s>[${s.name}]\n</#list>\n");
        Cli.Result bad = Cli.run("render", "--host-cgroup", "v1", "--template-dir", dir.resolve("tpl2").toString(), def.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("must start with <#ftl output_format=\"systemd-unit\">");
        write("tpl3/unit.ftl", "<#ftl output_format=\"systemd-unit\">${\"evil\\n[Service]\"}\n");
        Cli.Result inject = Cli.run("render", "--host-cgroup", "v1", "--template-dir", dir.resolve("tpl3").toString(), def.toString());
        assertThat(inject.code()).isEqualTo(2);
        assertThat(inject.err()).contains("a newline cannot be written into a unit setting");
    }

    @Test
    void systemdProfileAutoFollowsTheHostCgroupLayout() throws IOException {
        Path def = write("sd.yaml", "containers:\n  sd:\n    image: debian:12\n    command: /sbin/init\n");
        String v1 = Cli.run("render", "--host-cgroup", "v1", def.toString()).out();
        String v2 = Cli.run("render", "--host-cgroup", "v2", def.toString()).out();
        assertThat(v1).contains("--cgroupns=host -v /sys/fs/cgroup:/sys/fs/cgroup:ro").doesNotContain("SYS_ADMIN");
        assertThat(v2).contains("--cgroupns=private --cap-add SYS_ADMIN --security-opt seccomp=unconfined")
                .contains("--entrypoint /bin/sh debian:12 -c 'mount -o remount,bind,rw /sys/fs/cgroup && exec \"$$@\"' sh /sbin/init");
        // detected from /sys/fs/cgroup under --root
        write("v2root/etc/unitgen/sd.yaml", Files.readString(def));
        write("v2root/sys/fs/cgroup/cgroup.controllers", "cpu memory\n");
        assertThat(Cli.run("render", "--root", dir.resolve("v2root").toString()).out()).contains("--cgroupns=private");
        write("v1root/etc/unitgen/sd.yaml", Files.readString(def));
        Files.createDirectories(dir.resolve("v1root/sys/fs/cgroup/unified"));
        assertThat(Cli.run("render", "--root", dir.resolve("v1root").toString()).out()).contains("--cgroupns=host");
        // unknown layout: the profile that works on both, with a warning
        Files.createDirectories(dir.resolve("nowhere"));
        Cli.Result unknown = Cli.run("render", "--root", dir.resolve("nowhere").toString(), def.toString());
        assertThat(unknown.err()).contains("cannot tell the cgroup layout");
        // never privileged or host-rw unless named
        for (String out : List.of(v1, v2)) {
            assertThat(out).doesNotContain("--privileged").doesNotContain("/sys/fs/cgroup:rw");
        }
        Path rw = write("rw.yaml", "containers:\n  sd:\n    image: debian:12\n    command: /sbin/init\n    systemd_profile: host-rw\n");
        Cli.Result hostRw = Cli.run("render", "--host-cgroup", "v1", rw.toString());
        assertThat(hostRw.code()).isZero();
        assertThat(hostRw.err()).contains("Warning: systemd_profile host-rw gives container \"sd\" the host's whole cgroup tree read-write");
        assertThat(hostRw.out()).contains("--privileged --cgroupns=host -v /sys/fs/cgroup:/sys/fs/cgroup:rw");
    }

    @Test
    void containersWithTheSameNameInTwoFilesCollide() throws IOException {
        write("c/a.yaml", "containers:\n  web:\n    image: nginx:1.27\n");
        write("c/b.yaml", "containers:\n  web:\n    image: nginx:1.27\n");
        Cli.Result r = Cli.run("validate", dir.resolve("c").toString());
        assertThat(r.code()).isEqualTo(2);
        List<String> lines = new ArrayList<>(r.err().lines().filter(l -> l.startsWith("Error:")).toList());
        assertThat(lines).hasSize(2).allMatch(l -> l.equals("Error: container \"web\" is declared more than once"));
    }

    @Test
    void defaultsApplyToEveryContainerAndMapsMerge() throws IOException {
        Path f = write("d.yaml", """
                defaults:
                  restart: always
                  labels: {team: ops, tier: base}
                  stop_grace_period: 20s
                containers:
                  one:
                    image: a:1
                    labels: {tier: front}
                  two:
                    image: b:1
                    restart: "no"
                """);
        Cli.Result r = Cli.run("render", "--host-cgroup", "v1", f.toString());
        assertThat(r.code()).as("%s", r).isZero();
        String one = r.out().substring(r.out().indexOf("# /etc/systemd/system/one.service"), r.out().indexOf("# /etc/systemd/system/two.service"));
        String two = r.out().substring(r.out().indexOf("# /etc/systemd/system/two.service"));
        assertThat(one).contains("--label team=ops --label tier=front").contains("Restart=always").contains("stop -t 20 one");
        assertThat(two).contains("--label team=ops --label tier=base").contains("Restart=no");
    }

    @Test
    void noStackTraceWithoutDebug() throws IOException {
        // a template that throws at runtime reaches the user as one line
        Path def = write("web.yaml", "containers:\n  web:\n    image: nginx:1.27\n");
        write("tpl/unit.ftl", "<#ftl output_format=\"systemd-unit\">${unit.nosuch.thing}\n");
        Cli.Result r = Cli.run("render", "--template-dir", dir.resolve("tpl").toString(), def.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("Error: template unit.ftl failed").doesNotContain("\tat ");
        Cli.Result debug = Cli.run("--debug", "render", "--template-dir", dir.resolve("tpl").toString(), def.toString());
        assertThat(debug.err()).contains("\tat ");
    }
}
