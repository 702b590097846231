package dev.unitgen.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unitgen.FakeEngine;
import dev.unitgen.FakeServiceManager;
import dev.unitgen.generate.Generator;
import dev.unitgen.layout.CgroupLayout;
import dev.unitgen.host.HostException;
import dev.unitgen.host.HostUnits;
import dev.unitgen.layout.Root;
import dev.unitgen.host.UnitState;
import dev.unitgen.render.RenderedUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplierTest {
    @TempDir
    Path dir;
    Root root;
    HostUnits host;
    FakeServiceManager manager;
    FakeEngine engine;

    @BeforeEach
    void setUp() throws Exception {
        root = new Root(dir.resolve("root"));
        Files.createDirectories(root.resolve("/etc/systemd/system"));
        host = new HostUnits(root);
        manager = new FakeServiceManager(host);
        engine = new FakeEngine();
    }

    List<RenderedUnit> render(String yaml) throws Exception {
        Path f = dir.resolve("defs/app.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, yaml);
        Generator.Result r = Generator.run(List.of(f.toString()), new Generator.Options(root, CgroupLayout.V1, null, null));
        assertThat(r.ok()).as("%s", r.diagnostics().sorted()).isTrue();
        return r.units();
    }

    Applier.Result apply(List<RenderedUnit> units) {
        return applier().apply(units);
    }

    Applier applier() {
        return new Applier(host, manager, engine, (u, n) -> List.of("journal line of " + u), Duration.ofSeconds(5), null);
    }

    @Test
    void rollbackOnFailurePutsThePreviousVersionBackAndRemovesNewUnits() throws Exception {
        apply(render(TWO));
        String goodUnit = Files.readString(host.unitPath("web.service"));
        String goodEnv = Files.readString(host.envPath("web"));
        manager.failWhenUnitContains = "nginx:9.9-broken";
        String broken = TWO.replace("nginx:1.27", "nginx:9.9-broken").replace("TOKEN: abc", "TOKEN: new")
                + "  extra:\n    image: nginx:9.9-broken\n";
        manager.calls.clear();
        Applier.Result r = applier().rollbackOnFailure(true).apply(render(broken));
        assertThat(r.outcome()).isEqualTo(Applier.Outcome.VERIFY_FAILED);
        assertThat(r.rolledBack()).containsExactly("web.service", "extra.service");
        assertThat(Files.readString(host.unitPath("web.service"))).isEqualTo(goodUnit);
        assertThat(Files.readString(host.envPath("web"))).isEqualTo(goodEnv);
        assertThat(host.unitPath("extra.service")).doesNotExist();
        assertThat(manager.calls).containsSubsequence("restart web.service", "stop extra.service", "disable extra.service",
                "reload", "restart web.service");
        assertThat(manager.state("web.service").isActiveRunning()).isTrue();
        assertThat(root.resolve(Pending.PATH)).doesNotExist();
        // without the option, the failed version stays
        manager.calls.clear();
        Applier.Result plain = apply(render(broken));
        assertThat(plain.rolledBack()).isEmpty();
        assertThat(Files.readString(host.unitPath("web.service"))).contains("nginx:9.9-broken");
    }

    static final String TWO = """
            containers:
              web:
                image: nginx:1.27
                environment: {TOKEN: abc}
              db:
                image: postgres:16.4
            """;

    @Test
    void firstApplyWritesReloadsOnceStartsAndVerifies() throws Exception {
        engine.missingImages.add("postgres:16.4");
        Applier.Result r = apply(render(TWO));
        assertThat(r.outcome()).isEqualTo(Applier.Outcome.APPLIED);
        assertThat(engine.calls).containsExactly("pull postgres:16.4");
        assertThat(manager.calls).containsExactly("enable db.service,web.service", "reload", "reset-failed db.service",
                "reset-failed web.service", "start db.service", "start web.service");
        assertThat(host.unitPath("web.service")).exists();
        assertThat(Files.getPosixFilePermissions(host.envPath("web"))).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(root.resolve(Pending.PATH)).doesNotExist();
        assertThat(r.verifications()).allMatch(Verification::ok);
    }

    @Test
    void anImageThatRunsSystemdUnderAPlainContainerIsAWarningAtApply() throws Exception {
        engine.imageCommands.put("jrei/systemd-debian:12", List.of("/lib/systemd/systemd"));
        engine.imageCommands.put("nginx:1.27", List.of("/docker-entrypoint.sh", "nginx", "-g", "daemon off;"));
        List<dev.unitgen.diag.Diagnostic> warnings = new java.util.ArrayList<>();
        Applier.Result r = applier().warnings(warnings::add).apply(render("""
                containers:
                  box:
                    image: jrei/systemd-debian:12
                  told:
                    image: jrei/systemd-debian:12
                    systemd: always
                  web:
                    image: nginx:1.27
                """));
        assertThat(r.outcome()).as("a warning, never a failure").isEqualTo(Applier.Outcome.APPLIED);
        assertThat(warnings).hasSize(1);
        dev.unitgen.diag.Diagnostic w = warnings.get(0);
        assertThat(w.isError()).isFalse();
        assertThat(w.summary()).isEqualTo("image \"jrei/systemd-debian:12\" of container \"box\" runs /lib/systemd/systemd "
                + "(systemd), but the container is run as a plain one");
        assertThat(w.hint()).contains("Set systemd: always");
        assertThat(w.location().line()).isEqualTo(3);
        assertThat(dev.unitgen.diag.DiagnosticPrinter.format(w)).startsWith("Warning: image ").contains("app.yaml line 3, column 12:");
    }

    @Test
    void applyWithNothingToDoChangesNothing() throws Exception {
        apply(render(TWO));
        FileTime before = Files.getLastModifiedTime(host.unitPath("web.service"));
        manager.calls.clear();
        Applier.Result r = apply(render(TWO));
        assertThat(r.plan().isEmpty()).isTrue();
        assertThat(r.reloaded()).isFalse();
        assertThat(manager.calls).as("no reload, no job, no enable").isEmpty();
        assertThat(Files.getLastModifiedTime(host.unitPath("web.service"))).isEqualTo(before);
    }

    @Test
    void onlyTheChangedUnitRestarts() throws Exception {
        apply(render(TWO));
        manager.calls.clear();
        apply(render(TWO.replace("TOKEN: abc", "TOKEN: xyz")));
        assertThat(manager.calls).containsExactly("reset-failed web.service", "restart web.service");
    }

    @Test
    void prunedUnitsAreStoppedDisabledDeletedAndTheirContainersRemoved() throws Exception {
        apply(render(TWO));
        manager.calls.clear();
        apply(render("containers:\n  db:\n    image: postgres:16.4\n"));
        assertThat(manager.calls).containsExactly("stop web.service", "reset-failed web.service", "disable web.service", "reload");
        assertThat(engine.calls).contains("remove web");
        assertThat(host.unitPath("web.service")).doesNotExist();
        assertThat(host.envPath("web")).doesNotExist();
        assertThat(host.links("web.service")).isEmpty();
    }

    @Test
    void anInterruptedApplyIsFinishedByTheNextOne() throws Exception {
        apply(render(TWO));
        manager.failJobsWith = new HostException("killed here");
        assertThatThrownBy(() -> apply(render(TWO.replace("nginx:1.27", "nginx:1.28")))).hasMessage("killed here");
        assertThat(Files.readString(root.resolve(Pending.PATH))).contains("reload", "restart web.service");
        // the files are already new: only the pending record knows web still runs the old version
        manager.failJobsWith = null;
        manager.calls.clear();
        Applier.Result r = apply(render(TWO.replace("nginx:1.27", "nginx:1.28")));
        assertThat(r.plan().changes()).singleElement().satisfies(c ->
                assertThat(c.describe()).contains("restart left over from an interrupted apply"));
        assertThat(manager.calls).containsExactly("reload", "reset-failed web.service", "restart web.service");
        assertThat(root.resolve(Pending.PATH)).doesNotExist();
    }

    @Test
    void aMissingImageWithPullPolicyNeverFailsBeforeAnythingIsWritten() throws Exception {
        engine.missingImages.add("nginx:1.27");
        assertThatThrownBy(() -> apply(render(TWO.replace("environment", "pull_policy: never\n    environment"))))
                .hasMessageContaining("image nginx:1.27 of web.service is not on the engine and its pull_policy is never");
        assertThat(host.unitPath("web.service")).doesNotExist();
        assertThat(host.unitPath("db.service")).doesNotExist();
        assertThat(manager.calls).isEmpty();
    }

    @Test
    void aFailingUnitFailsVerificationWithItsJournal() throws Exception {
        manager.jobResults.put("web.service", "failed");
        Applier.Result first = apply(render(TWO));
        manager.states.put("web.service", new UnitState("loaded", "activating", "auto-restart", "exit-code", 3, 2, 0));
        Applier.Result r = apply(render(TWO));
        assertThat(first.jobs()).containsEntry("web.service", "failed");
        assertThat(r.outcome()).isEqualTo(Applier.Outcome.VERIFY_FAILED);
        Verification v = r.verifications().stream().filter(x -> x.unit().equals("web.service")).findFirst().orElseThrow();
        assertThat(v.problems()).singleElement().asString().contains("activating/auto-restart (exit-code, status 3), restarted 2 times");
        assertThat(v.details()).contains("  journal line of web.service");
    }
}
