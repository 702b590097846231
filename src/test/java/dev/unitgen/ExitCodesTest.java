package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table of exit codes (ExitCode) as the commands return it, and the options declared once. */
class ExitCodesTest {
    @TempDir
    Path root;

    @Test
    void planDetailedExitcodeUsesTerraformsCodes() throws IOException {
        Path defs = Files.createDirectories(root.resolve("etc/unitgen"));
        Files.writeString(defs.resolve("a.yaml"), "containers:\n  web:\n    image: nginx:1.27\n");
        assertThat(Cli.offline(root, "plan", "--detailed-exitcode").code()).as("changes").isEqualTo(2);
        assertThat(Cli.offline(root, "apply").code()).isZero();
        assertThat(Cli.offline(root, "plan", "--detailed-exitcode").code()).as("no changes").isZero();

        Files.writeString(defs.resolve("a.yaml"), "containers:\n  web:\n    image: nginx:1.27\n    memroy: 1g\n");
        Cli.Result invalid = Cli.offline(root, "plan", "--detailed-exitcode");
        assertThat(invalid.code()).as("invalid definitions under --detailed-exitcode: %s", invalid).isEqualTo(1);
        assertThat(invalid.err()).contains("unknown key \"memroy\"");
        assertThat(Cli.offline(root, "plan").code()).as("invalid definitions without it").isEqualTo(2);
        assertThat(Cli.offline(root, "plan", "--detailed-exitcode", "--host-cgroup", "v9").code()).as("a bad option value").isEqualTo(1);
        assertThat(Cli.offline(root, "plan", "--detailed-exitcode", "--no-such-option").code()).as("an unknown option").isEqualTo(1);
        assertThat(Cli.offline(root, "plan", "--no-such-option").code()).isEqualTo(2);
        assertThat(Cli.offline(root, "plan", "--detailed-exitcode", root.resolve("missing.yaml").toString()).code()).isEqualTo(1);
    }

    @Test
    void everyCommandWithRootChecksItTheSameWay() throws IOException {
        String missing = root.resolve("missing").toString();
        List<String[]> commands = List.of(new String[] {"validate"}, new String[] {"render"}, new String[] {"plan", "--offline"},
                new String[] {"apply", "--offline"}, new String[] {"status"}, new String[] {"destroy", "--all", "--offline"},
                new String[] {"doctor"}, new String[] {"image", "render", "x"}, new String[] {"image", "build", "x"});
        for (String[] c : commands) {
            List<String> args = new ArrayList<>(List.of(c));
            args.addAll(List.of("--root", missing));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as("%s: %s", args, r).isEqualTo(2);
            assertThat(r.err()).as("%s", args).startsWith("Error: --root " + missing + " is not a directory");
        }
    }

    @Test
    void aMissingDefinitionsDirectoryIsAUsageErrorWithAHintEverywhere() throws IOException {
        for (String[] c : List.of(new String[] {"validate"}, new String[] {"image", "render", "x"})) {
            List<String> args = new ArrayList<>(List.of(c));
            args.addAll(List.of("--root", root.toString()));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as("%s", r).isEqualTo(2);
            assertThat(r.err()).contains("Error: no such file or directory: " + root.resolve("etc/unitgen"),
                    "Put definitions in /etc/unitgen, or name files or directories on the command line.");
        }
        Cli.Result named = Cli.run("validate", root.resolve("nope.yaml").toString());
        assertThat(named.code()).isEqualTo(2);
        assertThat(named.err()).contains("no such file or directory").doesNotContain("Put definitions");
    }

    /** A unix: bus address whose socket is not there fails at once (dbus-java would take ~10 s), with the usual host error. */
    @org.junit.jupiter.api.Test
    void aMissingBusSocketFailsAtOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("web.yaml");
        java.nio.file.Files.writeString(f, "containers:\n  web:\n    image: nginx:1.27\n");
        long start = System.nanoTime();
        Cli.Result r = Cli.run("plan", "--host-cgroup", "v2", "--bus-address", "unix:path=" + dir.resolve("no-socket"), f.toString());
        long ms = (System.nanoTime() - start) / 1_000_000;
        org.assertj.core.api.Assertions.assertThat(r.code()).as("%s", r).isEqualTo(dev.unitgen.cli.ExitCode.ERROR.code());
        org.assertj.core.api.Assertions.assertThat(r.err()).contains("Error: cannot reach the systemd manager over D-Bus",
                "no socket " + dir.resolve("no-socket"), "--offline works on the files under --root");
        org.assertj.core.api.Assertions.assertThat(ms).as("milliseconds to fail").isLessThan(5000);
    }
}
