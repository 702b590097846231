package dev.unitgen.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unitgen.FakeEngine;
import dev.unitgen.FakeServiceManager;
import dev.unitgen.generate.Generator;
import dev.unitgen.host.HostUnits;
import dev.unitgen.layout.CgroupLayout;
import dev.unitgen.layout.Root;
import dev.unitgen.plan.Change;
import dev.unitgen.render.RenderedUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apply --pull: pulls, restarts exactly the containers whose image ID changed, keeps and restores the previous image. */
class ImageUpdateTest {
    @TempDir
    Path dir;
    Root root;
    HostUnits host;
    Engine engine;
    Manager manager;
    final List<ApplyEvent> events = new ArrayList<>();

    static final String V1 = "sha256:" + "1".repeat(64);
    static final String V2 = "sha256:" + "2".repeat(64);
    static final String V3 = "sha256:" + "3".repeat(64);
    static final String DB = "sha256:" + "d".repeat(64);

    /** References point to IDs; a container runs the ID its reference had when it was (re)started. */
    static class Engine extends FakeEngine {
        final Map<String, String> refs = new HashMap<>();
        final Map<String, String> running = new HashMap<>();
        /** what a pull makes a reference point to */
        final Map<String, String> upstream = new HashMap<>();
        /** image IDs whose containers exit at once */
        final List<String> broken = new ArrayList<>();

        @Override
        public void pull(String image, Consumer<String> progress) {
            super.pull(image, progress);
            if (upstream.containsKey(image)) {
                refs.put(image, upstream.get(image));
            }
        }

        @Override
        public Optional<String> imageId(String image) {
            return Optional.ofNullable(refs.get(image));
        }

        final Map<String, List<String>> repoDigests = new HashMap<>();

        @Override
        public List<String> repoDigests(String image) {
            return repoDigests.getOrDefault(image, List.of());
        }

        @Override
        public Optional<String> containerImageId(String name) {
            return Optional.ofNullable(running.get(name));
        }

        @Override
        public void tag(String image, String ref) {
            calls.add("tag " + image.substring(0, 8) + " " + ref);
            refs.put(ref, refs.getOrDefault(image, image));
        }

        @Override
        public void untag(String ref) {
            calls.add("untag " + ref);
            refs.remove(ref);
        }

        @Override
        public Optional<ContainerInfo> inspect(String name) {
            boolean up = !broken.contains(running.get(name));
            return Optional.of(new ContainerInfo("id-" + name + "-" + running.get(name), name, "img", up ? "running" : "exited", up,
                    "2026-01-01T00:00:00Z", null, up ? 0 : 1, 0));
        }
    }

    /** A (re)started unit's container runs what its image reference points to then. */
    final class Manager extends FakeServiceManager {
        final Map<String, String> images = new HashMap<>();

        Manager(HostUnits host) {
            super(host);
        }

        @Override
        public Map<String, String> runJobs(Map<String, JobType> jobs, Duration timeout) {
            Map<String, String> r = super.runJobs(jobs, timeout);
            jobs.forEach((u, t) -> {
                String c = u.replace(".service", "");
                if (t != JobType.STOP && images.containsKey(c)) {
                    engine.running.put(c, engine.refs.get(images.get(c)));
                }
            });
            return r;
        }
    }

    static final String DEFS = """
            containers:
              web:
                image: 127.0.0.1:5000/web:stable
              db:
                image: 127.0.0.1:5000/db:16
              local:
                image: mine:1
                pull_policy: never
            """;

    @BeforeEach
    void setUp() throws Exception {
        root = new Root(dir.resolve("root"));
        Files.createDirectories(root.resolve("/etc/systemd/system"));
        host = new HostUnits(root);
        engine = new Engine();
        manager = new Manager(host);
        manager.images.putAll(Map.of("web", "127.0.0.1:5000/web:stable", "db", "127.0.0.1:5000/db:16", "local", "mine:1"));
        engine.refs.putAll(Map.of("127.0.0.1:5000/web:stable", V1, "127.0.0.1:5000/db:16", DB, "mine:1", DB));
        applier(false).apply(render());
        assertThat(engine.running).containsEntry("web", V1).containsEntry("db", DB);
        engine.calls.clear();
        manager.calls.clear();
    }

    List<RenderedUnit> render() throws Exception {
        Path f = dir.resolve("defs/app.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, DEFS);
        Generator.Result r = Generator.run(List.of(f.toString()), new Generator.Options(root, CgroupLayout.V1, null, null));
        assertThat(r.ok()).as("%s", r.diagnostics().sorted()).isTrue();
        return r.units();
    }

    Applier applier(boolean pull) {
        return new Applier(host, manager, engine, (u, n) -> List.of("log of " + u), Duration.ofSeconds(5), events::add)
                .minHealthy(Duration.ZERO).pull(pull);
    }

    @Test
    void pullRestartsExactlyTheContainerWhoseImageChanged() throws Exception {
        engine.upstream.put("127.0.0.1:5000/web:stable", V2);
        Applier a = applier(true);
        var plan = a.plan(render(), dev.unitgen.plan.Scope.WHOLE);
        assertThat(engine.calls).containsExactly("pull 127.0.0.1:5000/db:16", "pull 127.0.0.1:5000/web:stable");
        assertThat(plan.changes()).extracting(Change::describe)
                .containsExactly("~ web.service (image 127.0.0.1:5000/web:stable sha256:111111111111 -> sha256:222222222222)");
        Applier.Result r = a.apply(plan, render());
        assertThat(r.outcome()).isEqualTo(Applier.Outcome.APPLIED);
        assertThat(manager.calls).containsExactly("reset-failed web.service", "restart web.service");
        assertThat(engine.running).containsEntry("web", V2).containsEntry("db", DB);
        // kept while verifying, released once verified; nothing pulled twice
        assertThat(engine.calls).containsExactly("pull 127.0.0.1:5000/db:16", "pull 127.0.0.1:5000/web:stable",
                "tag sha256:1 unitgen-previous:web", "untag unitgen-previous:web");
        assertThat(engine.refs).doesNotContainKey("unitgen-previous:web");
        // nothing new upstream: nothing restarts
        engine.calls.clear();
        manager.calls.clear();
        assertThat(applier(true).apply(render()).plan().changes()).isEmpty();
        assertThat(manager.calls).isEmpty();
    }

    @Test
    void aPinnedImageWhoseTagMovedUpstreamIsNamedNotChanged() throws Exception {
        String pinned = "sha256:" + "e".repeat(64);
        String newer = "sha256:" + "f".repeat(64);
        Path f = dir.resolve("defs/pinned.yaml");
        Files.writeString(f, "containers:\n  pin:\n    image: 127.0.0.1:5000/pin:1@" + pinned + "\n");
        List<RenderedUnit> units = Generator.run(List.of(f.toString()), new Generator.Options(root, CgroupLayout.V1, null, null)).units();
        engine.repoDigests.put("127.0.0.1:5000/pin:1", List.of("127.0.0.1:5000/pin@" + newer));
        List<dev.unitgen.diag.Diagnostic> warnings = new ArrayList<>();
        ImageUpdates.newerDigests(engine, units, e -> { }, warnings::add);
        assertThat(engine.calls).containsExactly("pull 127.0.0.1:5000/pin:1");
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.summary()).isEqualTo("image 127.0.0.1:5000/pin:1 of container \"pin\" is pinned to "
                    + pinned + ", but the tag is " + newer + " upstream now");
            assertThat(w.hint()).contains("image: 127.0.0.1:5000/pin:1@" + newer);
        });
        // the tag still at the pinned digest: nothing to say
        engine.repoDigests.put("127.0.0.1:5000/pin:1", List.of("127.0.0.1:5000/pin@" + pinned));
        warnings.clear();
        ImageUpdates.newerDigests(engine, units, e -> { }, warnings::add);
        assertThat(warnings).isEmpty();
    }

    @Test
    void withoutPullTheImagesAreNeitherPulledNorCompared() throws Exception {
        engine.refs.put("127.0.0.1:5000/web:stable", V2); // moved locally, but apply was not asked to look
        assertThat(applier(false).apply(render()).plan().changes()).isEmpty();
        assertThat(engine.calls).isEmpty();
    }

    @Test
    void aFailedUpdateIsRolledBackToThePreviousImage() throws Exception {
        engine.upstream.put("127.0.0.1:5000/web:stable", V3);
        engine.broken.add(V3);
        String unit = Files.readString(host.unitPath("web.service"));
        Applier.Result r = applier(true).rollbackOnFailure(true).apply(render());
        assertThat(r.outcome()).isEqualTo(Applier.Outcome.VERIFY_FAILED);
        assertThat(r.rolledBack()).containsExactly("web.service");
        assertThat(r.verifications()).filteredOn(v -> !v.ok()).singleElement()
                .satisfies(v -> assertThat(v.unit()).isEqualTo("web.service"));
        // the reference points at v1 again, the unit was restarted on it, the keeping tag is gone
        assertThat(engine.refs).containsEntry("127.0.0.1:5000/web:stable", V1).doesNotContainKey("unitgen-previous:web");
        assertThat(engine.running).containsEntry("web", V1);
        assertThat(engine.calls).containsSubsequence("tag sha256:1 unitgen-previous:web",
                "tag sha256:1 127.0.0.1:5000/web:stable", "untag unitgen-previous:web");
        assertThat(manager.calls).containsSubsequence("restart web.service", "reload", "restart web.service");
        assertThat(Files.readString(host.unitPath("web.service"))).isEqualTo(unit);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(ApplyEvent.PreviousVerified.class)
                .satisfies(p -> assertThat(((ApplyEvent.PreviousVerified) p).verification().ok()).isTrue()));
    }

    @Test
    void aFailedUpdateWithoutRollbackKeepsThePreviousImageTagged() throws Exception {
        engine.upstream.put("127.0.0.1:5000/web:stable", V3);
        engine.broken.add(V3);
        Applier.Result r = applier(true).apply(render());
        assertThat(r.outcome()).isEqualTo(Applier.Outcome.VERIFY_FAILED);
        assertThat(engine.refs).containsEntry("unitgen-previous:web", V1).containsEntry("127.0.0.1:5000/web:stable", V3);
    }

    @Test
    void aFailingPullStopsApplyBeforeAnythingIsWritten() throws Exception {
        Engine failing = new Engine() {
            @Override
            public void pull(String image, Consumer<String> progress) {
                throw new dev.unitgen.host.HostException("cannot pull " + image + ": manifest unknown");
            }
        };
        engine = failing;
        Files.delete(host.unitPath("db.service"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> applier(true).apply(render()))
                .hasMessage("cannot pull 127.0.0.1:5000/db:16: manifest unknown");
        assertThat(host.unitPath("db.service")).doesNotExist();
        assertThat(manager.calls).isEmpty();
    }
}
