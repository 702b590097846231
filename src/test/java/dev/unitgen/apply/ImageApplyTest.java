package dev.unitgen.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unitgen.FakeEngine;
import dev.unitgen.FakeServiceManager;
import dev.unitgen.generate.Generator;
import dev.unitgen.layout.CgroupLayout;
import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.HostException;
import dev.unitgen.host.HostUnits;
import dev.unitgen.layout.Root;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apply and images declared under images:: built (never pulled) when missing, before anything is written. */
class ImageApplyTest {
    @TempDir
    Path dir;
    Root root;
    HostUnits host;
    FakeServiceManager manager;
    RecordingEngine engine;

    /** The fake engine, remembering each build's context and whether the unit file existed then. */
    final class RecordingEngine implements ContainerEngine {
        final FakeEngine fake = new FakeEngine();
        final List<byte[]> contexts = new ArrayList<>();
        final List<BuildRequest> requests = new ArrayList<>();
        boolean unitExistedAtBuild;
        String failWith;

        @Override
        public String address() {
            return fake.address();
        }

        @Override
        public EngineInfo info() {
            return fake.info();
        }

        @Override
        public boolean imageExists(String image) {
            return fake.imageExists(image);
        }

        @Override
        public void pull(String image, Consumer<String> progress) {
            fake.pull(image, progress);
        }

        @Override
        public List<String> imageCommand(String image) {
            return fake.imageCommand(image);
        }

        @Override
        public String build(byte[] context, BuildRequest request, Consumer<String> progress) {
            unitExistedAtBuild |= Files.exists(host.unitPath("box.service"));
            contexts.add(context);
            requests.add(request);
            if (failWith != null) {
                fake.calls.add("build " + request.tag() + " (failed)");
                throw new HostException("cannot build image " + request.tag() + ": " + failWith);
            }
            return fake.build(context, request, progress);
        }

        @Override
        public Optional<ContainerInfo> inspect(String name) {
            return fake.inspect(name);
        }

        @Override
        public ExecResult exec(String name, List<String> command, Duration timeout) {
            return fake.exec(name, command, timeout);
        }

        @Override
        public List<String> logs(String name, int lines) {
            return fake.logs(name, lines);
        }

        @Override
        public void remove(String name) {
            fake.remove(name);
        }

        @Override
        public void close() {
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        root = new Root(dir.resolve("root"));
        Files.createDirectories(root.resolve("/etc/systemd/system"));
        host = new HostUnits(root);
        manager = new FakeServiceManager(host);
        engine = new RecordingEngine();
    }

    static final String DEFS = """
            images:
              sys:
                from: debian:12
                packages: [nginx]
                build_network: host
                files:
                  - {source: index.html, target: /var/www/html/index.html}
                enable: [nginx]
            containers:
              box:
                image: sys
                pull_policy: always
            """;

    Generator.Result generate(String yaml, String index) throws Exception {
        Path f = dir.resolve("defs/app.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, yaml);
        Files.writeString(dir.resolve("defs/index.html"), index);
        Generator.Result r = Generator.run(List.of(f.toString()), new Generator.Options(root, CgroupLayout.V1, null, null));
        assertThat(r.ok()).as("%s", r.diagnostics().sorted()).isTrue();
        return r;
    }

    Applier.Result apply(Generator.Result r) {
        return new Applier(host, manager, engine, (u, n) -> List.of(), Duration.ofSeconds(5), null).apply(r.units());
    }

    @Test
    void aMissingDeclaredImageIsBuiltBeforeAnythingIsWrittenAndNeverPulled() throws Exception {
        Generator.Result r = generate(DEFS, "<h1>one</h1>\n");
        String tag = r.images().get("sys").tag();
        assertThat(tag).matches("unitgen/sys:[0-9a-f]{12}");
        assertThat(r.diagnostics().sorted()).anySatisfy(d -> assertThat(d.summary())
                .contains("pull_policy has no effect on container \"box\": its image \"sys\" is declared under images:"));
        assertThat(r.units().get(0).translation().dockerRunArgv()).containsSequence("--pull", "never").endsWith(tag);
        engine.fake.missingImages.add(tag);

        Applier.Result result = apply(r);
        assertThat(result.outcome()).isEqualTo(Applier.Outcome.APPLIED);
        assertThat(engine.fake.calls).containsExactly("build " + tag);
        assertThat(engine.unitExistedAtBuild).as("the unit file was written before the build").isFalse();
        assertThat(engine.requests.get(0).network()).isEqualTo("host");
        assertThat(engine.requests.get(0).labels()).containsEntry("dev.unitgen.image", "sys")
                .containsEntry("dev.unitgen.digest", r.images().get("sys").digest());
        assertThat(tarEntries(engine.contexts.get(0))).containsExactly("Dockerfile", "files/01-index.html");
        assertThat(manager.calls).contains("start box.service");

        // present now: a second apply builds nothing
        engine.fake.calls.clear();
        apply(generate(DEFS, "<h1>one</h1>\n"));
        assertThat(engine.fake.calls).isEmpty();
    }

    @Test
    void aChangedFileChangesTheTagTheUnitAndRestartsIt() throws Exception {
        Generator.Result first = generate(DEFS, "<h1>one</h1>\n");
        apply(first);
        Generator.Result second = generate(DEFS, "<h1>two</h1>\n");
        String tag = second.images().get("sys").tag();
        assertThat(tag).isNotEqualTo(first.images().get("sys").tag());
        engine.fake.missingImages.add(tag);
        manager.calls.clear();
        Applier.Result r = apply(second);
        assertThat(r.plan().changes()).singleElement().satisfies(c -> assertThat(c.restart()).isTrue());
        assertThat(engine.fake.calls).containsExactly("build " + tag);
        assertThat(manager.calls).contains("restart box.service");
        // the same definition and files give the same tag
        assertThat(generate(DEFS, "<h1>two</h1>\n").images().get("sys").tag()).isEqualTo(tag);
        // build_network is not part of the image: it changes nothing
        assertThat(generate(DEFS.replace("build_network: host", "build_network: none"), "<h1>two</h1>\n")
                .images().get("sys").tag()).isEqualTo(tag);
    }

    @Test
    void aFailingBuildStopsApplyBeforeAnythingIsWritten() throws Exception {
        Generator.Result r = generate(DEFS, "x\n");
        engine.fake.missingImages.add(r.images().get("sys").tag());
        engine.failWith = "The command '/bin/sh -c exit 3' returned a non-zero code: 3";
        assertThatThrownBy(() -> apply(r)).isInstanceOf(HostException.class).hasMessageContaining("returned a non-zero code: 3");
        assertThat(host.unitPath("box.service")).doesNotExist();
        assertThat(manager.calls).isEmpty();
    }

    /** The names in a tar, read back with the JDK only (ustar headers). */
    static List<String> tarEntries(byte[] tar) throws Exception {
        List<String> names = new ArrayList<>();
        ByteArrayInputStream in = new ByteArrayInputStream(tar);
        byte[] header = new byte[512];
        while (in.readNBytes(header, 0, 512) == 512) {
            String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replaceAll("\0.*", "");
            if (name.isEmpty()) {
                break;
            }
            long sum = 0;
            for (int i = 0; i < 512; i++) {
                sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
            }
            assertThat(Long.parseLong(new String(header, 148, 6, StandardCharsets.US_ASCII), 8)).as("checksum of %s", name).isEqualTo(sum);
            long size = Long.parseLong(new String(header, 124, 11, StandardCharsets.US_ASCII), 8);
            names.add(name);
            in.skipNBytes((size + 511) / 512 * 512);
        }
        return names;
    }
}
