package dev.unitgen.definition;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.util.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every container of every definition file, validated together: names unique across files,
 * depends_on targets declared, no dependency cycle, no contradicting keys.
 */
public final class Definitions {
    private final Map<String, ContainerDefinition> byName;
    private final Map<String, ImageDefinition> images;
    private final Map<ObjectDefinition.Kind, Map<String, ObjectDefinition>> objects;

    private Definitions(Map<String, ContainerDefinition> byName, Map<String, ImageDefinition> images,
                        Map<ObjectDefinition.Kind, Map<String, ObjectDefinition>> objects) {
        this.byName = byName;
        this.images = images;
        this.objects = objects;
    }

    /** Validates the containers of all files together; the result holds the valid ones, sorted by name. */
    public static Definitions of(List<ContainerDefinition> all, Diagnostics d) {
        return of(all, List.of(), List.of(), d);
    }

    /** Everything one file or a set of files declared ({@link DefinitionReader.Parsed}s together). */
    public static Definitions of(DefinitionReader.Parsed parsed, Diagnostics d) {
        return of(parsed.containers(), parsed.images(), parsed.objects(), d);
    }

    /**
     * Validates the containers and images of all files together: names unique, a container's
     * {@code image:} that names a declared image refers to it.
     */
    public static Definitions of(List<ContainerDefinition> all, List<ImageDefinition> declaredImages,
                                 List<ObjectDefinition> declaredObjects, Diagnostics d) {
        Map<ObjectDefinition.Kind, Map<String, ObjectDefinition>> objects = objects(declaredObjects, d);
        Map<String, List<ImageDefinition>> imageGroups = new TreeMap<>();
        for (ImageDefinition i : declaredImages) {
            imageGroups.computeIfAbsent(i.name(), k -> new ArrayList<>()).add(i);
        }
        Map<String, ImageDefinition> images = new LinkedHashMap<>();
        for (Map.Entry<String, List<ImageDefinition>> g : imageGroups.entrySet()) {
            List<ImageDefinition> same = g.getValue();
            if (same.size() > 1) {
                same.sort(Comparator.comparing((ImageDefinition i) -> i.file().displayName()).thenComparing(i -> i.nameLocation().line()));
                for (ImageDefinition i : same) {
                    List<String> others = same.stream().filter(o -> o != i).map(o -> o.nameLocation().toString()).toList();
                    d.error(i.nameLocation(), "image " + Text.q(g.getKey()) + " is declared more than once",
                            "Also declared at " + String.join(", ", others) + "; an image name must be unique.");
                }
            }
            images.put(g.getKey(), same.get(0));
        }
        for (ImageDefinition i : images.values()) {
            if (images.containsKey(i.from())) {
                d.error(i.locationOf(ImageKeys.FROM), "from of image " + Text.q(i.name()) + " names the declared image "
                        + Text.q(i.from()), "An image is built from a base image of a registry or of the engine; "
                        + "put the steps of both into one image.");
            }
        }
        Map<String, List<ContainerDefinition>> groups = new TreeMap<>();
        for (ContainerDefinition c : all) {
            groups.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
        }
        Map<String, ContainerDefinition> byName = new LinkedHashMap<>();
        for (Map.Entry<String, List<ContainerDefinition>> g : groups.entrySet()) {
            List<ContainerDefinition> same = g.getValue();
            if (same.size() > 1) {
                same.sort(Comparator.comparing((ContainerDefinition c) -> c.file().displayName()).thenComparing(c -> c.nameLocation().line()));
                for (ContainerDefinition c : same) {
                    List<String> others = same.stream().filter(o -> o != c)
                            .map(o -> o.nameLocation().toString()).toList();
                    d.error(c.nameLocation(), "container " + Text.q(g.getKey()) + " is declared more than once",
                            "Also declared at " + String.join(", ", others) + "; a name is a unit name and must be unique.");
                }
            }
            byName.put(g.getKey(), same.get(0));
        }
        for (ContainerDefinition c : byName.values()) {
            String image = c.get(ContainerKeys.IMAGE);
            boolean declared = image != null && images.containsKey(image);
            Conflicts.check(c, declared, d);
            MemoryLimits.check(c, d);
            if (declared && c.has(ContainerKeys.PULL_POLICY)) {
                d.warning(c.locationOf(ContainerKeys.PULL_POLICY), "pull_policy has no effect on container " + Text.q(c.name())
                        + ": its image " + Text.q(image) + " is declared under images:",
                        "unitgen builds a declared image when the engine does not have it, and never pulls it.");
            }
            for (Dependency dep : c.list(ContainerKeys.DEPENDS_ON)) {
                ContainerDefinition target = byName.get(dep.name());
                if (dep.name().equals(c.name())) {
                    d.error(dep.location(), "container " + Text.q(c.name()) + " depends on itself");
                } else if (target == null && !dep.required()) {
                    d.warning(dep.location(), "container " + Text.q(c.name()) + " depends on " + Text.q(dep.name())
                            + ", which is not declared; it is optional (required: false), so it is left out", null);
                } else if (target == null) {
                    d.error(dep.location(), "container " + Text.q(c.name()) + " depends on " + Text.q(dep.name())
                            + ", which is not declared", Text.closest(dep.name(), byName.keySet()).map(n -> "Did you mean " + n + "?")
                            .orElse("Declare it, or remove it from depends_on."));
                } else if (dep.condition() == Dependency.Condition.SERVICE_HEALTHY && !hasHealthcheck(target)) {
                    d.error(dep.location(), "container " + Text.q(c.name()) + " waits for " + Text.q(dep.name())
                            + " to be healthy, but it has no healthcheck", "Give " + dep.name() + " a healthcheck, or use service_started.");
                }
                if (target != null && !dep.name().equals(c.name()) && !shareNetwork(c, target)) {
                    d.warning(dep.location(), "container " + Text.q(c.name()) + " depends on " + Text.q(dep.name())
                            + ", but they share no network: " + dep.name() + " does not resolve by name in " + c.name(),
                            "Put both on a declared network (networks: [NAME] in each, NAME under the top-level networks:), "
                                    + "or use network_mode: service:" + dep.name() + ". Containers of one file that choose neither "
                                    + "networks nor network_mode share the file's default network ("
                                    + DefinitionReader.defaultNetworkName(java.nio.file.Path.of(c.hostSourcePath())) + ").");
                }
            }
            checkObjectsDeclared(c, objects, d);
            String shared = sharedNetworkTarget(c);
            if (shared != null && !byName.containsKey(shared)) {
                d.error(c.locationOf(ContainerKeys.NETWORK_MODE), "network_mode of container " + Text.q(c.name())
                        + " names " + Text.q(shared) + ", which is not declared",
                        "service:NAME names a declared container; container:NAME names any container.");
            }
        }
        for (Map<String, ObjectDefinition> ofKind : objects.values()) {
            for (ObjectDefinition o : ofKind.values()) {
                ContainerDefinition c = o.external() ? null : byName.get(o.unitName().replaceFirst("\\.service$", ""));
                if (c != null) {
                    d.error(c.nameLocation(), "container " + Text.q(c.name()) + " has the unit name of " + o.kind().word() + " "
                            + Text.q(o.name()) + " (" + o.unitName() + ", declared at " + o.nameLocation() + ")",
                            "A declared " + o.kind().word() + " is created by the unit NAME-" + o.kind().word()
                                    + ".service; rename the container or the " + o.kind().word() + ".");
                }
            }
        }
        reportCycles(byName, d);
        return new Definitions(byName, images, objects);
    }

    /**
     * Networks and volumes by kind and name, sorted. A name may be declared in several files
     * when the declarations say the same; declarations that differ are each an error.
     */
    private static Map<ObjectDefinition.Kind, Map<String, ObjectDefinition>> objects(List<ObjectDefinition> declared, Diagnostics d) {
        Map<ObjectDefinition.Kind, Map<String, ObjectDefinition>> out = new java.util.EnumMap<>(ObjectDefinition.Kind.class);
        for (ObjectDefinition.Kind kind : ObjectDefinition.Kind.values()) {
            Map<String, List<ObjectDefinition>> groups = new TreeMap<>();
            declared.stream().filter(o -> o.kind() == kind)
                    .forEach(o -> groups.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(o));
            Map<String, ObjectDefinition> byName = new LinkedHashMap<>();
            for (Map.Entry<String, List<ObjectDefinition>> g : groups.entrySet()) {
                List<ObjectDefinition> same = g.getValue();
                same.sort(Comparator.comparing((ObjectDefinition o) -> o.file().displayName()).thenComparing(o -> o.nameLocation().line()));
                if (same.stream().anyMatch(o -> !o.sameOptions(same.get(0)))) {
                    for (ObjectDefinition o : same) {
                        List<String> others = same.stream().filter(x -> x != o).map(x -> x.nameLocation().toString()).toList();
                        d.error(o.nameLocation(), kind.word() + " " + Text.q(g.getKey()) + " is declared more than once, with different options",
                                "Also declared at " + String.join(", ", others) + "; declare it once, or the same everywhere.");
                    }
                }
                byName.put(g.getKey(), same.get(0));
            }
            sharedEngineNames(kind, byName, d);
            out.put(kind, byName);
        }
        return out;
    }

    /**
     * Two keys may not give one engine object (name:) two units: an error at each, unless
     * every one of them is external (used, never created).
     */
    private static void sharedEngineNames(ObjectDefinition.Kind kind, Map<String, ObjectDefinition> byKey, Diagnostics d) {
        Map<String, List<ObjectDefinition>> byEngineName = new TreeMap<>();
        byKey.values().forEach(o -> byEngineName.computeIfAbsent(o.engineName(), k -> new ArrayList<>()).add(o));
        for (Map.Entry<String, List<ObjectDefinition>> g : byEngineName.entrySet()) {
            List<ObjectDefinition> same = g.getValue();
            if (same.size() < 2 || same.stream().allMatch(ObjectDefinition::external)) {
                continue;
            }
            for (ObjectDefinition o : same) {
                List<String> others = same.stream().filter(x -> x != o).map(x -> Text.q(x.name()) + " (" + x.nameLocation() + ")").toList();
                d.error(o.nameLocation(), kind.word() + " " + Text.q(o.name()) + " has the engine name " + Text.q(g.getKey())
                                + " of " + String.join(", ", others),
                        "One " + kind.word() + " of the engine is declared once: use one key for it in every container, "
                                + "or declare the others external: true.");
            }
        }
    }

    /** A container's networks and named volumes must be declared (compose's rule). */
    private static void checkObjectsDeclared(ContainerDefinition c, Map<ObjectDefinition.Kind, Map<String, ObjectDefinition>> objects,
                                             Diagnostics d) {
        Map<String, ObjectDefinition> networks = objects.get(ObjectDefinition.Kind.NETWORK);
        for (Network n : c.list(ContainerKeys.NETWORKS)) {
            if (!networks.containsKey(n.name())) {
                d.error(n.location(), "container " + Text.q(c.name()) + " joins network " + Text.q(n.name()) + ", which is not declared",
                        Text.closest(n.name(), networks.keySet()).map(x -> "Did you mean " + x + "? ").orElse("")
                                + "Declare it at the top level of a definition file:\nnetworks:\n  " + n.name()
                                + ": {}\nor, for a network made outside unitgen, " + n.name() + ": {external: true}.");
            }
        }
        Map<String, ObjectDefinition> volumes = objects.get(ObjectDefinition.Kind.VOLUME);
        for (Volume v : c.list(ContainerKeys.VOLUMES)) {
            if (v.type() == Volume.MountType.VOLUME && v.source() != null && !volumes.containsKey(v.source())) {
                d.error(v.location(), "container " + Text.q(c.name()) + " mounts volume " + Text.q(v.source()) + ", which is not declared",
                        Text.closest(v.source(), volumes.keySet()).map(x -> "Did you mean " + x + "? ").orElse("")
                                + "Declare it at the top level of a definition file:\nvolumes:\n  " + v.source()
                                + ": {}\nor, for a volume made outside unitgen, " + v.source() + ": {external: true}.");
            }
        }
    }

    /** The declared networks (kind NETWORK) or volumes, sorted by name (valid or not). */
    public List<ObjectDefinition> objects(ObjectDefinition.Kind kind) {
        return List.copyOf(objects.get(kind).values());
    }

    /** The engine's name of the declared network or volume {@code key} (its name:, else the key); the key when undeclared. */
    public String engineName(ObjectDefinition.Kind kind, String key) {
        ObjectDefinition o = objects.get(kind).get(key);
        return o == null ? key : o.engineName();
    }

    /** The declared network or volume of that name, or null. */
    public ObjectDefinition object(ObjectDefinition.Kind kind, String name) {
        return objects.get(kind).get(name);
    }

    /** Whether the container has an active healthcheck of its definition. */
    public static boolean hasHealthcheck(ContainerDefinition c) {
        HealthCheck hc = c.get(ContainerKeys.HEALTHCHECK);
        return hc != null && hc.active();
    }

    /**
     * Whether {@code a} reaches {@code b} by name: a user-defined network in common, one in the
     * other's network stack (network_mode service:/container:), or both on the host's.
     */
    static boolean shareNetwork(ContainerDefinition a, ContainerDefinition b) {
        String ma = a.get(ContainerKeys.NETWORK_MODE);
        String mb = b.get(ContainerKeys.NETWORK_MODE);
        if (("service:" + b.name()).equals(ma) || ("container:" + b.name()).equals(ma)
                || ("service:" + a.name()).equals(mb) || ("container:" + a.name()).equals(mb)
                || ("host".equals(ma) && "host".equals(mb))) {
            return true;
        }
        java.util.Set<String> on = new java.util.HashSet<>();
        a.list(ContainerKeys.NETWORKS).forEach(n -> on.add(n.name()));
        return b.list(ContainerKeys.NETWORKS).stream().anyMatch(n -> on.contains(n.name()));
    }

    /** service:NAME of network_mode, or null. */
    public static String sharedNetworkTarget(ContainerDefinition c) {
        String mode = c.get(ContainerKeys.NETWORK_MODE);
        return mode != null && mode.startsWith("service:") ? mode.substring("service:".length()) : null;
    }

    /**
     * The containers {@code c} is ordered after (depends_on, network_mode service:NAME), sorted;
     * optional dependencies (required: false) only when {@code declared} holds them.
     */
    public List<String> orderedAfter(ContainerDefinition c) {
        List<String> out = new ArrayList<>();
        for (Dependency dep : c.list(ContainerKeys.DEPENDS_ON)) {
            if (dep.required() || byName.containsKey(dep.name())) {
                out.add(dep.name());
            }
        }
        String shared = sharedNetworkTarget(c);
        if (shared != null && !out.contains(shared)) {
            out.add(shared);
        }
        out.sort(null); // mapping order must not change the output
        return out;
    }

    private static void reportCycles(Map<String, ContainerDefinition> byName, Diagnostics d) {
        Map<String, Integer> state = new HashMap<>();
        for (String start : byName.keySet()) {
            dfs(start, byName, state, new ArrayList<>(), d);
        }
    }

    private static void dfs(String node, Map<String, ContainerDefinition> byName, Map<String, Integer> state, List<String> path,
                            Diagnostics d) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return;
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            ContainerDefinition first = byName.get(cycle.get(0));
            String next = cycle.get(1);
            var loc = first.list(ContainerKeys.DEPENDS_ON).stream().filter(x -> x.name().equals(next))
                    .map(Dependency::location).findFirst().orElse(first.locationOf(ContainerKeys.NETWORK_MODE));
            d.error(loc, "dependency cycle: " + String.join(" -> ", cycle),
                    "systemd cannot order units that wait for each other; remove one of these dependencies.");
            return;
        }
        ContainerDefinition c = byName.get(node);
        if (c == null) {
            return;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : new Definitions(byName, Map.of(), Map.of()).orderedAfter(c)) {
            if (!next.equals(node)) {
                dfs(next, byName, state, path, d);
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
    }

    /** The valid containers, sorted by name. */
    public List<ContainerDefinition> containers() {
        return byName.values().stream().filter(ContainerDefinition::valid).toList();
    }

    public ContainerDefinition get(String name) {
        return byName.get(name);
    }

    /** The declared images, sorted by name (valid or not). */
    public List<ImageDefinition> images() {
        return List.copyOf(images.values());
    }

    /** The declared image of that name, or null. */
    public ImageDefinition image(String name) {
        return images.get(name);
    }

    /** The declared image container {@code c} runs, or null when its image is a registry's. */
    public ImageDefinition declaredImage(ContainerDefinition c) {
        String image = c.get(ContainerKeys.IMAGE);
        return image == null ? null : images.get(image);
    }
}
