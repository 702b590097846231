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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read-only bind-mounted files are configuration: an edit restarts exactly their container, and plan names the file. */
class MountedFilesTest {
    @TempDir
    Path dir;
    Root root;
    HostUnits host;
    FakeServiceManager manager;

    static final String DEFS = """
            containers:
              web:
                image: nginx:1.27
                volumes:
                  - ./nginx.conf:/etc/nginx/nginx.conf:ro
                  - ./data.db:/data/data.db
                  - ./site:/srv:ro
              other:
                image: nginx:1.27
            """;

    @BeforeEach
    void setUp() throws Exception {
        root = new Root(dir.resolve("root"));
        Files.createDirectories(root.resolve("/etc/systemd/system"));
        host = new HostUnits(root);
        manager = new FakeServiceManager(host);
        Files.createDirectories(dir.resolve("defs/site"));
        Files.writeString(dir.resolve("defs/nginx.conf"), "worker_processes 1;\n");
        Files.writeString(dir.resolve("defs/data.db"), "rows\n");
        Files.writeString(dir.resolve("defs/site/index.html"), "one\n");
        apply();
        manager.calls.clear();
    }

    List<RenderedUnit> render() throws Exception {
        Path f = dir.resolve("defs/app.yaml");
        Files.writeString(f, DEFS);
        Generator.Result r = Generator.run(List.of(f.toString()), new Generator.Options(root, CgroupLayout.V1, null, null));
        assertThat(r.ok()).as("%s", r.diagnostics().sorted()).isTrue();
        return r.units();
    }

    Applier.Result apply() throws Exception {
        return new Applier(host, manager, new FakeEngine(), (u, n) -> List.of(), Duration.ofSeconds(5), null)
                .minHealthy(Duration.ZERO).apply(render());
    }

    @Test
    void theUnitCarriesTheDigestOfEachReadOnlyMountedFileOnly() throws Exception {
        String conf = dir.resolve("defs/nginx.conf").toString();
        String hex = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("worker_processes 1;\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String unit = Files.readString(host.unitPath("web.service"));
        assertThat(unit.lines().filter(l -> l.startsWith("Mounted="))).containsExactly("Mounted=" + conf + " sha256:" + hex);
        assertThat(Files.readString(host.unitPath("other.service"))).doesNotContain("Mounted=");
    }

    @Test
    void anEditedFileRestartsOnlyItsContainerAndPlanNamesIt() throws Exception {
        String conf = dir.resolve("defs/nginx.conf").toString();
        Files.writeString(dir.resolve("defs/nginx.conf"), "worker_processes 2;\n");
        Applier.Result r = apply();
        assertThat(r.plan().changes()).extracting(Change::describe)
                .containsExactly("~ web.service (changed: restart; mounted file " + conf + ")");
        assertThat(manager.calls).contains("restart web.service").doesNotContain("restart other.service");
        // no edit: nothing; a writable file or a directory changing: nothing either
        manager.calls.clear();
        Files.writeString(dir.resolve("defs/data.db"), "more rows\n");
        Files.writeString(dir.resolve("defs/site/index.html"), "two\n");
        assertThat(apply().plan().changes()).isEmpty();
        assertThat(manager.calls).isEmpty();
    }
}
