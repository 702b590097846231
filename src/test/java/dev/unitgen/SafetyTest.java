package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.cli.Terminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * unitgen(1) on safety: pruning scoped to the definitions read, a moved definition restarts
 * nothing, the command line checked before anything connects, the lock taken only once the
 * manager answers, and the question on a terminal. Offline, into a scratch root.
 */
class SafetyTest {
    @TempDir
    Path root;
    Path defs;
    Path units;

    @BeforeEach
    void setUp() throws IOException {
        defs = Files.createDirectories(root.resolve("etc/unitgen"));
        units = root.resolve("etc/systemd/system");
    }

    Cli.Result offline(String... args) {
        return Cli.offline(root, args);
    }

    @Test
    void namingFilesNeverRemovesTheUnitsOfFilesNotNamed() throws IOException {
        Files.writeString(defs.resolve("a.yaml"), "containers:\n  web:\n    image: nginx:1.27\n");
        Files.writeString(defs.resolve("b.yaml"), "containers:\n  db:\n    image: postgres:16.4\n");
        assertThat(offline("apply").code()).isZero();
        String a = defs.resolve("a.yaml").toString();

        // a.yaml now declares api instead of web: web (from a.yaml) goes, db (from b.yaml) stays
        Files.writeString(defs.resolve("a.yaml"), "containers:\n  api:\n    image: nginx:1.27\n");
        Cli.Result plan = offline("plan", a);
        assertThat(plan.out()).contains("+ api.service (new)", "- web.service (no longer declared)",
                "Left as they are, from definition files not read now: db.service.", "Plan: 1 to create, 0 to change, 1 to remove.")
                .doesNotContain("- db.service");
        assertThat(offline("plan", "-o", "json", a).out()).contains("\"untouched\": [\n    \"db.service\"\n  ]");
        Cli.Result apply = offline("apply", a);
        assertThat(apply.code()).as("%s", apply).isZero();
        assertThat(units.resolve("db.service")).exists();
        assertThat(units.resolve("api.service")).exists();
        assertThat(units.resolve("web.service")).doesNotExist();

        // a named file that declares nothing would empty only its own units: guarded as before
        Files.writeString(defs.resolve("a.yaml"), "containers: {}\n");
        Cli.Result empty = offline("apply", a);
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("apply would remove all 1 units unitgen wrote from these files");
        assertThat(offline("apply", "--allow-empty", a).code()).isZero();
        assertThat(units.resolve("api.service")).doesNotExist();
        assertThat(units.resolve("db.service")).exists();

        // a directory is the whole desired state
        Files.delete(defs.resolve("b.yaml"));
        Files.writeString(defs.resolve("a.yaml"), "containers:\n  web:\n    image: nginx:1.27\n");
        Cli.Result whole = offline("plan", defs.toString());
        assertThat(whole.out()).contains("- db.service (no longer declared)", "+ web.service (new)").doesNotContain("Left as they are");
    }

    @Test
    void movingADefinitionFileRestartsNothing() throws IOException {
        Files.writeString(defs.resolve("a.yaml"), "containers:\n  web:\n    image: nginx:1.27\n    environment: {K: v}\n");
        assertThat(offline("apply").code()).isZero();
        Files.move(defs.resolve("a.yaml"), defs.resolve("web.yaml"));
        Cli.Result plan = offline("plan");
        assertThat(plan.out()).contains("~ web.service (changed: no restart, SourcePath, Source, env file comments only)")
                .doesNotContain("restart;");
        assertThat(offline("plan", "-o", "json").out()).contains("\"restart\": false").doesNotContain("\"restart\": true");
        assertThat(offline("apply").code()).isZero();
        assertThat(Files.readString(root.resolve("etc/unitgen/env/web.env"))).contains("from /etc/unitgen/web.yaml.", "K=v");
        assertThat(offline("plan", "--detailed-exitcode").code()).isZero();

        // a real change of the environment still restarts
        Files.writeString(defs.resolve("web.yaml"), "containers:\n  web:\n    image: nginx:1.27\n    environment: {K: w}\n");
        assertThat(offline("plan").out()).contains("~ web.service (changed: restart; environment)");
    }

    @Test
    void theCommandLineIsCheckedBeforeConnectingAndTheLockTakenOnlyOnceTheManagerAnswers() throws IOException {
        Files.writeString(defs.resolve("a.yaml"), "containers:\n  web:\n    image: nginx:1.27\n");
        String nobus = "unix:path=" + root.resolve("no-bus");
        String nodocker = "unix://" + root.resolve("no-docker.sock");
        Path lock = root.resolve("var/lib/unitgen/lock");
        for (String cmd : new String[] {"apply", "destroy"}) {
            String[] tail = cmd.equals("destroy") ? new String[] {"--all"} : new String[0];
            Cli.Result timeout = Cli.run(concat(new String[] {cmd, "--root", root.toString(), "--timeout", "5x", "--bus-address", nobus,
                    "--docker-host", nodocker}, tail));
            assertThat(timeout.code()).as("%s", timeout).isEqualTo(2);
            assertThat(timeout.err()).contains("Error: invalid --timeout 5x").doesNotContain("D-Bus");
            Cli.Result bus = Cli.run(concat(new String[] {cmd, "--root", root.toString(), "--bus-address", "garbage",
                    "--docker-host", nodocker}, tail));
            assertThat(bus.code()).as("%s", bus).isEqualTo(2);
            assertThat(bus.err()).contains("Error: invalid --bus-address garbage");
            Cli.Result docker = Cli.run(concat(new String[] {cmd, "--root", root.toString(), "--bus-address", nobus,
                    "--docker-host", "/var/run/docker.sock"}, tail));
            assertThat(docker.code()).as("%s", docker).isEqualTo(2);
            assertThat(docker.err()).contains("Error: invalid --docker-host /var/run/docker.sock");
            Cli.Result unreachable = Cli.run(concat(new String[] {cmd, "--root", root.toString(), "--bus-address", nobus,
                    "--docker-host", nodocker}, tail));
            assertThat(unreachable.code()).as("%s", unreachable).isEqualTo(1);
            assertThat(unreachable.err()).contains("cannot reach the systemd manager over D-Bus");
            assertThat(lock).as(cmd + " took the lock before the manager answered").doesNotExist();
            assertThat(lock.getParent()).doesNotExist();
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** A terminal whose person answers {@code answer}; records what was shown. */
    static Cli.Result atTerminal(String answer, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal person = new Terminal() {
            @Override
            public boolean interactive(boolean questionOnStderr) {
                return true;
            }

            @Override
            public String readLine() {
                return answer;
            }
        };
        int code = Main.run(person, new PrintWriter(out), new PrintWriter(err), args);
        return new Cli.Result(code, out.toString(), err.toString());
    }

    @Test
    void onATerminalApplyAndDestroyAskAndOnlyYesProceeds() throws IOException {
        Files.writeString(defs.resolve("a.yaml"), "containers:\n  web:\n    image: nginx:1.27\n");
        String[] apply = {"apply", "--offline", "--root", root.toString(), "--host-cgroup", "v2"};
        Cli.Result no = atTerminal("no", apply);
        assertThat(no.code()).as("%s", no).isEqualTo(1);
        assertThat(no.out()).contains("unitgen will perform these actions:", "+ web.service (new)", "Do you want to perform these actions?",
                "Only 'yes' will be accepted", "Enter a value:", "Apply cancelled: nothing was changed.");
        assertThat(units.resolve("web.service")).doesNotExist();
        assertThat(atTerminal(null, apply).code()).as("end of input is no").isEqualTo(1);
        assertThat(units.resolve("web.service")).doesNotExist();

        Cli.Result yes = atTerminal("yes", apply);
        assertThat(yes.code()).as("%s", yes).isZero();
        assertThat(units.resolve("web.service")).exists();
        // nothing to do: nothing to ask
        assertThat(atTerminal("no", apply).out()).doesNotContain("Enter a value").contains("No changes.");

        String[] destroy = {"destroy", "--offline", "--root", root.toString(), "web"};
        Cli.Result keep = atTerminal("y", destroy);
        assertThat(keep.code()).isEqualTo(1);
        assertThat(keep.out()).contains("unitgen will destroy:", "- web.service", "Destroy cancelled: nothing was changed.");
        assertThat(units.resolve("web.service")).exists();
        Cli.Result skip = atTerminal("no", "destroy", "--yes", "--offline", "--root", root.toString(), "web");
        assertThat(skip.code()).as("%s", skip).isZero();
        assertThat(skip.out()).doesNotContain("Enter a value");
        assertThat(units.resolve("web.service")).doesNotExist();

        // without a terminal (Main.run): no question, as documented
        Cli.Result script = offline("apply");
        assertThat(script.code()).isZero();
        assertThat(script.out()).doesNotContain("Enter a value").contains("+ web.service (new)");
    }
}
