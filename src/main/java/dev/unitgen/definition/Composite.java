package dev.unitgen.definition;

import dev.unitgen.unit.SystemdKeys;
import dev.unitgen.util.Text;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import dev.unitgen.yaml.YSeq;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The structured value types: ports, volumes, healthcheck, logging, ulimits, depends_on, ... */
public final class Composite {
    private Composite() {
    }

    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern PORT_RANGE = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");

    // ------------------------------------------------------------------ helpers

    /** Reads a mapping with a fixed set of keys; unknown keys are reported with a suggestion. */
    static YMap mapWithKeys(YNode node, ReadContext ctx, String what, Set<String> keys) {
        if (!(node instanceof YMap map)) {
            ctx.error(node, "expected a mapping for " + what + ", got " + node.kind());
            return null;
        }
        for (YMap.Entry e : map.entries()) {
            if (!keys.contains(e.name())) {
                String hint = Text.closest(e.name(), keys).map(c -> "Did you mean " + c + "? ").orElse("")
                        + "Valid keys: " + String.join(", ", keys.stream().sorted().toList()) + ".";
                ctx.error(e.key(), "unknown key " + Text.q(e.name()) + " in " + what, hint);
            }
        }
        return map;
    }

    static <T> T opt(YMap map, String key, ValueType<T> type, ReadContext ctx) {
        return map.get(key).map(n -> type.read(n, ctx)).orElse(null);
    }

    static boolean isIp(String s) {
        return IPV4.matcher(s).matches() || isIpv6(s);
    }

    static boolean isIpv6(String s) {
        if (!s.matches("[0-9a-fA-F:.]+") || s.chars().filter(c -> c == ':').count() < 2 || s.indexOf("::") != s.lastIndexOf("::")) {
            return false;
        }
        for (String group : s.split(":", -1)) {
            if (group.length() > 4 && !IPV4.matcher(group).matches()) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ ports

    public static final ValueType<List<Values.Port>> PORTS = listOf("a port", (n, ctx) -> {
        if (n instanceof YScalar s && !s.isNull()) {
            return parsePort(s, ctx);
        }
        YMap m = mapWithKeys(n, ctx, "a port", Set.of("target", "published", "host_ip", "protocol", "mode", "name", "app_protocol"));
        if (m == null) {
            return null;
        }
        String target = opt(m, "target", Types.STRING, ctx);
        if (target == null) {
            ctx.error(n, "a port needs target", "Add target: the port inside the container.");
            return null;
        }
        String published = opt(m, "published", Types.STRING, ctx);
        String hostIp = opt(m, "host_ip", Types.STRING, ctx);
        String protocol = opt(m, "protocol", Types.STRING, ctx);
        String mode = opt(m, "mode", Types.STRING, ctx);
        if (mode != null && !mode.equals("host") && !mode.equals("ingress")) {
            ctx.error(m.get("mode").get(), "invalid port mode " + Text.q(mode), "Valid values: host, ingress.");
        }
        m.get("mode").ifPresent(x -> ctx.warning(x, "port mode has no effect outside swarm", "Remove mode."));
        return checkPort(n, hostIp, published, target, protocol, ctx);
    });

    private static Values.Port parsePort(YScalar s, ReadContext ctx) {
        String v = s.value();
        String protocol = null;
        int slash = v.lastIndexOf('/');
        if (slash >= 0) {
            protocol = v.substring(slash + 1);
            v = v.substring(0, slash);
        }
        String hostIp = null;
        if (v.startsWith("[")) {
            int close = v.indexOf("]:");
            if (close < 0) {
                ctx.error(s, "invalid port " + Text.q(s.value()), "Write an IPv6 host address in brackets: [::1]:8080:80.");
                return null;
            }
            hostIp = v.substring(1, close);
            v = v.substring(close + 2);
            if (!isIpv6(hostIp)) {
                ctx.error(s, "invalid IPv6 address " + Text.q(hostIp) + " in port " + Text.q(s.value()));
                return null;
            }
        }
        String[] parts = v.split(":", -1);
        String published = null;
        String target;
        if (parts.length == 1) {
            target = parts[0];
        } else if (parts.length == 2) {
            if (hostIp == null && isIp(parts[0]) && parts[0].contains(".")) {
                ctx.error(s, "invalid port " + Text.q(s.value()), "Write HOST_IP:PUBLISHED:TARGET, e.g. 127.0.0.1:8080:80.");
                return null;
            }
            published = parts[0].isEmpty() ? null : parts[0];
            target = parts[1];
        } else if (parts.length == 3 && hostIp == null) {
            hostIp = parts[0];
            published = parts[1].isEmpty() ? null : parts[1];
            target = parts[2];
            if (!isIp(hostIp)) {
                ctx.error(s, "invalid host address " + Text.q(hostIp) + " in port " + Text.q(s.value()),
                        "The form is [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]; an IPv6 address goes in brackets.");
                return null;
            }
        } else {
            ctx.error(s, "invalid port " + Text.q(s.value()),
                    "The form is [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL], e.g. 8080:80 or 127.0.0.1:8080:80/tcp.");
            return null;
        }
        return checkPort(s, hostIp, published, target, protocol, ctx);
    }

    private static Values.Port checkPort(YNode n, String hostIp, String published, String target, String protocol,
                                         ReadContext ctx) {
        boolean ok = true;
        if (protocol != null && !PROTOCOLS.contains(protocol)) {
            ctx.error(n, "invalid protocol " + Text.q(protocol), "Valid protocols: tcp, udp, sctp.");
            ok = false;
        }
        if (hostIp != null && !isIp(hostIp)) {
            ctx.error(n, "invalid host address " + Text.q(hostIp));
            ok = false;
        }
        int[] t = portRange(n, target, "container port", ctx);
        int[] p = published == null ? null : portRange(n, published, "published port", ctx);
        if (t == null || (published != null && p == null)) {
            return null;
        }
        if (p != null && p[1] - p[0] != t[1] - t[0] && t[0] != t[1]) {
            ctx.error(n, "port ranges differ in length: " + published + " and " + target,
                    "Publish a range on a range of the same length, or a range on one container port.");
            ok = false;
        }
        return ok ? new Values.Port(hostIp, published, target, protocol == null ? "tcp" : protocol) : null;
    }

    private static int[] portRange(YNode n, String text, String what, ReadContext ctx) {
        Matcher m = PORT_RANGE.matcher(text);
        if (!m.matches()) {
            ctx.error(n, "invalid " + what + " " + Text.q(text), "A port is a number from 1 to 65535, or a range like 8000-8010.");
            return null;
        }
        int lo = Integer.parseInt(m.group(1));
        int hi = m.group(2) == null ? lo : Integer.parseInt(m.group(2));
        if (lo < 1 || hi > 65535 || hi < lo) {
            ctx.error(n, "invalid " + what + " " + Text.q(text), "A port is a number from 1 to 65535, and a range goes up.");
            return null;
        }
        return new int[] {lo, hi};
    }

    // ------------------------------------------------------------------ volumes

    private static final Set<String> VOLUME_MODES = Set.of("ro", "rw", "z", "Z", "shared", "slave", "private",
            "rshared", "rslave", "rprivate", "nocopy", "consistent", "cached", "delegated");

    public static final ValueType<List<Values.Volume>> VOLUMES = listOf("a volume", (n, ctx) -> {
        if (n instanceof YScalar s && !s.isNull()) {
            return parseVolume(s, ctx);
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
        Values.MountType mt;
        Long tmpfsSize = null;
        boolean[] createHostPath = {false};
        switch (type) {
            case "bind" -> {
                mt = Values.MountType.BIND;
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
                mt = Values.MountType.VOLUME;
                m.get("volume").ifPresent(v -> {
                    YMap vm = mapWithKeys(v, ctx, "volume options", Set.of("nocopy"));
                    if (vm != null && Boolean.TRUE.equals(opt(vm, "nocopy", Types.BOOL, ctx))) {
                        options.add("nocopy");
                    }
                });
            }
            case "tmpfs" -> {
                mt = Values.MountType.TMPFS;
                if (source != null) {
                    ctx.error(m.get("source").get(), "a tmpfs mount has no source");
                }
                YNode tn = m.get("tmpfs").orElse(null);
                if (tn != null) {
                    YMap tm = mapWithKeys(tn, ctx, "tmpfs options", Set.of("size", "mode"));
                    if (tm != null) {
                        Values.Size size = opt(tm, "size", Types.SIZE_TYPE, ctx);
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
                return new Values.Volume(mt, null, target, Boolean.TRUE.equals(ro), List.copyOf(options), tmpfsSize, n.location());
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
        if (mt == Values.MountType.BIND && src == null) {
            ctx.error(n, "a bind mount needs source");
            return null;
        }
        return new Values.Volume(mt, src, target, Boolean.TRUE.equals(ro), List.copyOf(options), null, n.location(),
                createHostPath[0]);
    });

    private static Values.Volume parseVolume(YScalar s, ReadContext ctx) {
        String[] parts = s.value().split(":", -1);
        if (parts.length > 3 || Types.hasControl(s.value())) {
            ctx.error(s, "invalid volume " + Text.q(s.value()),
                    "The form is [SOURCE:]TARGET[:MODE]; paths cannot contain ':' or control characters.");
            return null;
        }
        if (parts.length == 1) {
            return checkTarget(s, parts[0], ctx)
                    ? new Values.Volume(Values.MountType.VOLUME, null, parts[0], false, List.of(), null, s.location()) : null;
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
        Values.MountType type = looksLikePath(source) ? Values.MountType.BIND : Values.MountType.VOLUME;
        String src = resolveSource(s, source, type, ctx);
        if (!checkTarget(s, target, ctx) || src == null || !ok) {
            return null;
        }
        return new Values.Volume(type, src, target, ro, List.copyOf(options), null, s.location());
    }

    private static boolean looksLikePath(String source) {
        return source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
    }

    private static String resolveSource(YNode n, String source, Values.MountType type, ReadContext ctx) {
        if (source.isEmpty() || Types.hasControl(source)) {
            ctx.error(n, "invalid volume source " + Text.q(source));
            return null;
        }
        if (type == Values.MountType.VOLUME) {
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

    // ------------------------------------------------------------------ healthcheck

    public static final ValueType<Values.HealthCheck> HEALTHCHECK = new ValueType<>() {
        @Override
        public Values.HealthCheck read(YNode node, ReadContext ctx) {
            YMap m = mapWithKeys(node, ctx, "healthcheck", Set.of("test", "interval", "timeout", "retries",
                    "start_period", "start_interval", "disable"));
            if (m == null) {
                return null;
            }
            boolean disabled = Boolean.TRUE.equals(opt(m, "disable", Types.BOOL, ctx));
            String shell = null;
            List<String> exec = null;
            YNode test = m.get("test").orElse(null);
            if (test instanceof YScalar s && !s.isNull()) {
                shell = s.value();
            } else if (test instanceof YSeq) {
                List<String> words = Types.strings(false, Types.STRING).read(test, ctx);
                if (words == null) {
                    return null;
                }
                if (words.isEmpty()) {
                    ctx.error(test, "the healthcheck test is empty");
                    return null;
                }
                switch (words.get(0)) {
                    case "NONE" -> disabled = true;
                    case "CMD" -> exec = words.subList(1, words.size());
                    case "CMD-SHELL" -> {
                        if (words.size() != 2) {
                            ctx.error(test, "CMD-SHELL takes exactly one command string");
                            return null;
                        }
                        shell = words.get(1);
                    }
                    default -> {
                        ctx.error(test, "a healthcheck test list starts with CMD, CMD-SHELL or NONE, not " + Text.q(words.get(0)),
                                "Write [\"CMD\", \"curl\", \"-f\", \"http://localhost\"] or a shell command string.");
                        return null;
                    }
                }
                if (exec != null && exec.isEmpty()) {
                    ctx.error(test, "CMD needs a command");
                    return null;
                }
            } else if (test != null) {
                ctx.error(test, "expected a string or a list for the healthcheck test, got " + test.kind());
                return null;
            }
            // without test, the timing applies to the image's own HEALTHCHECK (docker merges them)
            if (shell != null && Types.hasControl(shell.strip())) {
                ctx.error(test, "the healthcheck command contains a line break or control character");
                return null;
            }
            Duration interval = opt(m, "interval", Types.DURATION, ctx);
            Duration timeout = opt(m, "timeout", Types.DURATION, ctx);
            Long retries = opt(m, "retries", Types.integer(1, 1_000_000), ctx);
            Duration startPeriod = opt(m, "start_period", Types.DURATION, ctx);
            Duration startInterval = opt(m, "start_interval", Types.DURATION, ctx);
            for (String k : List.of("interval", "timeout", "start_interval")) {
                Duration d = k.equals("interval") ? interval : k.equals("timeout") ? timeout : startInterval;
                if (d != null && d.toMillis() < 1) {
                    ctx.error(m.get(k).get(), "the healthcheck " + k + " must be at least 1ms");
                }
            }
            return new Values.HealthCheck(disabled, shell == null ? null : shell.strip(), exec, interval, timeout, retries,
                    startPeriod, startInterval);
        }

        @Override
        public String describe() {
            return "a mapping (test, interval, timeout, retries, start_period, start_interval, disable)";
        }
    };

    // ------------------------------------------------------------------ logging

    public static final ValueType<Values.Logging> LOGGING = new ValueType<>() {
        @Override
        public Values.Logging read(YNode node, ReadContext ctx) {
            YMap m = mapWithKeys(node, ctx, "logging", Set.of("driver", "options"));
            if (m == null) {
                return null;
            }
            String driver = opt(m, "driver", Types.LINE, ctx);
            Map<String, String> options = opt(m, "options", Types.stringMap("=", false), ctx);
            if (driver != null && driver.equals("journald")) {
                ctx.warning(m.get("driver").get(), "the journald log driver logs every line twice",
                        "The unit's journal already gets the container's output through the attached docker client; "
                                + "keep the default driver and use options for rotation (max-size, max-file).");
            }
            return new Values.Logging(driver, options == null ? Map.of() : options);
        }

        @Override
        public String describe() {
            return "a mapping (driver, options)";
        }
    };

    // ------------------------------------------------------------------ ulimits

    private static final Set<String> ULIMITS = Set.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
            "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");

    public static final ValueType<Map<String, Values.Ulimit>> ULIMITS_TYPE = new ValueType<>() {
        @Override
        public Map<String, Values.Ulimit> read(YNode node, ReadContext ctx) {
            if (!(node instanceof YMap m)) {
                ctx.error(node, "expected a mapping of limits, got " + node.kind());
                return null;
            }
            Map<String, Values.Ulimit> out = new LinkedHashMap<>();
            ValueType<Long> num = Types.integer(-1, Long.MAX_VALUE);
            for (YMap.Entry e : m.entries()) {
                if (!ULIMITS.contains(e.name())) {
                    ctx.error(e.key(), "unknown ulimit " + Text.q(e.name()),
                            Text.closest(e.name(), ULIMITS).map(c -> "Did you mean " + c + "? ").orElse("")
                                    + "Valid limits: " + String.join(", ", ULIMITS.stream().sorted().toList()) + ".");
                    continue;
                }
                if (e.value() instanceof YScalar) {
                    Long v = num.read(e.value(), ctx);
                    if (v != null) {
                        out.put(e.name(), new Values.Ulimit(v, v));
                    }
                } else {
                    YMap lm = mapWithKeys(e.value(), ctx, "ulimit " + e.name(), Set.of("soft", "hard"));
                    if (lm == null) {
                        continue;
                    }
                    Long soft = opt(lm, "soft", num, ctx);
                    Long hard = opt(lm, "hard", num, ctx);
                    if (soft == null || hard == null) {
                        ctx.error(e.value(), "ulimit " + e.name() + " needs soft and hard");
                        continue;
                    }
                    if (hard >= 0 && (soft > hard || soft < 0)) {
                        ctx.error(e.value(), "ulimit " + e.name() + ": soft limit " + (soft < 0 ? "unlimited (-1)" : soft)
                                + " is above the hard limit " + hard);
                        continue;
                    }
                    out.put(e.name(), new Values.Ulimit(soft, hard));
                }
            }
            return out;
        }

        @Override
        public String describe() {
            return "a mapping of limit name to a number or {soft, hard}";
        }
    };

    // ------------------------------------------------------------------ depends_on

    public static final ValueType<List<Values.Dependency>> DEPENDS_ON = new ValueType<>() {
        @Override
        public List<Values.Dependency> read(YNode node, ReadContext ctx) {
            List<Values.Dependency> out = new ArrayList<>();
            if (node instanceof YSeq seq) {
                for (YNode item : seq.items()) {
                    String name = Types.STRING.read(item, ctx);
                    if (name != null) {
                        out.add(new Values.Dependency(name, Values.Condition.SERVICE_STARTED, false, true, item.location()));
                    }
                }
                return out;
            }
            if (node instanceof YScalar s && !s.isNull()) {
                return List.of(new Values.Dependency(s.value(), Values.Condition.SERVICE_STARTED, false, true, s.location()));
            }
            if (!(node instanceof YMap m)) {
                ctx.error(node, "expected a list of container names or a mapping, got " + node.kind());
                return null;
            }
            for (YMap.Entry e : m.entries()) {
                Values.Condition condition = Values.Condition.SERVICE_STARTED;
                boolean restart = false;
                boolean required = true;
                if (!(e.value() instanceof YScalar sv && sv.isNull())) {
                    YMap dm = mapWithKeys(e.value(), ctx, "depends_on " + e.name(), Set.of("condition", "restart", "required"));
                    if (dm == null) {
                        continue;
                    }
                    String cond = opt(dm, "condition", Types.STRING, ctx);
                    if (cond != null) {
                        switch (cond) {
                            case "service_started" -> condition = Values.Condition.SERVICE_STARTED;
                            case "service_healthy" -> condition = Values.Condition.SERVICE_HEALTHY;
                            case "service_completed_successfully" -> ctx.error(dm.get("condition").get(),
                                    "condition service_completed_successfully is not supported",
                                    "unitgen runs long-lived services; order a one-shot task with a unit of its own.");
                            default -> ctx.error(dm.get("condition").get(), "invalid condition " + Text.q(cond),
                                    "Valid conditions: service_started, service_healthy.");
                        }
                    }
                    restart = Boolean.TRUE.equals(opt(dm, "restart", Types.BOOL, ctx));
                    required = !Boolean.FALSE.equals(opt(dm, "required", Types.BOOL, ctx));
                }
                out.add(new Values.Dependency(e.name(), condition, restart, required, e.key().location()));
            }
            return out;
        }

        @Override
        public String describe() {
            return "a list of container names, or a mapping name -> {condition, restart, required}";
        }
    };

    // ------------------------------------------------------------------ networks

    public static final ValueType<List<Values.Network>> NETWORKS = new ValueType<>() {
        @Override
        public List<Values.Network> read(YNode node, ReadContext ctx) {
            List<Values.Network> out = new ArrayList<>();
            if (node instanceof YSeq seq) {
                for (YNode item : seq.items()) {
                    String name = Types.STRING.read(item, ctx);
                    if (name != null && checkNetworkName(item, name, ctx)) {
                        out.add(new Values.Network(name, List.of(), null, null, item.location()));
                    }
                }
                return out;
            }
            if (!(node instanceof YMap m)) {
                ctx.error(node, "expected a list of network names or a mapping, got " + node.kind());
                return null;
            }
            for (YMap.Entry e : m.entries()) {
                if (!checkNetworkName(e.key(), e.name(), ctx)) {
                    continue;
                }
                List<String> aliases = List.of();
                String v4 = null;
                String v6 = null;
                if (!(e.value() instanceof YScalar sv && sv.isNull())) {
                    YMap nm = mapWithKeys(e.value(), ctx, "network " + e.name(), Set.of("aliases", "ipv4_address", "ipv6_address"));
                    if (nm == null) {
                        continue;
                    }
                    List<String> a = opt(nm, "aliases", Types.strings(false, Types.STRING), ctx);
                    if (a != null) {
                        for (String alias : a) {
                            if (!NAME.matcher(alias).matches() && !alias.matches("[a-zA-Z0-9]")) {
                                ctx.error(nm.get("aliases").get(), "invalid network alias " + Text.q(alias));
                            }
                        }
                        aliases = a;
                    }
                    v4 = opt(nm, "ipv4_address", Types.STRING, ctx);
                    if (v4 != null && !IPV4.matcher(v4).matches()) {
                        ctx.error(nm.get("ipv4_address").get(), "invalid IPv4 address " + Text.q(v4));
                    }
                    v6 = opt(nm, "ipv6_address", Types.STRING, ctx);
                    if (v6 != null && !isIpv6(v6)) {
                        ctx.error(nm.get("ipv6_address").get(), "invalid IPv6 address " + Text.q(v6));
                    }
                }
                out.add(new Values.Network(e.name(), aliases, v4, v6, e.key().location()));
            }
            return out;
        }

        @Override
        public String describe() {
            return "a list of network names, or a mapping name -> {aliases, ipv4_address, ipv6_address}";
        }
    };

    private static boolean checkNetworkName(YNode n, String name, ReadContext ctx) {
        if (!NAME.matcher(name).matches()) {
            ctx.error(n, "invalid network name " + Text.q(name), "A network name matches [a-zA-Z0-9][a-zA-Z0-9_.-]+.");
            return false;
        }
        if (Set.of("host", "none", "bridge", "default").contains(name)) {
            ctx.error(n, "network " + Text.q(name) + " is a network mode, not a user-defined network",
                    "Use network_mode: " + (name.equals("default") ? "bridge" : name) + ".");
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ unit overrides

    public static final ValueType<List<Values.UnitSetting>> UNIT = new ValueType<>() {
        @Override
        public List<Values.UnitSetting> read(YNode node, ReadContext ctx) {
            if (!(node instanceof YMap m)) {
                ctx.error(node, "expected a mapping of sections (Unit, Service, Install), got " + node.kind());
                return null;
            }
            List<Values.UnitSetting> out = new ArrayList<>();
            for (YMap.Entry section : m.entries()) {
                if (!SystemdKeys.SECTIONS.contains(section.name())) {
                    ctx.error(section.key(), "unknown unit section " + Text.q(section.name()),
                            Text.closest(section.name(), SystemdKeys.SECTIONS).map(c -> "Did you mean " + c + "? ").orElse("")
                                    + "Valid sections: Unit, Service, Install.");
                    continue;
                }
                if (!(section.value() instanceof YMap keys)) {
                    ctx.error(section.value(), "expected a mapping of settings, got " + section.value().kind());
                    continue;
                }
                for (YMap.Entry setting : keys.entries()) {
                    List<YNode> valueNodes = setting.value() instanceof YSeq seq ? seq.items() : List.of(setting.value());
                    String problem = SystemdKeys.checkKey(section.name(), setting.name());
                    if (problem != null) {
                        ctx.error(setting.key(), problem, SystemdKeys.hint(section.name(), setting.name()));
                        continue;
                    }
                    for (YNode vn : valueNodes) {
                        if (!(vn instanceof YScalar sv)) {
                            ctx.error(vn, "expected a value or a list of values for " + setting.name() + ", got " + vn.kind());
                            continue;
                        }
                        String value = sv.isNull() ? "" : sv.value();
                        String bad = SystemdKeys.checkValue(section.name(), setting.name(), value);
                        if (bad != null) {
                            ctx.error(vn, bad, null);
                            continue;
                        }
                        out.add(new Values.UnitSetting(section.name(), setting.name(), value, vn.location()));
                    }
                }
            }
            return out;
        }

        @Override
        public String describe() {
            return "a mapping section -> setting -> value or list of values";
        }
    };

    // ------------------------------------------------------------------ generic list

    /** A list whose items are read by {@code item}; a failed item fails the list. */
    static <T> ValueType<List<T>> listOf(String itemName, BiFunction<YNode, ReadContext, T> item) {
        return new ValueType<>() {
            @Override
            public List<T> read(YNode node, ReadContext ctx) {
                if (!(node instanceof YSeq seq)) {
                    ctx.error(node, "expected a list, got " + node.kind());
                    return null;
                }
                List<T> out = new ArrayList<>();
                boolean ok = true;
                for (YNode i : seq.items()) {
                    T v = item.apply(i, ctx);
                    if (v == null) {
                        ok = false;
                    } else {
                        out.add(v);
                    }
                }
                return ok ? List.copyOf(out) : null;
            }

            @Override
            public String describe() {
                return "a list of " + itemName.replaceFirst("^an? ", "") + "s";
            }
        };
    }
}
