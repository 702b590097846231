package dev.unitgen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unitgen.FakeServiceManager;
import dev.unitgen.generate.Generator;
import dev.unitgen.layout.CgroupLayout;
import dev.unitgen.host.HostUnits;
import dev.unitgen.layout.Root;
import dev.unitgen.host.UnitState;
import dev.unitgen.render.RenderedUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
    @TempDir
    Path dir;
    Root root;
    HostUnits host;
    FakeServiceManager manager;

    @BeforeEach
    void setUp() throws Exception {
        root = new Root(dir.resolve("root"));
        Files.createDirectories(root.resolve("/etc/systemd/system"));
        host = new HostUnits(root);
        manager = new FakeServiceManager();
    }

    List<RenderedUnit> render(String yaml) throws Exception {
        Path f = dir.resolve("defs/web.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, yaml);
        Generator.Result r = Generator.run(List.of(f.toString()), new Generator.Options(root, CgroupLayout.V1, null, null));
        assertThat(r.diagnostics().hasErrors()).as("%s", r.diagnostics().sorted()).isFalse();
        return r.units();
    }

    void install(List<RenderedUnit> units) {
        for (RenderedUnit u : units) {
            host.writeUnit(u.unitName(), u.unitText());
            if (u.envText() != null) {
                host.writeEnv(u.translation().name(), u.envText());
            }
            host.link(u.unitName(), u.unitText());
        }
    }

    Plan plan(List<RenderedUnit> desired) {
        return new Planner(host, manager).plan(desired, Set.of());
    }

    static final String WEB = "containers:\n  web:\n    image: nginx:1.27\n    description: Web\n    environment: {A: one}\n";

    @Test
    void newUnitIsCreatedAndAnIdenticalOneIsNotTouched() throws Exception {
        List<RenderedUnit> units = render(WEB);
        Plan p = plan(units);
        assertThat(p.changes()).extracting(Change::describe).containsExactly("+ web.service (new)");
        assertThat(p.summary()).isEqualTo("Plan: 1 to create, 0 to change, 0 to remove.");
        install(units);
        Plan again = plan(render(WEB));
        assertThat(again.isEmpty()).isTrue();
        assertThat(again.summary()).startsWith("No changes.");
    }

    @Test
    void cosmeticChangesRestartNothing() throws Exception {
        install(render(WEB));
        Plan p = plan(render(WEB.replace("description: Web", "description: Web server")));
        assertThat(p.changes()).singleElement().satisfies(c -> {
            assertThat(c.describe()).isEqualTo("~ web.service (changed: no restart, Description only)");
            assertThat(c.restart()).isFalse();
            assertThat(c.writeUnit()).isTrue();
        });
    }

    @Test
    void settingAndEnvironmentChangesRestart() throws Exception {
        install(render(WEB));
        Plan p = plan(render(WEB.replace("nginx:1.27", "nginx:1.28").replace("A: one", "A: two")));
        assertThat(p.changes()).singleElement().satisfies(c -> {
            assertThat(c.describe()).isEqualTo("~ web.service (changed: restart; ExecStart, environment)");
            assertThat(c.restart()).isTrue();
            assertThat(c.writeEnv()).isTrue();
        });
    }

    @Test
    void restartOnChangeFalseOptsOut() throws Exception {
        String yaml = WEB + "    restart_on_change: false\n";
        install(render(yaml));
        Plan p = plan(render(yaml.replace("nginx:1.27", "nginx:1.28")));
        assertThat(p.changes()).singleElement().satisfies(c -> {
            assertThat(c.restart()).isFalse();
            assertThat(c.describe()).contains("no restart, restart_on_change is false; ExecStart");
        });
    }

    @Test
    void unitsNoLongerDeclaredAreRemovedOnlyWhenUnitgenWroteThem() throws Exception {
        install(render(WEB + "  old:\n    image: nginx:1.27\n"));
        Files.writeString(root.resolve("/etc/systemd/system/foreign.service"), "[Service]\nExecStart=/bin/true\n");
        Plan p = plan(render(WEB));
        // web and old shared the file's default network; web alone leaves it (the file's default network goes)
        assertThat(p.changes()).extracting(Change::describe).containsExactly("- old.service (no longer declared)",
                "~ web.service (changed: restart; After, ExecStart, Requires)", "- web_default-network.service (no longer declared)");
        assertThat(p.changes().get(0).enable()).isFalse();
    }

    @Test
    void aForeignFileWithAManagedNameIsAConflict() throws Exception {
        Files.writeString(root.resolve("/etc/systemd/system/web.service"), "[Service]\nExecStart=/bin/true\n");
        assertThatThrownBy(() -> plan(render(WEB))).isInstanceOf(Planner.ConflictException.class)
                .hasMessageContaining("web.service exists and was not written by unitgen");
        Files.delete(root.resolve("/etc/systemd/system/web.service"));
        Files.createDirectories(root.resolve("/lib/systemd/system"));
        Files.writeString(root.resolve("/lib/systemd/system/web.service"), "[Service]\nExecStart=/bin/true\n");
        assertThatThrownBy(() -> plan(render(WEB))).hasMessageContaining("is installed by a package");
    }

    @Test
    void inactiveUnitsAreStartedAndHandEditsAreNoticed() throws Exception {
        List<RenderedUnit> units = render(WEB);
        install(units);
        manager.states.put("web.service", new UnitState("loaded", "failed", "failed", "exit-code", 1, 0, 0));
        assertThat(plan(units).changes()).singleElement().satisfies(c -> {
            assertThat(c.start()).isTrue();
            assertThat(c.describe()).contains("not active (failed/failed (exit-code, status 1)): start");
        });
        manager.states.clear();
        host.writeUnit("web.service", units.get(0).unitText().replace("RestartSec=2", "RestartSec=9"));
        assertThat(plan(units).changes()).singleElement().satisfies(c ->
                assertThat(c.describe()).contains("edited outside unitgen").contains("changed: restart; RestartSec"));
    }

    @Test
    void enablementFollowsTheDefinition() throws Exception {
        install(render(WEB));
        Plan p = plan(render(WEB + "    enabled: false\n"));
        assertThat(p.changes()).singleElement().satisfies(c -> {
            assertThat(c.enable()).isFalse();
            assertThat(c.restart()).isFalse();
            assertThat(c.describe()).contains("disable");
        });
    }

    @Test
    void unifiedDiffLooksLikeDiffU() {
        String d = UnifiedDiff.diff("a/x", "1\n2\n3\n4\n5\n6\n7\n8\n", "b/x", "1\n2\n3\n4\nfive\n6\n7\n8\n");
        assertThat(d).isEqualTo("--- a/x\n+++ b/x\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
        assertThat(UnifiedDiff.diff("a", "same\n", "b", "same\n")).isEmpty();
    }
}
