package dev.unitgen.apply;

import dev.unitgen.definition.ObjectDefinition;
import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.HostException;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.translate.Translator;
import dev.unitgen.render.RenderedUnit;
import dev.unitgen.unit.ParsedUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's networks and volumes as apply and destroy see them: a declared object whose name
 * the engine gives to a foreign object (no unitgen label) stops apply before it writes anything;
 * a network whose unit is removed is removed once no container uses it; a volume is removed only
 * on request (destroy --volumes).
 */
public final class EngineObjects {
    private EngineObjects() {
    }

    /**
     * A network an earlier unitgen made (its units ran {@code docker network create NAME}, no
     * label): no labels at all, and attached only to containers of unitgen's (label
     * {@link Translator#UNIT_LABEL}), at least one. Apply stops their units, removes it, and
     * starts them again once the network's unit has created it with unitgen's label.
     *
     * @param units the units of the attached containers (container NAME: unit NAME.service)
     */
    public record Adoption(String network, String id, List<String> units) {
        /** What apply says when it adopts the network. */
        public String describe() {
            return "Adopting network " + network + " (id " + shortId(id) + "): it has no labels and only unitgen's containers use it "
                    + "(an earlier unitgen created it); stopping " + String.join(", ", units) + ", removing it, and starting them "
                    + "again once " + network + "'s unit has created it with unitgen's label";
        }
    }

    /** What {@link #check} found: networks to adopt, and what stops apply (foreign or ambiguous objects). */
    record Findings(List<Adoption> adoptions, List<String> foreign, List<String> ambiguous) {
    }

    /**
     * The engine's objects of the declared names: foreign ones (no unitgen label), networks of
     * an earlier unitgen to adopt ({@link Adoption}), names the engine gives to several
     * networks (never guessed between).
     */
    static Findings check(ContainerEngine engine, List<RenderedUnit> desired) {
        List<Adoption> adoptions = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        List<String> ambiguous = new ArrayList<>();
        java.util.Set<String> ours = null;
        for (RenderedUnit d : desired) {
            ObjectDefinition o = d.object();
            if (o == null) {
                continue;
            }
            String label = o.kind().ownerLabel();
            String name = o.engineName();
            if (o.kind() == ObjectDefinition.Kind.VOLUME) {
                engine.volume(name).filter(v -> !v.labels().containsKey(label)).ifPresent(v ->
                        foreign.add("volume " + name + " exists and was not created by unitgen (it has no label " + label
                                + composeProject(v.labels()) + ")"));
                continue;
            }
            List<ContainerEngine.NetworkInfo> found = engine.networks(name);
            if (found.size() > 1) {
                ambiguous.add("network " + name + " is ambiguous: the engine has " + found.size() + " networks of this name ("
                        + String.join(", ", found.stream().map(n -> "id " + shortId(n.id()) + (n.containers().isEmpty() ? ", unused"
                        : ", used by " + String.join(" ", n.containers()))).toList()) + ")");
                continue;
            }
            for (ContainerEngine.NetworkInfo n : found) {
                if (n.labels().containsKey(label)) {
                    continue;
                }
                if (ours == null) {
                    ours = engine.listByLabel(Translator.UNIT_LABEL).keySet();
                }
                if (n.labels().isEmpty() && !n.containers().isEmpty() && ours.containsAll(n.containers())) {
                    adoptions.add(new Adoption(name, n.id(), n.containers().stream().sorted().map(c -> c + ".service").toList()));
                } else {
                    foreign.add("network " + name + " (id " + shortId(n.id()) + ") exists and was not created by unitgen (it has no label "
                            + label + composeProject(n.labels()) + (n.containers().isEmpty() ? "; no container uses it" : "; used by "
                            + String.join(", ", n.containers().stream().sorted().toList())) + ")");
                }
            }
        }
        return new Findings(adoptions, foreign, ambiguous);
    }

    /** "; docker compose project P made it" when compose's label says so, else "". */
    private static String composeProject(java.util.Map<String, String> labels) {
        String p = labels.get("com.docker.compose.project");
        return p == null ? "" : "; docker compose project " + p + " made it";
    }

    private static String shortId(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }

    /**
     * Throws when {@link #check} finds foreign or ambiguous objects (every one at once): apply
     * then writes nothing. Returns the networks to adopt.
     */
    static List<Adoption> checkNoForeign(ContainerEngine engine, List<RenderedUnit> desired) {
        Findings f = check(engine, desired);
        if (f.foreign().isEmpty() && f.ambiguous().isEmpty()) {
            return f.adoptions();
        }
        List<String> all = new ArrayList<>(f.ambiguous());
        all.addAll(f.foreign());
        List<String> hints = new ArrayList<>();
        if (!f.ambiguous().isEmpty()) {
            hints.add("Docker 20.10 can hold several networks of one name after two were created at once (earlier unitgen "
                    + "versions could do that); a container then cannot join it by name, and unitgen does not choose one. "
                    + "Remove all but one (docker network rm ID; docker network inspect ID lists the containers using it).");
        }
        if (!f.foreign().isEmpty()) {
            hints.add("unitgen never touches a network or volume it did not create. Remove or rename it, or declare it "
                    + "external: true to use it as it is (with name: NAME when its key is another). A network without labels that an earlier unitgen created is adopted "
                    + "only while unitgen's containers use it; an unused one may be anyone's: if it was unitgen's, remove it "
                    + "(docker network rm NAME).");
        }
        hints.add("Nothing was changed.");
        throw new HostException(String.join("\n       ", all), String.join(" ", hints), null);
    }

    /**
     * Before the start jobs of an apply that adopts {@code a}: the units that use the network
     * are stopped (their containers leave it) and the network is removed; its unit creates it
     * again with unitgen's label, and the units are started after it. Nothing is removed when
     * the network changed meanwhile (labelled, or used by another container).
     */
    static void adopt(ContainerEngine engine, ServiceManager manager, Adoption a, Duration timeout) {
        manager.runJobs(a.units().stream().collect(java.util.stream.Collectors.toMap(u -> u, u -> ServiceManager.JobType.STOP,
                (x, y) -> x, java.util.LinkedHashMap::new)), timeout);
        for (ContainerEngine.NetworkInfo n : engine.networks(a.network())) {
            if (n.id().equals(a.id()) && n.labels().isEmpty() && n.containers().isEmpty()) {
                engine.removeNetwork(n.id());
            }
        }
    }

    /** The network (kind NETWORK) or volume an object unit's text makes, or empty for a container's unit. */
    static Optional<String> object(String unitText, ObjectDefinition.Kind kind) {
        return unitText == null ? Optional.empty()
                : ParsedUnit.parse(unitText).value("X-Unitgen", kind == ObjectDefinition.Kind.NETWORK ? "Network" : "Volume");
    }

    /**
     * After the unit of a network was removed: the network is removed when unitgen created it
     * and no container uses it; kept, with the reason, otherwise. A volume is kept (it holds data).
     *
     * @return what was done, one line each
     */
    public static List<String> prune(ContainerEngine engine, String oldUnitText, boolean removeVolumes) {
        List<String> said = new ArrayList<>();
        object(oldUnitText, ObjectDefinition.Kind.NETWORK).ifPresent(name -> {
            String label = ObjectDefinition.Kind.NETWORK.ownerLabel();
            for (ContainerEngine.NetworkInfo n : engine.networks(name)) {
                if (!n.labels().containsKey(label)) {
                    continue;
                }
                if (!n.containers().isEmpty()) {
                    said.add("Warning: kept network " + name + ": still used by " + String.join(", ", n.containers()));
                    continue;
                }
                try {
                    engine.removeNetwork(n.id());
                    said.add("Removed network " + name);
                } catch (HostException e) {
                    said.add("Warning: kept network " + name + ": " + e.getMessage());
                }
            }
        });
        object(oldUnitText, ObjectDefinition.Kind.VOLUME).ifPresent(name -> {
            String label = ObjectDefinition.Kind.VOLUME.ownerLabel();
            boolean owned = engine.volume(name).map(v -> v.labels().containsKey(label)).orElse(false);
            if (!owned) {
                return;
            }
            if (!removeVolumes) {
                said.add("Kept volume " + name + " (data); unitgen destroy --volumes removes it");
                return;
            }
            try {
                engine.removeVolume(name);
                said.add("Removed volume " + name);
            } catch (HostException e) {
                said.add("Warning: kept volume " + name + ": " + e.getMessage());
            }
        });
        return said;
    }

    /** Whether the unit text is a network's or volume's unit (its container is not a container). */
    public static boolean isObjectUnit(String unitText) {
        return object(unitText, ObjectDefinition.Kind.NETWORK).isPresent() || object(unitText, ObjectDefinition.Kind.VOLUME).isPresent();
    }
}
