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
        // web and db share app.yaml's default network: its unit is created and started with them
        assertThat(manager.calls).containsExactly("enable app_default-network.service,db.service,web.service", "reload",
                "reset-failed app_default-network.service", "reset-failed db.service", "reset-failed web.service",
                "start app_default-network.service", "start db.service", "start web.service");
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
        // db, alone in its file, leaves the file's default network: the network's unit goes too, db restarts without it
        assertThat(manager.calls).containsExactly("stop app_default-network.service", "stop web.service",
                "reset-failed app_default-network.service", "reset-failed web.service", "disable app_default-network.service,web.service",
                "reload", "reset-failed db.service", "restart db.service");
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

    // ---------------------------------------------------------------- the engine's networks and volumes

    static final String BACK = """
            networks:
              back: {}
            containers:
              web:
                image: nginx:1.27
                networks: [back]
              db:
                image: postgres:16.4
                networks: [back]
              solo:
                image: nginx:1.27
                network_mode: host
            """;

    /** A stop of a unit removes its container, which leaves its networks (docker run --rm). */
    void stopsDetach() {
        manager = new FakeServiceManager(host) {
            @Override
            public java.util.Map<String, String> runJobs(java.util.Map<String, JobType> jobs, Duration timeout) {
                jobs.forEach((u, t) -> {
                    if (t == JobType.STOP) {
                        engine.detach(u.replaceFirst("\\.service$", ""));
                    }
                });
                return super.runJobs(jobs, timeout);
            }
        };
    }

    @Test
    void aNetworkOfAnEarlierUnitgenUsedOnlyByUnitgensContainersIsAdoptedRemovedAndCreatedAgainByItsUnit() throws Exception {
        stopsDetach();
        engine.networks.add(new dev.unitgen.host.ContainerEngine.NetworkInfo("0123456789abcdef", "back", java.util.Map.of(),
                List.of("web", "db")));
        engine.unitgenContainers.addAll(List.of("web", "db", "solo"));
        List<String> said = new java.util.ArrayList<>();
        Applier.Result r = new Applier(host, manager, engine, (u, n) -> List.of(), Duration.ofSeconds(5), e -> {
            if (e instanceof ApplyEvent.ObjectAdopted a) {
                said.add(a.message());
            }
        }).apply(render(BACK));
        assertThat(r.outcome()).isEqualTo(Applier.Outcome.APPLIED);
        assertThat(said).singleElement().asString().contains("Adopting network back (id 0123456789ab)", "no labels",
                "stopping db.service, web.service");
        assertThat(engine.calls).contains("remove network 0123456789abcdef");
        // the containers' units stop, the network goes, then the network's unit starts before them
        assertThat(manager.calls).containsSubsequence("reload", "stop db.service", "start back-network.service", "start db.service")
                .containsSubsequence("stop web.service", "start back-network.service", "start web.service")
                .doesNotContain("stop solo.service");
    }

    @Test
    void anUnlabelledNetworkUsedByAForeignContainerOrByNoneIsRefusedBeforeAnythingIsWritten() throws Exception {
        engine.networks.add(new dev.unitgen.host.ContainerEngine.NetworkInfo("aaaaaaaaaaaaaaaa", "back", java.util.Map.of(),
                List.of("web", "stranger")));
        engine.unitgenContainers.add("web");
        assertThatThrownBy(() -> apply(render(BACK))).hasMessageContaining(
                "network back (id aaaaaaaaaaaa) exists and was not created by unitgen (it has no label dev.unitgen.network; "
                        + "used by stranger, web)");
        engine.networks.set(0, new dev.unitgen.host.ContainerEngine.NetworkInfo("aaaaaaaaaaaaaaaa", "back", java.util.Map.of(), List.of()));
        assertThatThrownBy(() -> apply(render(BACK))).hasMessageContaining("no container uses it")
                .satisfies(e -> assertThat(((HostException) e).hint()).contains("an unused one may be anyone's",
                        "docker network rm NAME", "Nothing was changed."));
        // labels of another tool (compose's) are not an earlier unitgen's either
        engine.networks.set(0, new dev.unitgen.host.ContainerEngine.NetworkInfo("aaaaaaaaaaaaaaaa", "back",
                java.util.Map.of("com.docker.compose.network", "back", "com.docker.compose.project", "shop"), List.of("web")));
        assertThatThrownBy(() -> apply(render(BACK))).hasMessageContaining("was not created by unitgen (it has no label "
                + "dev.unitgen.network; docker compose project shop made it; used by web)");
        assertThat(host.unitPath("web.service")).doesNotExist();
        assertThat(host.unitPath("back-network.service")).doesNotExist();
        assertThat(manager.calls).isEmpty();
        assertThat(engine.calls).doesNotContain("remove network aaaaaaaaaaaaaaaa");
    }

    @Test
    void aNameTheEngineGivesToTwoNetworksIsRefusedWithTheirIdsAndNeverGuessed() throws Exception {
        engine.networks.add(new dev.unitgen.host.ContainerEngine.NetworkInfo("1111111111111111", "back",
                java.util.Map.of("dev.unitgen.network", "x"), List.of("web")));
        engine.networks.add(new dev.unitgen.host.ContainerEngine.NetworkInfo("2222222222222222", "back", java.util.Map.of(), List.of()));
        assertThatThrownBy(() -> apply(render(BACK)))
                .hasMessageContaining("network back is ambiguous: the engine has 2 networks of this name (id 111111111111, used by web, "
                        + "id 222222222222, unused)")
                .satisfies(e -> assertThat(((HostException) e).hint()).contains("Docker 20.10 can hold several networks of one name",
                        "Remove all but one (docker network rm ID", "Nothing was changed."));
        assertThat(host.unitPath("back-network.service")).doesNotExist();
        assertThat(engine.calls).noneMatch(c -> c.startsWith("remove network"));
    }

    @Test
    void aVolumeIsCheckedUnderItsEngineName() throws Exception {
        engine.volumes.put("legacy_data", new dev.unitgen.host.ContainerEngine.VolumeInfo("legacy_data", "local", java.util.Map.of()));
        String owned = "volumes:\n  data: {name: legacy_data}\ncontainers:\n  web:\n    image: nginx:1.27\n    volumes: [\"data:/d\"]\n";
        assertThatThrownBy(() -> apply(render(owned))).hasMessageContaining("volume legacy_data exists and was not created by unitgen");
        Applier.Result r = apply(render(owned.replace("{name: legacy_data}", "{name: legacy_data, external: true}")));
        assertThat(r.outcome()).isEqualTo(Applier.Outcome.APPLIED);
        assertThat(host.unitPath("data-volume.service")).doesNotExist();
        assertThat(Files.readString(host.unitPath("web.service"))).contains("--volume legacy_data:/d");
    }
}
