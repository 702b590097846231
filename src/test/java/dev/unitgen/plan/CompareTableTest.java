package dev.unitgen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unitgen.generate.Generator;
import dev.unitgen.layout.CgroupLayout;
import dev.unitgen.layout.Root;
import dev.unitgen.host.UnitState;
import dev.unitgen.render.RenderedUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Planner#compare} as a table, the way NixOS tests its compare_units: each row is the
 * host's facts (made by hand, no host and no fakes) and the desired definition, and the change
 * the plan must hold. The desired units are rendered by the real pipeline.
 */
class CompareTableTest {
    @TempDir
    static Path dir;

    static final String OLD = "containers:\n  web:\n    image: nginx:1.27\n    description: Web\n    environment: {A: one}\n";

    static RenderedUnit render(String yaml) throws Exception {
        Path f = dir.resolve("defs/web.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, yaml);
        Generator.Result r = Generator.run(List.of(f.toString()), new Generator.Options(new Root(dir.resolve("root")),
                CgroupLayout.V1, null, null));
        assertThat(r.diagnostics().hasErrors()).as("%s", r.diagnostics().sorted()).isFalse();
        return r.units().get(0);
    }

    static final UnitState RUNNING = new UnitState("loaded", "active", "running", "success", 0, 0, 1);
    static final UnitState FAILED = new UnitState("loaded", "failed", "failed", "exit-code", 3, 0, 0);

    /** The host as the old definition left it: unit, env file, enabled, running. */
    static HostFacts installed(RenderedUnit old, UnitState state, boolean enabled) {
        TreeMap<String, String> managed = new TreeMap<>(Map.of(old.unitName(), old.unitText()));
        Map<String, String> envs = new HashMap<>();
        if (old.envText() != null) {
            envs.put("web", old.envText());
        }
        Set<String> on = enabled ? Set.of(old.unitName()) : Set.of();
        return new HostFacts(managed, envs, on, on, Map.of(old.unitName(), state), true, List.of());
    }

    static HostFacts empty() {
        return new HostFacts(new TreeMap<>(), Map.of(), Set.of(), Set.of(), Map.of(), true, List.of());
    }

    /**
     * @param newYaml  the desired definition
     * @param state    the unit's state on the host
     * @param expected action, then the words its reasons must contain; "restart", "start",
     *                 "write", "env" for the flags that must be set (all others must not be)
     */
    record Row(String name, String newYaml, UnitState state, boolean enabled, Change.Action action, Set<String> flags,
               String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                new Row("nothing changed", OLD, RUNNING, true, null, Set.of(), null),
                new Row("description only: write, no restart", OLD.replace("Web", "The web"), RUNNING, true,
                        Change.Action.UPDATE, Set.of("write"), "changed: no restart, Description only"),
                new Row("an environment value: restart", OLD.replace("one", "two"), RUNNING, true,
                        Change.Action.UPDATE, Set.of("env", "restart"), "changed: restart; environment"),
                new Row("a docker flag: restart", OLD + "    read_only: true\n", RUNNING, true,
                        Change.Action.UPDATE, Set.of("write", "restart"), "changed: restart; ExecStart"),
                new Row("restart_on_change false: write, no restart", OLD + "    read_only: true\n    restart_on_change: false\n",
                        RUNNING, true, Change.Action.UPDATE, Set.of("write"), "restart_on_change is false"),
                new Row("a failed unit is started", OLD, FAILED, true, Change.Action.UPDATE, Set.of("start"),
                        "not active (failed/failed (exit-code, status 3)): start"),
                new Row("not enabled: enable", OLD, RUNNING, false, Change.Action.UPDATE, Set.of(), "enable"),
                new Row("enabled: false: disable", OLD + "    enabled: false\n", RUNNING, true, Change.Action.UPDATE,
                        Set.of("write"), "disable"),
                new Row("the min_healthy window is not part of the unit", OLD + "    min_healthy: 1m\n", RUNNING, true,
                        null, Set.of(), null)
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void compare(Row row) throws Exception {
        RenderedUnit old = render(OLD);
        RenderedUnit desired = render(row.newYaml());
        Plan plan = Planner.compare(List.of(desired), installed(old, row.state(), row.enabled()), Set.of(), Scope.WHOLE);
        if (row.action() == null) {
            assertThat(plan.changes()).as("%s", plan.changes()).isEmpty();
            assertThat(plan.unchanged()).containsExactly("web.service");
            return;
        }
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(row.action());
            assertThat(String.join("; ", c.reasonTexts())).contains(row.reason());
            Set<String> flags = new LinkedHashSet<>();
            if (c.restart()) {
                flags.add("restart");
            }
            if (c.start()) {
                flags.add("start");
            }
            if (c.writeUnit()) {
                flags.add("write");
            }
            if (c.writeEnv()) {
                flags.add("env");
            }
            assertThat(flags).isEqualTo(row.flags());
        });
    }

    @Test
    void aNewUnitIsCreatedStartedAndEnabled() throws Exception {
        Plan plan = Planner.compare(List.of(render(OLD)), empty(), Set.of(), Scope.WHOLE);
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(Change.Action.CREATE);
            assertThat(c.enable()).isTrue();
            assertThat(c.writeEnv()).isTrue();
        });
    }

    @Test
    void aManagedUnitNoLongerDeclaredIsRemovedOnlyWhenTheScopeCoversIt() throws Exception {
        RenderedUnit old = render(OLD);
        HostFacts facts = installed(old, RUNNING, true);
        Plan whole = Planner.compare(List.of(), facts, Set.of(), Scope.WHOLE);
        assertThat(whole.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(Change.Action.REMOVE);
            assertThat(c.enable()).isFalse();
            assertThat(c.deleteEnv()).isTrue();
        });
        Plan other = Planner.compare(List.of(), facts, Set.of(), Scope.files(List.of("/etc/unitgen/other.yaml")));
        assertThat(other.changes()).isEmpty();
        assertThat(other.untouched()).containsExactly("web.service");
    }

    @Test
    void aRestartOwedByAnInterruptedApplyIsDone() throws Exception {
        RenderedUnit old = render(OLD);
        Plan plan = Planner.compare(List.of(old), installed(old, RUNNING, true), Set.of("web.service"), Scope.WHOLE);
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.restart()).isTrue();
            assertThat(c.reasonTexts()).contains("restart left over from an interrupted apply");
        });
    }

    @Test
    void offlineNothingIsStarted() throws Exception {
        RenderedUnit old = render(OLD);
        HostFacts f = installed(old, FAILED, true);
        HostFacts offline = new HostFacts(f.managed(), f.envs(), f.enabled(), f.linked(), Map.of(), false, List.of());
        assertThat(Planner.compare(List.of(old), offline, Set.of(), Scope.WHOLE).changes()).isEmpty();
    }

    @Test
    void aConflictIsRefusedBeforeAnythingIsCompared() throws Exception {
        HostFacts f = empty();
        HostFacts conflict = new HostFacts(f.managed(), f.envs(), f.enabled(), f.linked(), f.states(), true,
                List.of("/etc/systemd/system/web.service exists and was not written by unitgen"));
        assertThatThrownBy(() -> Planner.compare(List.of(render(OLD)), conflict, Set.of(), Scope.WHOLE))
                .isInstanceOf(Planner.ConflictException.class).hasMessageContaining("was not written by unitgen");
    }
}
