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

    @Test
    void offlineApplyConvergesAndPrunes() throws Exception {
        Path defs = root.resolve("etc/unitgen");
        Files.createDirectories(defs);
        Files.writeString(defs.resolve("a.yaml"), "containers:\n  web:\n    image: nginx:1.27\n    environment: {K: v}\n"
                + "  db:\n    image: postgres:16.4\n    enabled: false\n");
        Cli.Result plan = run("plan", "--detailed-exitcode");
        assertThat(plan.code()).as("%s", plan).isEqualTo(2);
        assertThat(plan.out()).contains("+ db.service (new)", "+ web.service (new)", "Plan: 2 to create, 0 to change, 0 to remove.");
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
        assertThat(diff.out()).contains("- web.service (no longer declared)", "~ db.service (enable)", "--- a/etc/systemd/system/web.service",
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
}
