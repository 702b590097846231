package dev.unitgen.plan;

import dev.unitgen.host.HostUnits;
import dev.unitgen.layout.Root;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.host.UnitState;
import dev.unitgen.render.RenderedUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the plan needs to know about the host, gathered once before comparing: the units
 * unitgen manages (their texts), the env files of the declared and managed containers, which
 * units are enabled or linked, the manager's states of the declared units already there, and
 * the files unitgen must not touch. {@link Planner#compare} is a pure function of these facts
 * and the desired units.
 *
 * @param managed  unit name -> text of every unit file with an [X-Unitgen] section
 * @param envs     container name -> env file text (absent: no env file)
 * @param enabled  units whose [Install] links all exist
 * @param linked   units with any enablement link
 * @param states   unit -> state, for the declared units already on the host (empty offline)
 * @param live     a manager answers (false with --offline: nothing is started)
 * @param conflicts the reasons a declared unit cannot be written (a foreign file, a package's unit)
 * @param images   container -> its image drift, for the running containers whose image ID differs from what their
 *                 reference points to (gathered only by plan --pull and apply --pull; empty otherwise)
 */
public record HostFacts(TreeMap<String, String> managed, Map<String, String> envs, Set<String> enabled, Set<String> linked,
                        Map<String, UnitState> states, boolean live, List<String> conflicts, Map<String, ImageDrift> images) {

    public HostFacts(TreeMap<String, String> managed, Map<String, String> envs, Set<String> enabled, Set<String> linked,
                     Map<String, UnitState> states, boolean live, List<String> conflicts) {
        this(managed, envs, enabled, linked, states, live, conflicts, Map.of());
    }

    /** These facts with the containers' image drift. */
    public HostFacts withImages(Map<String, ImageDrift> drift) {
        return new HostFacts(managed, envs, enabled, linked, states, live, conflicts, Map.copyOf(drift));
    }

    /** Reads the facts for {@code desired}: files under the root, and one call to the manager for the states. */
    public static HostFacts gather(HostUnits host, ServiceManager manager, List<RenderedUnit> desired) {
        List<String> conflicts = new ArrayList<>();
        for (RenderedUnit d : desired) {
            if (host.isForeign(d.unitName())) {
                conflicts.add(host.unitPath(d.unitName()) + " exists and was not written by unitgen");
            }
            host.vendorUnit(d.unitName()).ifPresent(p -> conflicts.add(d.unitName() + " is installed by a package ("
                    + p + "); a unit in " + Root.UNIT_DIR + " would shadow it"));
        }
        TreeMap<String, String> managed = host.managed();
        Map<String, String> envs = new HashMap<>();
        Set<String> containers = new LinkedHashSet<>();
        desired.stream().filter(RenderedUnit::isContainer).forEach(d -> containers.add(d.name()));
        managed.keySet().forEach(u -> containers.add(Planner.container(u)));
        containers.forEach(c -> host.envText(c).ifPresent(t -> envs.put(c, t)));
        Set<String> enabled = new LinkedHashSet<>();
        Set<String> linked = new LinkedHashSet<>();
        for (Map.Entry<String, String> m : managed.entrySet()) {
            if (host.isEnabled(m.getKey(), m.getValue())) {
                enabled.add(m.getKey());
            }
            if (host.hasLinks(m.getKey())) {
                linked.add(m.getKey());
            }
        }
        // one call for the states of the declared units already on the host (ListUnitsByNames over
        // D-Bus); a new unit is started anyway
        Map<String, UnitState> states = manager.live()
                ? manager.states(desired.stream().map(RenderedUnit::unitName).filter(managed::containsKey).toList())
                : Map.of();
        return new HostFacts(managed, envs, enabled, linked, states, manager.live(), conflicts);
    }
}
