package dev.unitgen.definition;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.diag.Location;
import dev.unitgen.diag.SourceFile;
import dev.unitgen.util.Text;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import dev.unitgen.yaml.YSeq;
import dev.unitgen.yaml.Shapes;
import dev.unitgen.yaml.YamlParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one definition file: YAML with marks -> validated {@link ContainerDefinition}s. Every
 * problem is reported to the diagnostics; reading goes on after an error so that one run
 * reports everything.
 */
public final class DefinitionReader {
    /** docker's container name rule; all its characters are also valid in systemd unit names. */
    static final Pattern CONTAINER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    /** Longest name: systemd allows 255 characters for NAME.service. */
    static final int MAX_NAME = 255 - ".service".length();
    /** Names of units every docker host has; a container may not take them. */
    static final Set<String> RESERVED = Set.of("docker", "containerd", "dbus", "unitgen", "default", "multi-user",
            "network-online", "sysinit", "basic", "shutdown", "emergency", "rescue");
    /** The keys of a definition file's top level, each with what it holds (unitgen keys, unitgen.yaml(5)). */
    public static final Map<String, String> TOP_LEVEL = topLevel();
    static final Set<String> TOP_KEYS = TOP_LEVEL.keySet();

    private static Map<String, String> topLevel() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("containers", "A mapping of container names to container definitions (the container keys).");
        m.put("images", "A mapping of image names to the definitions of systemd images unitgen builds (the image keys).");
        m.put("networks", "A mapping of network names to network declarations (the network keys): each becomes a unit that creates it.");
        m.put("volumes", "A mapping of volume names to volume declarations (the volume keys): each becomes a unit that creates it.");
        m.put("defaults", "Container keys applied to every container of the same file; a container's own key wins, "
                + "mapping-valued keys and unit: are merged.");
        m.put("version", "Accepted and ignored, as a compose file's version: line.");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** x-NAME: compose's extension fields, accepted and ignored at the top level. */
    public static final String EXTENSION_DOC = "Compose's extension fields (x-NAME): accepted and ignored, for anchors "
            + "used with <<: *NAME in containers.";

    private final Diagnostics diagnostics;

    public DefinitionReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** What one file declares. */
    public record Parsed(List<ContainerDefinition> containers, List<ImageDefinition> images, List<ObjectDefinition> objects) {
        static final Parsed EMPTY = new Parsed(List.of(), List.of(), List.of());
    }

    /**
     * @param hostPath the file's path as the host sees it (without --root), for SourcePath= and
     *                 relative paths
     */
    public Parsed read(SourceFile file, Path hostPath) {
        Optional<YNode> doc = YamlParser.parse(file, diagnostics);
        if (doc.isEmpty()) {
            if (!diagnostics.sorted().stream().anyMatch(d -> d.location() != null && d.location().file() == file)) {
                diagnostics.error(Location.of(file, 1, 1), "the file has no definitions",
                        "A definition file is a mapping with a containers: key. Remove the file if it is not needed.");
            }
            return Parsed.EMPTY;
        }
        YNode root = doc.get();
        if (!(root instanceof YMap top)) {
            diagnostics.error(root.location(), "expected a mapping with a containers: key, got " + root.kind(),
                    "Start the file with:\ncontainers:\n  NAME:\n    image: IMAGE");
            return Parsed.EMPTY;
        }
        YMap.Entry previous = null;
        for (YMap.Entry e : top.entries()) {
            YMap.Entry above = previous;
            previous = e;
            if (!TOP_KEYS.contains(e.name()) && !e.name().startsWith("x-")) { // x-: compose's extension fields (anchors)
                boolean notIndented = above != null && above.value() instanceof YScalar v && v.isNull()
                        && e.value() instanceof YMap && !above.name().equals("version");
                String hint = e.name().equals("services")
                        ? "unitgen calls them containers: rename services: to containers:."
                        : notIndented ? "It is not indented: to declare it under " + above.name() + ":, indent its lines "
                        + "by two spaces."
                        : Text.closest(e.name(), TOP_KEYS).map(c -> "Did you mean " + c + "?")
                                .orElse("The top level holds containers:, images: and defaults: (and x-NAME: keys, "
                                        + "which are ignored).");
                diagnostics.error(e.key().location(), "unknown top-level key " + Text.q(e.name()), hint);
            }
        }
        Path hostDir = hostPath.toAbsolutePath().getParent();
        Map<Key<?>, Object> defaults = new LinkedHashMap<>();
        Map<Key<?>, Location> defaultLocations = new HashMap<>();
        top.get("defaults").ifPresent(d -> {
            if (d instanceof YScalar s && s.isNull()) {
                return;
            }
            readKeys(d, new ReadContext(diagnostics, file, hostDir, null), defaults, defaultLocations, "defaults");
        });
        List<ImageDefinition> images = readImages(top, file, hostPath, hostDir);
        List<ObjectDefinition> objects = new ArrayList<>(readObjects(ObjectDefinition.Kind.NETWORK, top, file, hostPath, hostDir));
        objects.addAll(readObjects(ObjectDefinition.Kind.VOLUME, top, file, hostPath, hostDir));
        Optional<YMap.Entry> containersEntry = top.entry("containers");
        if (containersEntry.isEmpty()) {
            if (top.entry("services").isEmpty() && top.entry("images").isEmpty() && objects.isEmpty()) {
                diagnostics.error(top.location(), "the file has no containers: key",
                        "Declare containers under containers:, e.g.\ncontainers:\n  web:\n    image: nginx:1.27");
            }
            return new Parsed(List.of(), images, objects);
        }
        YNode containersNode = containersEntry.get().value();
        if (containersNode instanceof YScalar s && s.isNull() || containersNode instanceof YMap m && m.entries().isEmpty()) {
            diagnostics.warning(containersEntry.get().key().location(), "containers: is empty: the file declares no container",
                    "Declare a container under it, or remove the file.");
            return new Parsed(List.of(), images, objects);
        }
        if (!(containersNode instanceof YMap containers)) {
            diagnostics.error(containersNode.location(), "expected a mapping of container names to definitions, got "
                    + containersNode.kind(), containersNode instanceof YSeq
                    ? "Remove the \"- \" in front of the names: containers: holds NAME: lines, e.g.\ncontainers:\n  web:\n    image: nginx:1.27"
                    : "Declare containers as\ncontainers:\n  web:\n    image: nginx:1.27");
            return new Parsed(List.of(), images, objects);
        }
        List<Pending> read = new ArrayList<>();
        for (YMap.Entry c : containers.entries()) {
            String name = c.name();
            boolean nameOk = checkName(c.key());
            ReadContext ctx = new ReadContext(diagnostics, file, hostDir, name);
            Map<Key<?>, Object> values = new LinkedHashMap<>();
            Map<Key<?>, Location> locations = new HashMap<>();
            if (!(c.value() instanceof YMap)) {
                diagnostics.error(c.value().location(), "expected a mapping for container " + Text.q(name) + ", got "
                        + c.value().kind(), "A container needs at least image:.");
                continue;
            }
            boolean ok = readKeys(c.value(), ctx, values, locations, "container " + Text.q(name));
            mergeDefaults(values, locations, defaults, defaultLocations);
            if (!values.containsKey(ContainerKeys.IMAGE) && !locations.containsKey(ContainerKeys.IMAGE)) {
                diagnostics.error(c.key().location(), "container " + Text.q(name) + " has no image",
                        "Add image: with a tag or digest, e.g. image: nginx:1.27.");
                ok = false;
            }
            if (nameOk) {
                nameAnonymousVolumes(name, values, objects, file, hostPath);
                read.add(new Pending(name, c.key().location(), values, locations, ok));
            }
        }
        joinDefaultNetwork(read, objects, file, hostPath, containersEntry.get().key().location());
        List<ContainerDefinition> out = new ArrayList<>();
        for (Pending p : read) {
            out.add(new ContainerDefinition(p.name(), p.location(), file, hostPath.toString(), ordered(p.values()), p.locations(), p.ok()));
        }
        return new Parsed(out, images, objects);
    }

    /** A container as read, before the file's default network is known. */
    private record Pending(String name, Location location, Map<Key<?>, Object> values, Map<Key<?>, Location> locations, boolean ok) {
    }

    // ---------------------------------------------------------------- the file's default network

    /**
     * Compose's project network: the containers of one file that choose neither
     * {@code networks} nor {@code network_mode} (their own or the file's defaults') join the
     * file's default network, {@link #defaultNetworkName}, so they reach each other by name.
     * Only when there are at least two of them: a container alone has no peer in its file to
     * reach, and a network per single-container file would change what such a container is
     * attached to and use up the engine's address pools (Docker's default pools hold about 30
     * bridge networks) for nothing. The network is declared like any other (its unit creates
     * it, owned by unitgen); a declaration of that name in the same file gives it options.
     */
    private static void joinDefaultNetwork(List<Pending> read, List<ObjectDefinition> objects, SourceFile file, Path hostPath,
                                           Location at) {
        List<Pending> joining = read.stream().filter(p -> !p.locations().containsKey(ContainerKeys.NETWORKS)
                && !p.locations().containsKey(ContainerKeys.NETWORK_MODE)).toList();
        if (joining.size() < 2) {
            return;
        }
        String name = defaultNetworkName(hostPath);
        boolean declared = objects.stream().anyMatch(o -> o.kind() == ObjectDefinition.Kind.NETWORK && o.name().equals(name));
        if (!declared) {
            objects.add(new ObjectDefinition(ObjectDefinition.Kind.NETWORK, name, at, file, hostPath.toString(), Map.of(), Map.of(), true));
        }
        for (Pending p : joining) {
            p.values().put(ContainerKeys.NETWORKS, List.of(new Network(name, List.of(), null, null, at)));
        }
    }

    /**
     * The default network of a definition file: its project name and {@code _default}, as
     * compose names a project's network; the project name is the file's name without
     * {@code .yaml}/{@code .yml}, normalized as compose normalizes project names (lower case,
     * [a-z0-9_-], no leading _ or -; "default" when nothing is left).
     */
    public static String defaultNetworkName(Path definitionFile) {
        String stem = definitionFile.getFileName().toString().replaceFirst("\\.(yaml|yml)$", "");
        String project = stem.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "").replaceAll("^[_-]+", "");
        return (project.isEmpty() ? "default" : project) + "_default";
    }

    // ---------------------------------------------------------------- networks and volumes

    /** The declarations under networks: or volumes:; NAME: alone (no value) takes the defaults, as in compose. */
    private List<ObjectDefinition> readObjects(ObjectDefinition.Kind kind, YMap top, SourceFile file, Path hostPath, Path hostDir) {
        Optional<YMap.Entry> entry = top.entry(kind.topKey());
        if (entry.isEmpty()) {
            return List.of();
        }
        YNode node = entry.get().value();
        if (node instanceof YScalar s && s.isNull()) {
            diagnostics.warning(entry.get().key().location(), kind.topKey() + ": is empty", null);
            return List.of();
        }
        if (!(node instanceof YMap decls)) {
            diagnostics.error(node.location(), "expected a mapping of " + kind.word() + " names to declarations, got " + node.kind(),
                    "Declare " + kind.topKey() + " as\n" + kind.topKey() + ":\n  NAME:\n    driver: "
                            + (kind == ObjectDefinition.Kind.NETWORK ? "bridge" : "local"));
            return List.of();
        }
        List<ObjectDefinition> out = new ArrayList<>();
        for (YMap.Entry o : decls.entries()) {
            String name = o.name();
            boolean nameOk = Network.checkObjectName(o.key(), name, kind, diagnostics);
            String what = kind.word() + " " + Text.q(name);
            ReadContext ctx = new ReadContext(diagnostics, file, hostDir, name, kind.word());
            Map<Key<?>, Object> values = new LinkedHashMap<>();
            Map<Key<?>, Location> locations = new HashMap<>();
            boolean ok = true;
            if (!(o.value() instanceof YScalar s && s.isNull())) {
                if (!(o.value() instanceof YMap map)) {
                    diagnostics.error(o.value().location(), "expected a mapping for " + what + ", got " + o.value().kind(),
                            "Write NAME: {} for the defaults, or a mapping of its keys.");
                    continue;
                }
                List<String> names = kind.keys().stream().map(Key::name).toList();
                ok = readTable(map, kind::byName, ctx, values, locations, what, unknown -> Text.closest(unknown, names)
                        .map(c -> "Did you mean " + c + "?").orElse("A " + kind.word() + " takes " + String.join(", ", names)
                                + "; see unitgen.yaml(5), " + kind.word().toUpperCase(java.util.Locale.ROOT) + " KEYS."));
            }
            if (Boolean.TRUE.equals(values.get(kind.externalKey()))
                    && values.keySet().stream().anyMatch(k -> k != kind.externalKey() && k != kind.nameKey())) {
                diagnostics.error(o.key().location(), what + " is external but has options",
                        "unitgen does not create an external " + kind.word() + "; remove its keys other than name:, or external: true.");
                ok = false;
            }
            if (nameOk) {
                Map<Key<?>, Object> ordered = new LinkedHashMap<>();
                for (Key<?> k : kind.keys()) {
                    if (values.containsKey(k)) {
                        ordered.put(k, values.get(k));
                    }
                }
                out.add(new ObjectDefinition(kind, name, o.key().location(), file, hostPath.toString(), ordered, locations, ok));
            }
        }
        return out;
    }

    /**
     * An anonymous volume (a mount without source) would be a new, empty volume at every start
     * (docker run --rm removes it with the container): it gets a deterministic name of its own
     * instead, {@link Volume#anonymousName}, declared like a volume under volumes: (its unit
     * creates it, owned by unitgen, kept when the unit goes).
     */
    private static void nameAnonymousVolumes(String container, Map<Key<?>, Object> values, List<ObjectDefinition> objects,
                                             SourceFile file, Path hostPath) {
        @SuppressWarnings("unchecked")
        List<Volume> mounts = (List<Volume>) values.get(ContainerKeys.VOLUMES);
        if (mounts == null || mounts.stream().noneMatch(Volume::anonymous)) {
            return;
        }
        List<Volume> named = new ArrayList<>();
        for (Volume v : mounts) {
            if (v.anonymous()) {
                Volume n = v.named(Volume.anonymousName(container, v.target()));
                objects.add(new ObjectDefinition(ObjectDefinition.Kind.VOLUME, n.source(), v.location(), file, hostPath.toString(),
                        Map.of(), Map.of(), true));
                named.add(n);
            } else {
                named.add(v);
            }
        }
        values.put(ContainerKeys.VOLUMES, List.copyOf(named));
    }

    // ---------------------------------------------------------------- images

    private List<ImageDefinition> readImages(YMap top, SourceFile file, Path hostPath, Path hostDir) {
        Optional<YMap.Entry> entry = top.entry("images");
        if (entry.isEmpty()) {
            return List.of();
        }
        YNode node = entry.get().value();
        if (node instanceof YScalar s && s.isNull()) {
            diagnostics.warning(entry.get().key().location(), "images: is empty", null);
            return List.of();
        }
        if (!(node instanceof YMap images)) {
            diagnostics.error(node.location(), "expected a mapping of image names to definitions, got " + node.kind(),
                    "Declare images as\nimages:\n  NAME:\n    from: debian:12");
            return List.of();
        }
        List<ImageDefinition> out = new ArrayList<>();
        for (YMap.Entry i : images.entries()) {
            String name = i.name();
            boolean nameOk = checkImageName(i.key());
            if (!(i.value() instanceof YMap map)) {
                diagnostics.error(i.value().location(), "expected a mapping for image " + Text.q(name) + ", got "
                        + i.value().kind(), "An image needs at least from:.");
                continue;
            }
            ReadContext ctx = new ReadContext(diagnostics, file, hostDir, name, "image");
            Map<Key<?>, Object> values = new LinkedHashMap<>();
            Map<Key<?>, Location> locations = new HashMap<>();
            boolean ok = readTable(map, ImageKeys::byName, ctx, values, locations, "image " + Text.q(name), ImageKeys::hintFor);
            String from = (String) values.get(ImageKeys.FROM);
            DistroFamily family = (DistroFamily) values.get(ImageKeys.FAMILY);
            if (from == null) {
                if (!locations.containsKey(ImageKeys.FROM)) {
                    diagnostics.error(i.key().location(), "image " + Text.q(name) + " has no from",
                            "Name its base image, e.g. from: debian:12.");
                }
                ok = false;
            } else if (!ImageRef.check(from, locations.get(ImageKeys.FROM), "image " + Text.q(name),
                    "of image " + Text.q(name), diagnostics)) {
                ok = false;
            } else if (family == null && !locations.containsKey(ImageKeys.FAMILY)) {
                family = DistroFamily.detect(from).orElse(null);
                if (family == null) {
                    diagnostics.error(locations.get(ImageKeys.FROM), "cannot tell the distribution family of "
                                    + Text.q(from) + " (image " + Text.q(name) + ")",
                            "Set family: debian, ubuntu, fedora, centos or rhel.");
                    ok = false;
                }
            }
            for (Key<List<String>> k : List.of(ImageKeys.ENABLE, ImageKeys.MASK)) {
                @SuppressWarnings("unchecked")
                List<String> units = (List<String>) values.get(k);
                if (units != null && units.stream().distinct().count() < units.size()) {
                    diagnostics.warning(locations.get(k), k.name() + " of image " + Text.q(name) + " names a unit twice", null);
                }
            }
            @SuppressWarnings("unchecked")
            List<String> enable = (List<String>) values.getOrDefault(ImageKeys.ENABLE, List.of());
            @SuppressWarnings("unchecked")
            List<String> mask = (List<String>) values.getOrDefault(ImageKeys.MASK, List.of());
            for (String u : enable) {
                if (mask.contains(u)) {
                    diagnostics.error(locations.get(ImageKeys.MASK), "image " + Text.q(name) + " both enables and masks " + u,
                            "A masked unit cannot start; remove it from one of the lists.");
                    ok = false;
                }
            }
            @SuppressWarnings("unchecked")
            List<ImageKeys.FileCopy> files = (List<ImageKeys.FileCopy>) values.getOrDefault(ImageKeys.FILES, List.of());
            Map<String, ImageKeys.FileCopy> targets = new HashMap<>();
            for (ImageKeys.FileCopy f : files) {
                ImageKeys.FileCopy before = targets.put(f.target(), f);
                if (before != null) {
                    diagnostics.error(f.location(), "image " + Text.q(name) + " copies two files to " + Text.q(f.target()),
                            "The first is at " + before.location() + ".");
                    ok = false;
                }
            }
            if (nameOk) {
                Map<Key<?>, Object> ordered = new LinkedHashMap<>();
                for (Key<?> k : ImageKeys.all()) {
                    if (values.containsKey(k)) {
                        ordered.put(k, values.get(k));
                    }
                }
                out.add(new ImageDefinition(name, i.key().location(), file, hostPath.toString(), family, ordered, locations, ok));
            }
        }
        return out;
    }

    private boolean checkImageName(YScalar key) {
        String name = key.value();
        if (!ImageKeys.IMAGE_NAME.matcher(name).matches() || name.length() > ImageKeys.MAX_NAME) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            diagnostics.error(key.location(), "invalid image name " + Text.q(name),
                    ImageKeys.IMAGE_NAME.matcher(lower).matches() ? "Image names are lower case: " + lower + "."
                            : "An image is built as unitgen/NAME: lower-case letters and digits, separated by ., _, __ or -; "
                            + "at most " + ImageKeys.MAX_NAME + " characters.");
            return false;
        }
        return true;
    }

    /** Values in table order, so that nothing depends on the order of keys in the file. */
    private static Map<Key<?>, Object> ordered(Map<Key<?>, Object> values) {
        Map<Key<?>, Object> out = new LinkedHashMap<>();
        for (Key<?> k : ContainerKeys.all()) {
            if (values.containsKey(k)) {
                out.put(k, values.get(k));
            }
        }
        return out;
    }

    /** Map-valued keys merge (the container's entries win); every other key replaces the default. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void mergeDefaults(Map<Key<?>, Object> values, Map<Key<?>, Location> locations,
                                      Map<Key<?>, Object> defaults, Map<Key<?>, Location> defaultLocations) {
        for (Map.Entry<Key<?>, Object> d : defaults.entrySet()) {
            Key<?> k = d.getKey();
            Object own = values.get(k);
            if (own == null && !locations.containsKey(k)) {
                values.put(k, d.getValue());
                locations.put(k, defaultLocations.get(k));
            } else if (own instanceof Map ownMap && d.getValue() instanceof Map defMap) {
                Map merged = new LinkedHashMap(defMap);
                merged.putAll(ownMap);
                values.put(k, merged);
            } else if (k == ContainerKeys.UNIT && own instanceof List ownList) {
                List<UnitSetting> merged = new ArrayList<>();
                for (Object o : (List) d.getValue()) {
                    UnitSetting s = (UnitSetting) o;
                    boolean overridden = ((List<UnitSetting>) ownList).stream()
                            .anyMatch(x -> x.section().equals(s.section()) && x.key().equals(s.key()));
                    if (!overridden) {
                        merged.add(s);
                    }
                }
                merged.addAll(ownList);
                values.put(k, merged);
            }
        }
    }

    /** Reads the keys of one container (or of defaults); false when any failed. */
    private boolean readKeys(YNode node, ReadContext ctx, Map<Key<?>, Object> values, Map<Key<?>, Location> locations,
                             String what) {
        if (!(node instanceof YMap map)) {
            diagnostics.error(node.location(), "expected a mapping for " + what + ", got " + node.kind(),
                    Shapes.hint("a mapping", node));
            return false;
        }
        return readTable(map, ContainerKeys::byName, ctx, values, locations, what, ContainerKeys::hintFor);
    }

    /**
     * Reads the entries of {@code map} as keys of one mapping table ({@code byName}); an unknown
     * key is an error with {@code hint}'s hint. False when any failed.
     */
    private boolean readTable(YMap map, java.util.function.Function<String, Key<?>> byName, ReadContext ctx,
                              Map<Key<?>, Object> values, Map<Key<?>, Location> locations, String what,
                              java.util.function.Function<String, String> hint) {
        boolean ok = true;
        for (YMap.Entry e : map.entries()) {
            Key<?> key = byName.apply(e.name());
            if (key == null) {
                diagnostics.error(e.key().location(), "unknown key " + Text.q(e.name()) + " in " + what, hint.apply(e.name()));
                ok = false;
                continue;
            }
            locations.put(key, e.value().location());
            if (e.value() instanceof YScalar s && s.isNull()) {
                diagnostics.error(e.value().location(), "no value for " + key.name() + " in " + what,
                        "Give " + key.name() + " a value (" + key.type().describe() + "), or remove the line.");
                ok = false;
                continue;
            }
            if (!Variables.check(key, e.value(), ctx.at(key.name()))) {
                ok = false;
                continue;
            }
            Object v = key.type().read(e.value(), ctx);
            if (v == null) {
                ok = false;
            } else {
                values.put(key, v);
            }
        }
        ctx.at(null);
        return ok;
    }

    private boolean checkName(YScalar key) {
        String name = key.value();
        if (!CONTAINER_NAME.matcher(name).matches()) {
            diagnostics.error(key.location(), "invalid container name " + Text.q(name),
                    "A name is also the unit name and the docker container name: at least 2 characters, letters, "
                            + "digits, '_', '.' and '-', starting with a letter or digit.");
            return false;
        }
        if (name.length() > MAX_NAME) {
            diagnostics.error(key.location(), "container name is too long (" + name.length() + " characters)",
                    "systemd allows at most " + MAX_NAME + " characters before .service.");
            return false;
        }
        if (name.endsWith(".service")) {
            diagnostics.error(key.location(), "container name " + Text.q(name) + " ends in .service",
                    "unitgen adds .service itself: name it " + name.substring(0, name.length() - 8) + ".");
            return false;
        }
        if (RESERVED.contains(name) || name.startsWith("systemd-")) {
            diagnostics.error(key.location(), "container name " + Text.q(name) + " is reserved",
                    "It would clash with a unit of the host; choose another name.");
            return false;
        }
        return true;
    }
}
