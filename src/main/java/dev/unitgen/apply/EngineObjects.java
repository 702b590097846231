package dev.unitgen.apply;

import dev.unitgen.definition.ObjectDefinition;
import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.HostException;
import dev.unitgen.render.RenderedUnit;
import dev.unitgen.unit.ParsedUnit;
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

    /** The foreign networks and volumes that have the name of a declared one; empty when there are none. */
    static List<String> foreign(ContainerEngine engine, List<RenderedUnit> desired) {
        List<String> out = new ArrayList<>();
        for (RenderedUnit d : desired) {
            ObjectDefinition o = d.object();
            if (o == null) {
                continue;
            }
            String label = o.kind().ownerLabel();
            if (o.kind() == ObjectDefinition.Kind.NETWORK) {
                for (ContainerEngine.NetworkInfo n : engine.networks(o.name())) {
                    if (!n.labels().containsKey(label)) {
                        out.add("network " + o.name() + " (id " + n.id().substring(0, Math.min(12, n.id().length()))
                                + ") exists and was not created by unitgen (it has no label " + label + ")");
                    }
                }
            } else {
                engine.volume(o.name()).filter(v -> !v.labels().containsKey(label)).ifPresent(v ->
                        out.add("volume " + o.name() + " exists and was not created by unitgen (it has no label " + label + ")"));
            }
        }
        return out;
    }

    /** Throws when {@link #foreign} finds any: apply then writes nothing. */
    static void checkNoForeign(ContainerEngine engine, List<RenderedUnit> desired) {
        List<String> foreign = foreign(engine, desired);
        if (!foreign.isEmpty()) {
            throw new HostException(String.join("\n       ", foreign),
                    "unitgen never touches a network or volume it did not create. Remove or rename it, or declare it "
                            + "external: true to use it as it is. Nothing was changed.", null);
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
