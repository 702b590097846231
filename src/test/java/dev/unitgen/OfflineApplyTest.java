package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan/apply --offline into a scratch root: files and WantedBy= links only, nothing started. */
class OfflineApplyTest {
    @TempDir
    Path root;

    Cli.Result run(String... args) {
        return Cli.offline(root, args);
    }

    /** Writes a definition file into the root's /etc/unitgen. */
    void define(String name, String yaml) throws java.io.IOException {
        Files.createDirectories(root.resolve("etc/unitgen"));
        Files.writeString(root.resolve("etc/unitgen").resolve(name), yaml);
    }

    @Test
    void offlineApplyConvergesAndPrunes() throws Exception {
        Path defs = root.resolve("etc/unitgen");
        Files.createDirectories(defs);
        Files.writeString(defs.resolve("a.yaml"), "containers:\n  web:\n    image: nginx:1.27\n    environment: {K: v}\n"
                + "  db:\n    image: postgres:16.4\n    enabled: false\n");
        Cli.Result plan = run("plan", "--detailed-exitcode");
        assertThat(plan.code()).as("%s", plan).isEqualTo(2);
        assertThat(plan.out()).contains("+ db.service (new)", "+ web.service (new)",
                "+ a_default-network.service (new)", "Plan: 3 to create, 0 to change, 0 to remove.");
        Cli.Result apply = run("apply");
        assertThat(apply.code()).as("%s", apply).isZero();
        assertThat(apply.out()).contains("Offline: files written under");
        Path units = root.resolve("etc/systemd/system");
        assertThat(Files.readSymbolicLink(units.resolve("multi-user.target.wants/web.service")))
                .isEqualTo(Path.of("/etc/systemd/system/web.service"));
        assertThat(units.resolve("multi-user.target.wants/db.service")).doesNotExist();
        assertThat(root.resolve("etc/unitgen/env/web.env")).exists();
        assertThat(run("plan", "--detailed-exitcode").code()).isZero();
        assertThat(run("apply").out()).startsWith("No changes.");

        Files.writeString(defs.resolve("a.yaml"), "containers:\n  db:\n    image: postgres:16.4\n");
        Cli.Result diff = run("plan", "--diff");
        assertThat(diff.out()).contains("- web.service (no longer declared)", "~ db.service (changed: restart; After, ExecStart, Requires; enable)",
                "- a_default-network.service (no longer declared)", "--- a/etc/systemd/system/web.service",
                "+++ /dev/null", "-K=(old value)").doesNotContain("K=v");
        assertThat(run("apply").code()).isZero();
        assertThat(units.resolve("web.service")).doesNotExist();
        assertThat(root.resolve("etc/unitgen/env/web.env")).doesNotExist();
        assertThat(units.resolve("multi-user.target.wants/web.service")).doesNotExist();
        assertThat(Files.isSymbolicLink(units.resolve("multi-user.target.wants/db.service"))).isTrue();
    }

    @Test
    void offlineNeedsARootAndJsonPlanIsForTools() throws Exception {
        Cli.Result r = Cli.run("apply", "--offline", root.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--offline needs --root");
        Path defs = root.resolve("etc/unitgen");
        Files.createDirectories(defs);
        Files.writeString(defs.resolve("a.yaml"), "containers:\n  web:\n    image: nginx:1.27\n");
        Cli.Result json = run("plan", "--output", "json");
        assertThat(json.out()).contains("\"unit\": \"web.service\"", "\"action\": \"create\"", "\"changes_pending\": true");
    }

    @Test
    void jsonPlanKeepsTheDiffAndAnOfflineApplyStartsNothing() throws Exception {
        Path defs = root.resolve("etc/unitgen");
        Files.createDirectories(defs);
        Files.writeString(defs.resolve("a.yaml"), "containers:\n  web:\n    image: nginx:1.27\n    environment: {K: secret-v}\n");
        Cli.Result plan = run("plan", "--output", "json", "--diff");
        assertThat(plan.code()).as("%s", plan).isZero();
        assertThat(plan.out()).contains("\"diff\": \"--- /dev/null\\n+++ b/etc/systemd/system/web.service\\n")
                .contains("+++ b/etc/unitgen/env/web.env (values hidden)").contains("+K=(new value)").doesNotContain("secret-v");
        assertThat(run("plan", "--output", "json").out()).as("without --diff, no diff").doesNotContain("\"diff\"");

        Cli.Result apply = run("apply", "--output", "json");
        assertThat(apply.code()).as("%s", apply).isZero();
        assertThat(apply.out()).contains("\"offline\": true").contains("\"action\": \"create\"")
                .contains("\"started\": false").contains("\"restarted\": false").doesNotContain("\"started\": true");
    }

    /** plan and status only read: offline, their root is / unless --root says otherwise; apply and destroy still need --root. */
    @Test
    void planOfflineWithoutRootReadsTheRunningHostsFiles() throws Exception {
        Path def = root.resolve("ug-offline-noroot.yaml");
        Files.writeString(def, "containers:\n  ug-offline-noroot-test:\n    image: nginx:1.27\n");
        Cli.Result plan = Cli.run("plan", "--offline", "--host-cgroup", "v2", def.toString());
        assertThat(plan.code()).as("%s", plan).isZero();
        assertThat(plan.out()).contains("+ ug-offline-noroot-test.service (new)");
        assertThat(Path.of("/etc/systemd/system/ug-offline-noroot-test.service")).doesNotExist();
        Cli.Result apply = Cli.run("apply", "--offline", "--host-cgroup", "v2", def.toString());
        assertThat(apply.code()).isEqualTo(2);
        assertThat(apply.err()).contains("--offline needs --root");
    }

    /** The --host-cgroup of an offline apply is recorded under the root: the next offline plan without it sees no change. */
    @Test
    void anOfflineApplyRemembersHostCgroup() throws Exception {
        define("sys.yaml", "containers:\n  sysbox:\n    image: docker.io/jrei/systemd-debian:12\n    command: [/lib/systemd/systemd]\n");
        String r = root.toString();
        Cli.Result apply = Cli.run("apply", "--offline", "--root", r, "--host-cgroup", "v1");
        assertThat(apply.code()).as("%s", apply).isZero();
        assertThat(root.resolve("var/lib/unitgen/host-cgroup")).hasContent("v1");
        Cli.Result plan = Cli.run("plan", "--offline", "--root", r, "--detailed-exitcode");
        assertThat(plan.code()).as("%s", plan).isZero();
        assertThat(plan.out()).startsWith("No changes.");
        assertThat(plan.err()).as("no warning about an unknown layout").doesNotContain("cannot tell the cgroup layout");
        Cli.Result other = Cli.run("plan", "--offline", "--root", r, "--host-cgroup", "v2", "--detailed-exitcode");
        assertThat(other.code()).as("--host-cgroup given wins: %s", other).isEqualTo(2);
        assertThat(other.out()).contains("~ sysbox.service (changed: restart; ExecStart");
    }

    @Test
    void statusOfflineReadsTheUnitFiles() throws Exception {
        define("a.yaml", "containers:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16.4\n    enabled: false\n");
        assertThat(run("apply").code()).isZero();
        Path unit = root.resolve("etc/systemd/system/db.service");
        Files.writeString(unit, Files.readString(unit).replace("Description=", "Description=edited "));
        Cli.Result status = Cli.run("status", "--offline", "--root", root.toString());
        assertThat(status.code()).as("%s", status).isZero();
        assertThat(status.out()).containsPattern("(?m)^UNIT +ENABLED +IMAGE +SOURCE$")
                .containsPattern("(?m)^db\\.service +disabled, edited +postgres:16\\.4 +/etc/unitgen/a\\.yaml$")
                .containsPattern("(?m)^web\\.service +enabled +nginx:1\\.27 +/etc/unitgen/a\\.yaml$")
                .contains("Offline: the unit files under " + root + "; whether the units and their containers run is not known offline");
        Cli.Result one = Cli.run("status", "--offline", "--root", root.toString(), "web");
        assertThat(one.out()).contains("web.service").doesNotContain("db.service");
        assertThat(Cli.run("status", "--offline", "--root", root.toString(), "nope").code()).isEqualTo(2);
    }
}
