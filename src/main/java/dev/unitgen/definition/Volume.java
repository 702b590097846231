package dev.unitgen.definition;

import static dev.unitgen.definition.Readers.NAME;
import static dev.unitgen.definition.Readers.mapWithKeys;
import static dev.unitgen.definition.Readers.opt;

import dev.unitgen.diag.Location;
import dev.unitgen.util.Text;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A mount: SOURCE:TARGET[:MODE] or the long form (type, source, target, read_only, bind,
 * volume, tmpfs); its reader and its docker argument ({@code --volume} or {@code --tmpfs}).
 * For binds {@code source} is an absolute host path, for volumes a volume name (null:
 * anonymous), for tmpfs null. {@code options} are docker's -v mode options (ro, z, Z,
 * rprivate, ...) or tmpfs options. {@code createHostPath}: a bind whose definition says its
 * source may be missing (compose's long-form {@code bind: {create_host_path: true}}); docker
 * then creates an empty directory there.
 */
public record Volume(MountType type, String source, String target, boolean readOnly, List<String> options,
                     Long tmpfsSize, Location location, boolean createHostPath) {

    public Volume(MountType type, String source, String target, boolean readOnly, List<String> options,
                  Long tmpfsSize, Location location) {
        this(type, source, target, readOnly, options, tmpfsSize, location, false);
    }

    public enum MountType { BIND, VOLUME, TMPFS }

    /** A volume without source: docker would make a new one at every start. */
    public boolean anonymous() {
        return type == MountType.VOLUME && source == null;
    }

    /** This mount with the volume {@code name} as its source. */
    Volume named(String name) {
        return new Volume(type, name, target, readOnly, options, tmpfsSize, location);
    }

    /**
     * The name unitgen gives the anonymous volume of {@code container} at {@code target}:
     * CONTAINER-anon-PATH-HASH (PATH: the target's letters, digits, '.', '-' and '_', others '_',
     * at most 40; HASH: 8 hexadecimal digits of a sha256 over the target), the same at every
     * translation.
     */
    static String anonymousName(String container, String target) {
        String path = target.replaceAll("^/+", "").replaceAll("[^A-Za-z0-9_.-]", "_");
        if (path.length() > 40) {
            path = path.substring(0, 40);
        }
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(target.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return container + "-anon-" + (path.isEmpty() ? "" : path + "-") + java.util.HexFormat.of().formatHex(h).substring(0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The docker run flag of this mount: --tmpfs or --volume. */
    public String flag() {
        return type == MountType.TMPFS ? "--tmpfs" : "--volume";
    }

    /** The argument of {@link #flag}: PATH[:OPTIONS] for tmpfs, [SOURCE:]TARGET[:OPTIONS] otherwise. */
    public String arg() {
        return arg(java.util.function.UnaryOperator.identity());
    }

    /** {@link #arg()}, with a named volume's source as {@code engineName} gives it (its declaration's name:). */
    public String arg(java.util.function.UnaryOperator<String> engineName) {
        if (type == MountType.TMPFS) {
            List<String> opts = new ArrayList<>();
            if (tmpfsSize != null) {
                opts.add("size=" + tmpfsSize);
            }
            opts.addAll(options.stream().filter(o -> !o.equals("ro")).toList());
            if (readOnly) {
                opts.add("ro");
            }
            return opts.isEmpty() ? target : target + ":" + String.join(",", opts);
        }
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(type == MountType.VOLUME ? engineName.apply(source) : source).append(':');
        }
        sb.append(target);
        if (!options.isEmpty()) {
            sb.append(':').append(String.join(",", options));
        }
        return sb.toString();
    }

    private static final Set<String> VOLUME_MODES = Set.of("ro", "rw", "z", "Z", "shared", "slave", "private",
            "rshared", "rslave", "rprivate", "nocopy", "consistent", "cached", "delegated");

    static final ValueType<List<Volume>> LIST = Readers.listOf("a volume", (n, ctx) -> {
        if (n instanceof YScalar s && !s.isNull()) {
            return parse(s, ctx);
        }
        YMap m = mapWithKeys(n, ctx, "a volume", Set.of("type", "source", "target", "read_only", "bind", "volume",
                "tmpfs", "consistency"));
        if (m == null) {
            return null;
        }
        String type = opt(m, "type", Types.STRING, ctx);
        String source = opt(m, "source", Types.STRING, ctx);
        String target = opt(m, "target", Types.STRING, ctx);
        Boolean ro = opt(m, "read_only", Types.BOOL, ctx);
        if (type == null || target == null) {
            ctx.error(n, "a volume in long form needs type and target");
            return null;
        }
        List<String> options = new ArrayList<>();
        if (Boolean.TRUE.equals(ro)) {
            options.add("ro");
        }
        MountType mt;
        Long tmpfsSize = null;
        boolean[] createHostPath = {false};
        switch (type) {
            case "bind" -> {
                mt = MountType.BIND;
                m.get("bind").ifPresent(b -> {
                    YMap bm = mapWithKeys(b, ctx, "bind options", Set.of("propagation", "create_host_path", "selinux"));
                    if (bm != null) {
                        String prop = opt(bm, "propagation", Types.STRING, ctx);
                        if (prop != null) {
                            if (!Set.of("shared", "slave", "private", "rshared", "rslave", "rprivate").contains(prop)) {
                                ctx.error(bm.get("propagation").get(), "invalid propagation " + Text.q(prop),
                                        "Valid values: shared, slave, private, rshared, rslave, rprivate.");
                            } else {
                                options.add(prop);
                            }
                        }
                        String se = opt(bm, "selinux", Types.STRING, ctx);
                        if (se != null) {
                            if (!se.equals("z") && !se.equals("Z")) {
                                ctx.error(bm.get("selinux").get(), "invalid selinux option " + Text.q(se), "Valid values: z, Z.");
                            } else {
                                options.add(se);
                            }
                        }
                        createHostPath[0] = Boolean.TRUE.equals(opt(bm, "create_host_path", Types.BOOL, ctx));
                    }
                });
            }
            case "volume" -> {
                mt = MountType.VOLUME;
                m.get("volume").ifPresent(v -> {
                    YMap vm = mapWithKeys(v, ctx, "volume options", Set.of("nocopy"));
                    if (vm != null && Boolean.TRUE.equals(opt(vm, "nocopy", Types.BOOL, ctx))) {
                        options.add("nocopy");
                    }
                });
            }
            case "tmpfs" -> {
                mt = MountType.TMPFS;
                if (source != null) {
                    ctx.error(m.get("source").get(), "a tmpfs mount has no source");
                }
                YNode tn = m.get("tmpfs").orElse(null);
                if (tn != null) {
                    YMap tm = mapWithKeys(tn, ctx, "tmpfs options", Set.of("size", "mode"));
                    if (tm != null) {
                        Size size = opt(tm, "size", Size.TYPE, ctx);
                        tmpfsSize = size == null ? null : size.bytes();
                        String mode = opt(tm, "mode", Types.STRING, ctx);
                        if (mode != null) {
                            if (!mode.matches("0?[0-7]{3,4}")) {
                                ctx.error(tm.get("mode").get(), "invalid tmpfs mode " + Text.q(mode), "Write an octal mode such as 1777.");
                            } else {
                                options.add("mode=" + mode);
                            }
                        }
                    }
                }
                if (!checkTarget(m.get("target").get(), target, ctx)) {
                    return null;
                }
                return new Volume(mt, null, target, Boolean.TRUE.equals(ro), List.copyOf(options), tmpfsSize, n.location());
            }
            default -> {
                ctx.error(m.get("type").get(), "unsupported volume type " + Text.q(type), "Valid types: bind, volume, tmpfs.");
                return null;
            }
        }
        if (!checkTarget(m.get("target").get(), target, ctx)) {
            return null;
        }
        String src = source == null ? null : resolveSource(m.get("source").get(), source, mt, ctx);
        if (source != null && src == null) {
            return null;
        }
        if (mt == MountType.BIND && src == null) {
            ctx.error(n, "a bind mount needs source");
            return null;
        }
        return new Volume(mt, src, target, Boolean.TRUE.equals(ro), List.copyOf(options), null, n.location(),
                createHostPath[0]);
    });

    private static Volume parse(YScalar s, ReadContext ctx) {
        String[] parts = s.value().split(":", -1);
        if (parts.length > 3 || Types.hasControl(s.value())) {
            ctx.error(s, "invalid volume " + Text.q(s.value()),
                    "The form is [SOURCE:]TARGET[:MODE]; paths cannot contain ':' or control characters.");
            return null;
        }
        if (parts.length == 1) {
            return checkTarget(s, parts[0], ctx)
                    ? new Volume(MountType.VOLUME, null, parts[0], false, List.of(), null, s.location()) : null;
        }
        String source = parts[0];
        String target = parts[1];
        List<String> options = new ArrayList<>();
        boolean ro = false;
        boolean ok = true;
        if (parts.length == 3) {
            for (String o : parts[2].split(",", -1)) {
                if (!VOLUME_MODES.contains(o)) {
                    ctx.error(s, "invalid volume mode " + Text.q(o), Text.closest(o, VOLUME_MODES).map(c -> "Did you mean " + c + "? ").orElse("")
                            + "Valid modes: ro, rw, z, Z, and the propagation modes.");
                    ok = false;
                }
                options.add(o);
                ro |= o.equals("ro");
            }
            if (options.contains("ro") && options.contains("rw")) {
                ctx.error(s, "a volume cannot be both ro and rw");
                ok = false;
            }
        }
        MountType type = looksLikePath(source) ? MountType.BIND : MountType.VOLUME;
        String src = resolveSource(s, source, type, ctx);
        if (!checkTarget(s, target, ctx) || src == null || !ok) {
            return null;
        }
        return new Volume(type, src, target, ro, List.copyOf(options), null, s.location());
    }

    private static boolean looksLikePath(String source) {
        return source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
    }

    private static String resolveSource(YNode n, String source, MountType type, ReadContext ctx) {
        if (source.isEmpty() || Types.hasControl(source)) {
            ctx.error(n, "invalid volume source " + Text.q(source));
            return null;
        }
        if (type == MountType.VOLUME) {
            if (!NAME.matcher(source).matches()) {
                ctx.error(n, "invalid volume name " + Text.q(source),
                        "A named volume matches [a-zA-Z0-9][a-zA-Z0-9_.-]+; a host path starts with /, ./ or ../.");
                return null;
            }
            return source;
        }
        if (source.startsWith("~")) {
            ctx.error(n, "a bind mount source cannot start with ~", "unitgen runs as root: write the absolute path.");
            return null;
        }
        if (source.contains(",") || source.contains(":")) {
            ctx.error(n, "a bind mount source cannot contain ',' or ':'");
            return null;
        }
        Path p = Path.of(source);
        if (!p.isAbsolute()) {
            p = ctx.hostDir().resolve(p);
        }
        return p.normalize().toString();
    }

    private static boolean checkTarget(YNode n, String target, ReadContext ctx) {
        if (!target.startsWith("/") || target.contains(",") || target.contains(":") || Types.hasControl(target)) {
            ctx.error(n, "invalid volume target " + Text.q(target),
                    "The target is an absolute path in the container, without ',' or ':'.");
            return false;
        }
        return true;
    }
}
