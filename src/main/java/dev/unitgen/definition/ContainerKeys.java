package dev.unitgen.definition;

import dev.unitgen.util.Text;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * THE mapping table of container keys: one row per key, with its reader, its emitter (what it
 * writes on the docker run command line), what it becomes and its documentation. It drives
 * validation (which keys exist, their types, "did you mean"), translation (the translator
 * calls every row's emitter in table order, so table order is the order of the options; the
 * image, the command and unitgen's own words go where {@link DockerArgs} says), documentation
 * ({@code unitgen keys}, checked against unitgen.yaml(5)) and completion.
 * docs/DEVELOPING.md has the recipe for a new key or flag.
 */
public final class ContainerKeys {
    private ContainerKeys() {
    }

    private static final KeyTable TABLE = new KeyTable();

    /** A row with an emitter of its own. */
    private static <T> Key<T> row(String name, ValueType<T> type, Emitter<T> emitter, String maps, boolean compose, String doc) {
        return row(name, type, emitter, maps, compose, doc, null);
    }

    /** A row with an emitter of its own and a default (unitgen.yaml(5), {@code unitgen config}). */
    private static <T> Key<T> row(String name, ValueType<T> type, Emitter<T> emitter, String maps, boolean compose, String doc,
                                  Default<T> fallback) {
        return TABLE.add(new Key<>(name, type, emitter, maps, doc, compose, fallback));
    }

    /** A row that writes no docker run argument: it becomes unit settings, or tells apply what to do. */
    private static <T> Key<T> setting(String name, ValueType<T> type, String maps, boolean compose, String doc, Default<T> fallback) {
        return row(name, type, Emitter.none(), maps, compose, doc, fallback);
    }

    private static <T> Key<T> setting(String name, ValueType<T> type, String maps, boolean compose, String doc) {
        return setting(name, type, maps, compose, doc, null);
    }

    /** A compose key that is one docker run option: {@code flag format(value)}. */
    private static <T> Key<T> flag(String name, ValueType<T> type, String flag, Function<T, String> format, String doc) {
        return row(name, type, Emitter.value(flag, format), flag, true, doc);
    }

    private static Key<String> flag(String name, ValueType<String> type, String flag, String doc) {
        return flag(name, type, flag, Function.identity(), doc);
    }

    /** A compose key whose list items are docker run options: {@code flag format(item)} each. */
    private static <I> Key<List<I>> each(String name, ValueType<List<I>> type, String flag, Function<I, String> format, String doc) {
        return row(name, type, Emitter.each(flag, format), flag, true, doc);
    }

    private static Key<List<String>> each(String name, ValueType<List<String>> type, String flag, String doc) {
        return each(name, type, flag, Function.identity(), doc);
    }

    /** A compose key whose map entries are docker run options, sorted by key: {@code flag format(key, value)} each. */
    private static <V> Key<Map<String, V>> pairs(String name, ValueType<Map<String, V>> type, String flag,
                                                 BiFunction<String, V, String> format, String doc) {
        return row(name, type, Emitter.pairs(flag, format), flag, true, doc);
    }

    private static Key<Map<String, String>> pairs(String name, ValueType<Map<String, String>> type, String flag, String doc) {
        return pairs(name, type, flag, (k, v) -> k + "=" + v, doc);
    }

    /** A compose key that is a docker run switch: {@code flag} when true. */
    private static Key<Boolean> when(String name, String flag, String doc) {
        return row(name, Types.BOOL, Emitter.when(flag), flag, true, doc);
    }

    /** A path of a definition as the host sees it: relative paths are relative to the definition file's directory. */
    private static String fromDefinitionDir(String sourcePath, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p.normalize().toString() : Path.of(sourcePath).getParent().resolve(p).normalize().toString();
    }

    static final Set<String> CAPABILITIES = new TreeSet<>(List.of("ALL", "AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE",
            "BLOCK_SUSPEND", "BPF", "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER",
            "FSETID", "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE",
            "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_RAW", "PERFMON", "SETFCAP", "SETGID",
            "SETPCAP", "SETUID", "SYSLOG", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYS_MODULE", "SYS_NICE",
            "SYS_PACCT", "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "WAKE_ALARM"));

    /** A capability name, with or without CAP_, any case; normalized to docker's form without CAP_. */
    static final ValueType<String> CAPABILITY = Types.simple("capability (e.g. NET_ADMIN)", (s, n, ctx) -> {
        String up = s.toUpperCase(Locale.ROOT);
        String bare = up.startsWith("CAP_") ? up.substring(4) : up;
        if (!CAPABILITIES.contains(bare)) {
            ctx.error(n, "unknown capability " + Text.q(s),
                    Text.closest(bare, CAPABILITIES).map(c -> "Did you mean " + c + "?").orElse("See capabilities(7)."));
            return null;
        }
        return bare;
    });

    static final ValueType<String> EXPOSE_PORT = Types.simple("port (e.g. 80, 8000-8010/udp)", (s, n, ctx) -> {
        if (!s.matches("\\d{1,5}(-\\d{1,5})?(/(tcp|udp|sctp))?")) {
            ctx.error(n, "invalid port " + Text.q(s), "Write a port or range with an optional protocol: 80, 8000-8010/udp.");
            return null;
        }
        return s;
    });

    static final ValueType<String> DEVICE = Types.simple("device (HOST[:CONTAINER[:PERMISSIONS]])", (s, n, ctx) -> {
        String[] p = s.split(":", -1);
        boolean ok = p.length <= 3 && p[0].startsWith("/") && (p.length < 2 || p[1].startsWith("/") || (p.length == 2 && p[1].matches("[rwm]+")))
                && (p.length < 3 || p[2].matches("[rwm]+")) && !Types.hasControl(s);
        if (!ok) {
            ctx.error(n, "invalid device " + Text.q(s), "Write HOST_PATH[:CONTAINER_PATH[:PERMISSIONS]], e.g. /dev/ttyUSB0:/dev/ttyUSB0:rw.");
            return null;
        }
        return s;
    });

    static final ValueType<String> NAME_VALUE = Types.simple("name", (s, n, ctx) -> {
        if (s.isEmpty() || Types.hasControl(s) || s.chars().anyMatch(Character::isWhitespace)) {
            ctx.error(n, "invalid value " + Text.q(s), "The value cannot be empty or contain spaces or control characters.");
            return null;
        }
        return s;
    });

    private static final ValueType<Size> SIZE = Size.TYPE;

    /** What a docker env file can hold: one line per variable, the name without blanks or '='. */
    static String envEntry(String name, String value) {
        if (name.isEmpty() || name.startsWith("#") || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '=' || c < 0x20 || c == 0x7f)) {
            return "invalid environment variable name " + Text.q(name) + " (no blanks, '=' or control characters)";
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return "the value of " + name + " contains a line break; docker env files hold one line per variable";
        }
        if (value.indexOf(0) >= 0) {
            return "the value of " + name + " contains a NUL character";
        }
        if (value.length() > Types.MAX_STRING) {
            return "the value of " + name + " is too long";
        }
        return null;
    }

    /** extra_hosts: a host name and an IP address. */
    static String hostEntry(String host, String ip) {
        if (!host.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            return "invalid host name " + Text.q(host);
        }
        if (!Readers.isIp(ip) && !ip.equals("host-gateway")) {
            return "invalid IP address " + Text.q(ip) + " for host " + host;
        }
        return null;
    }

    /** Labels, sysctls: names without blanks, values on one line. */
    static String oneLineEntry(String name, String value) {
        if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '=' || c < 0x20)) {
            return "invalid name " + Text.q(name);
        }
        if (Types.hasControl(value)) {
            return "the value of " + name + " contains a line break or control character";
        }
        return null;
    }

    // ---------------------------------------------------------------- the table: documentation order, and the order of docker run's options

    public static final Key<String> IMAGE = row("image", Types.STRING,
            (v, c, a) -> a.image(c.builtImage() != null ? c.builtImage() : v), "IMAGE argument of docker run", true,
            "The image to run, with a tag or digest (required). An image without either gets a warning: "
                    + "\"latest\" changes under you.");
    public static final Key<String> DESCRIPTION = setting("description", Types.LINE, "Description=", false,
            "The unit's Description=.", new Default<>("Container NAME (generated by unitgen)", f -> "Container " + f.name() + " (generated by unitgen)"));
    public static final Key<Boolean> ENABLED = setting("enabled", Types.BOOL, "[Install] WantedBy=multi-user.target", false,
            "Start at boot: apply enables the unit. With false the unit is disabled but still started by apply.", Default.of(true, "true"));
    public static final Key<Boolean> RESTART_ON_CHANGE = setting("restart_on_change", Types.BOOL, "apply", false,
            "Whether apply restarts the unit when its definition changes. With false the change "
                    + "takes effect at the next restart.", Default.of(true, "true"));
    public static final Key<Restart> RESTART = setting("restart", Restart.TYPE, "Restart=, StartLimitBurst=", true,
            "no, on-failure[:N], always or unless-stopped. systemd restarts the container; "
                    + "docker's --restart is never used. unless-stopped is always: systemd does not restart a unit that was stopped.",
            Default.of(new Restart(Restart.Policy.ON_FAILURE, null), "on-failure"));
    public static final Key<List<Dependency>> DEPENDS_ON = setting("depends_on", Dependency.LIST,
            "Wants=, After=, Requires=", true,
            "Containers started before this one: Wants= and After= on their units. The long form takes "
                    + "condition (service_started, service_healthy: the dependency's unit is active only once it is "
                    + "healthy), restart: true (Requires=: restarted with the dependency) and required.");
    public static final Key<Values.SystemdMode> SYSTEMD = row("systemd",
            Types.enumeration(Values.SystemdMode.class), (v, c, a) -> {
                if (c.systemd()) {
                    a.own(SystemdProfile.CONTAINER_FLAGS);
                }
            }, "docker run flags for systemd as PID 1", false,
            "Run systemd as PID 1 in the container: auto (when the command is /sbin/init, /usr/sbin/init, "
                    + "/lib/systemd/systemd or ends in /systemd, or the image is declared under images:), always or never.",
            Default.of(Values.SystemdMode.AUTO, "auto"));
    public static final Key<SystemdProfile> SYSTEMD_PROFILE = row("systemd_profile",
            Types.enumeration(SystemdProfile.class, SystemdProfile::yaml), (v, c, a) -> {
                if (c.systemd()) {
                    c.profile().emit(a, c.init());
                }
            }, "docker run flags for the cgroup tree", false,
            "How a systemd container gets its cgroup tree: auto (ro-cgroup on a cgroup v1 host, private-cgroupns on v2), "
                    + "ro-cgroup, private-cgroupns, privileged, hook, host-rw.",
            new Default<>("auto", f -> f.systemd() ? SystemdProfile.AUTO : null)); // no effect on a plain container
    public static final Key<List<UnitSetting>> UNIT = setting("unit", UnitSetting.LIST, "[Unit], [Service], [Install] settings", false,
            "Extra systemd settings per section (Unit, Service, Install), validated against systemd's own list. "
                    + "Dependency settings are added to unitgen's; others replace unitgen's value.");

    public static final Key<Boolean> INIT = row("init", Types.BOOL, (v, c, a) -> {
                if (ContainerKeys.INIT.orDefault(v, c)) {
                    a.option("--init");
                }
            }, "--init", true,
            "Run docker's init as PID 1 so the container stops on SIGTERM.",
            Default.unlessSystemd(true, false, "true (false for systemd containers)"));
    public static final Key<Values.PullPolicy> PULL_POLICY = row("pull_policy",
            Types.enumeration(Values.PullPolicy.class), (v, c, a) -> {
                Values.PullPolicy p = c.builtImage() != null ? Values.PullPolicy.NEVER : v;
                if (p != null) {
                    a.option("--pull", p.name().toLowerCase(Locale.ROOT));
                }
            }, "--pull", true,
            "missing, always or never: when apply pulls the image (docker run pulls a missing one; no --pull is written "
                    + "unless the key is set).",
            new Default<>("missing", f -> f.declaredImage() ? null : Values.PullPolicy.MISSING)); // a declared image is built, never pulled
    public static final Key<Map<String, String>> ENVIRONMENT = row("environment", Types.stringMap("=", false, ContainerKeys::envEntry),
            Emitter.whenSet((v, c, a) -> a.option("--env-file", c.envFile())), "--env-file /etc/unitgen/env/NAME.env", true,
            "Environment variables (mapping or KEY=VALUE list). Written to a root-only (0600) env file, never into "
                    + "the unit or onto the command line. Values are literal: no quoting, no $ expansion.");
    public static final Key<List<String>> ENV_FILE = row("env_file", Types.strings(true, Types.LINE),
            Emitter.whenSet((v, c, a) -> v.forEach(f -> a.option("--env-file", fromDefinitionDir(c.sourcePath(), f)))), "--env-file", true,
            "Env files of your own, read by the docker client at each start (relative paths from the definition's directory).");
    public static final Key<List<Port>> PORTS = each("ports", Port.LIST, "--publish", Port::publishArg,
            "Published ports: [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL], or the long form (target, published, host_ip, protocol).");
    public static final Key<List<String>> EXPOSE = each("expose", Types.strings(false, EXPOSE_PORT), "--expose",
            "Ports exposed to other containers without publishing them.");
    public static final Key<List<Volume>> VOLUMES = row("volumes", Volume.LIST,
            Emitter.whenSet((v, c, a) -> v.forEach(m -> a.option(m.flag(),
                    m.arg(key -> c.engineName(ObjectDefinition.Kind.VOLUME, key))))), "--volume, --tmpfs", true,
            "Mounts: SOURCE:TARGET[:MODE] (a path starting with /, ./ or ../ is a bind mount, relative to the "
                    + "definition's directory; otherwise a named volume), or the long form (type, source, target, read_only, bind, volume, tmpfs).");
    public static final Key<List<String>> TMPFS = each("tmpfs", Types.strings(true, Types.LINE), "--tmpfs",
            "tmpfs mounts: PATH[:OPTIONS].");
    public static final Key<String> NETWORK_MODE = flag("network_mode", NAME_VALUE, "--network",
            m -> m.startsWith("service:") ? "container:" + m.substring("service:".length()) : m,
            "bridge, host, none, container:NAME or service:NAME (a declared container: also ordered after it).");
    public static final Key<List<Network>> NETWORKS = row("networks", Network.LIST,
            Emitter.whenSet((v, c, a) -> v.stream().limit(1)
                    .forEach(n -> n.emit(a, c.engineName(ObjectDefinition.Kind.NETWORK, n.name())))), "--network, --network-alias, --ip, --ip6", true,
            "The user-defined networks to join, each with its aliases and fixed addresses: the first by docker run, the "
                    + "others by docker network connect before the unit reports ready. Each must be declared under networks:.");
    public static final Key<String> HOSTNAME = flag("hostname", NAME_VALUE, "--hostname", "The container's host name.");
    public static final Key<String> DOMAINNAME = flag("domainname", NAME_VALUE, "--domainname", "The container's domain name.");
    public static final Key<Map<String, String>> EXTRA_HOSTS = pairs("extra_hosts", Types.stringMap(":=", false, ContainerKeys::hostEntry),
            "--add-host", (h, ip) -> h + ":" + ip,
            "Extra /etc/hosts entries: HOST: IP, or HOST:IP / HOST=IP strings.");
    public static final Key<List<String>> DNS = each("dns", Types.strings(true, NAME_VALUE), "--dns", "DNS servers.");
    public static final Key<List<String>> DNS_SEARCH = each("dns_search", Types.strings(true, NAME_VALUE), "--dns-search", "DNS search domains.");
    public static final Key<List<String>> DNS_OPT = each("dns_opt", Types.strings(false, NAME_VALUE), "--dns-option", "resolv.conf options.");
    public static final Key<String> USER = flag("user", NAME_VALUE, "--user", "USER[:GROUP] the command runs as in the container.");
    public static final Key<List<String>> GROUP_ADD = each("group_add", Types.strings(false, NAME_VALUE), "--group-add", "Extra groups.");
    public static final Key<String> WORKING_DIR = flag("working_dir", Types.LINE, "--workdir", "The working directory in the container.");
    public static final Key<List<String>> CAP_ADD = each("cap_add", Types.strings(false, CAPABILITY), "--cap-add", "Capabilities to add.");
    public static final Key<List<String>> CAP_DROP = each("cap_drop", Types.strings(false, CAPABILITY), "--cap-drop", "Capabilities to drop.");
    public static final Key<List<String>> DEVICES = each("devices", Types.strings(false, DEVICE), "--device", "Host devices.");
    public static final Key<List<String>> SECURITY_OPT = each("security_opt", Types.strings(false, Types.LINE), "--security-opt",
            "Security options (seccomp=..., apparmor=..., no-new-privileges).");
    public static final Key<Map<String, String>> SYSCTLS = pairs("sysctls", Types.stringMap("=", false, ContainerKeys::oneLineEntry), "--sysctl", "Namespaced kernel parameters.");
    public static final Key<Map<String, Ulimit>> ULIMITS = pairs("ulimits", Ulimit.MAP, "--ulimit", (n, u) -> u.arg(n),
            "Resource limits: NAME: N or NAME: {soft, hard}.");
    public static final Key<Map<String, String>> LABELS = pairs("labels", Types.stringMap("=", false, ContainerKeys::oneLineEntry), "--label", "Container labels.");
    public static final Key<Boolean> READ_ONLY = when("read_only", "--read-only", "Mount the root file system read-only.");
    public static final Key<Boolean> PRIVILEGED = when("privileged", "--privileged",
            "Give the container every capability and device. Fails where the host's capability bounding set lacks one.");
    public static final Key<Boolean> TTY = row("tty", Types.BOOL, (v, c, a) -> {
                if (Boolean.TRUE.equals(v) && !c.systemd()) {
                    a.option("--tty"); // a systemd container gets its tty among unitgen's own options
                }
            }, "--tty", true,
            "Allocate a pseudo-TTY (always on for systemd containers).");
    public static final Key<String> IPC = flag("ipc", NAME_VALUE, "--ipc", "IPC namespace mode.");
    public static final Key<String> PID = flag("pid", NAME_VALUE, "--pid", "PID namespace mode.");
    public static final Key<Size> SHM_SIZE = flag("shm_size", SIZE, "--shm-size", Size::text, "Size of /dev/shm.");
    public static final Key<Size> MEM_LIMIT = flag("mem_limit", SIZE, "--memory", Size::text, "Memory limit.");
    public static final Key<Size> MEM_RESERVATION = flag("mem_reservation", SIZE, "--memory-reservation", Size::text, "Memory soft limit.");
    public static final Key<BigDecimal> CPUS = flag("cpus", Types.decimal(new BigDecimal("0.01"), new BigDecimal("4096")), "--cpus", BigDecimal::toPlainString, "Number of CPUs.");
    public static final Key<Long> CPU_SHARES = flag("cpu_shares", Types.integer(2, 262144), "--cpu-shares", String::valueOf, "Relative CPU weight.");
    public static final Key<String> CPUSET = flag("cpuset", NAME_VALUE, "--cpuset-cpus", "CPUs the container may use (0-3, 0,1).");
    public static final Key<Long> PIDS_LIMIT = flag("pids_limit", Types.integer(-1, Integer.MAX_VALUE), "--pids-limit", String::valueOf, "Process limit (-1: unlimited).");
    public static final Key<Long> OOM_SCORE_ADJ = flag("oom_score_adj", Types.integer(-1000, 1000), "--oom-score-adj", String::valueOf, "OOM killer preference.");
    public static final Key<String> CGROUP_PARENT = flag("cgroup_parent", NAME_VALUE, "--cgroup-parent", "Parent cgroup of the container.");
    public static final Key<String> PLATFORM = flag("platform", NAME_VALUE, "--platform", "Image platform (linux/amd64).");
    public static final Key<String> MAC_ADDRESS = flag("mac_address", NAME_VALUE, "--mac-address", "MAC address.");
    public static final Key<String> RUNTIME = flag("runtime", NAME_VALUE, "--runtime", "OCI runtime (e.g. for systemd_profile: hook).");
    public static final Key<Signal> STOP_SIGNAL = row("stop_signal", Signal.TYPE, (v, c, a) -> {
                if (v != null && !c.systemd()) {
                    a.option("--stop-signal", v.name()); // a systemd container stops on SIGRTMIN+3 (unitgen's own options)
                }
            }, "--stop-signal, KillSignal=", true,
            "The signal that stops the container.",
            Default.unlessSystemd(Signal.parse("SIGTERM"), Signal.parse(SystemdProfile.STOP_SIGNAL), "SIGTERM (SIGRTMIN+3 for systemd containers)"));
    public static final Key<Duration> STOP_GRACE_PERIOD = setting("stop_grace_period", Types.DURATION,
            "docker stop -t, TimeoutStopSec=", true,
            "Time between the stop signal and SIGKILL.",
            Default.unlessSystemd(Duration.ofSeconds(10), Duration.ofSeconds(30), "10s (30s for systemd containers)"));
    public static final Key<Logging> LOGGING = row("logging", Logging.TYPE,
            Emitter.whenSet((v, c, a) -> v.emit(a)), "--log-driver, --log-opt", true,
            "Log driver and options. Keep docker's default driver: the unit's journal gets the output through the "
                    + "attached client. Use options for rotation (max-size, max-file).");
    public static final Key<HealthCheck> HEALTHCHECK = row("healthcheck", HealthCheck.TYPE,
            Emitter.whenSet((v, c, a) -> v.emit(a)), "--health-cmd, --health-interval, ..., readiness", true,
            "A healthcheck (test, interval, timeout, retries, start_period, start_interval, disable). The unit "
                    + "becomes active only once docker reports the container healthy.");
    public static final Key<Values.HealthOnFailure> HEALTH_ON_FAILURE = setting("health_on_failure",
            Types.enumeration(Values.HealthOnFailure.class), "ExecStartPost= (a watcher of docker's health events)", false,
            "What happens when docker reports the container unhealthy after it started: restart (the container "
                    + "is killed, so the unit fails and systemd restarts it as restart says; with restart: \"no\" the unit "
                    + "stays failed), stop (the unit is stopped) or none (only reported by unitgen status). Works without "
                    + "unitgen running, for a healthcheck of the definition or of the image.",
            Default.of(Values.HealthOnFailure.RESTART, "restart"));
    public static final Key<Duration> MIN_HEALTHY = setting("min_healthy", Types.DURATION, "apply's verification", false,
            "The stability window: apply calls a started container verified only once it has stayed up this long "
                    + "(same container, unit active, no automatic restart, healthy when it has a healthcheck). "
                    + "0s looks once. apply --min-healthy overrides it for a run. Changing it restarts nothing.",
            Default.of(Duration.ofSeconds(10), "10s"));
    public static final Key<List<String>> DOCKER_ARGS = row("docker_args", Types.strings(false, Types.STRING),
            Emitter.whenSet((v, c, a) -> a.extra(v)), "docker run arguments before the image", false,
            "Escape hatch: extra docker run arguments, one word each, placed before the image. Arguments unitgen owns are "
                    + "refused: --restart, --name, --rm, -d/--detach, -i/--interactive, -e/--env, --env-file, --entrypoint.");
    public static final Key<List<String>> ENTRYPOINT = row("entrypoint", Types.COMMAND, Emitter.whenSet((v, c, a) -> a.entrypoint(v)), "--entrypoint", true,
            "Overrides the image's entrypoint: a string (split like a shell) or a list. It also clears the image's command.");
    public static final Key<List<String>> COMMAND = row("command", Types.COMMAND, Emitter.whenSet((v, c, a) -> a.command(v)), "arguments after the image", true,
            "Overrides the image's command: a string (split like a shell) or a list of words.");

    /** Every key in table order. */
    public static List<Key<?>> all() {
        return TABLE.all();
    }

    public static Key<?> byName(String name) {
        return TABLE.byName(name);
    }

    public static Set<String> names() {
        return TABLE.names();
    }

    /**
     * The hint for an unknown key: what {@link #NOT_KEYS} says about it, else the closest key
     * (or the closest well-known name that is not a key, with what to write instead).
     */
    public static String hintFor(String unknown) {
        if (NOT_KEYS.containsKey(unknown)) {
            return NOT_KEYS.get(unknown);
        }
        if (ALIASES.containsKey(unknown)) {
            return "Did you mean " + ALIASES.get(unknown) + "?";
        }
        Set<String> candidates = new TreeSet<>(TABLE.names());
        candidates.addAll(ALIASES.keySet());
        candidates.addAll(NOT_KEYS.keySet());
        return Text.closest(unknown, candidates)
                .map(c -> TABLE.byName(c) != null ? "Did you mean " + c + "?"
                        : ALIASES.containsKey(c) ? "Did you mean " + ALIASES.get(c) + "?" : NOT_KEYS.get(c))
                .orElse("See unitgen.yaml(5) or `unitgen keys` for the keys a container takes.");
    }

    /** Names people reach for (docker run's flag names) -> the key unitgen uses. */
    public static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("memory", "mem_limit"),
            Map.entry("mem", "mem_limit"),
            Map.entry("env", "environment"),
            Map.entry("publish", "ports"),
            Map.entry("volume", "volumes"),
            Map.entry("workdir", "working_dir"),
            Map.entry("network", "network_mode"),
            Map.entry("net", "network_mode"),
            Map.entry("label", "labels"),
            Map.entry("args", "command"),
            Map.entry("cmd", "command"),
            Map.entry("restart_policy", "restart"));

    /** Compose keys and docker flags unitgen does not take, each with what to do instead. */
    public static final Map<String, String> NOT_KEYS = Map.ofEntries(
            Map.entry("name", "The container's name is its key under containers:."),
            Map.entry("container_name", "The container's name is its key under containers:."),
            Map.entry("build", "unitgen builds only the systemd images declared under images:, not a container's own Dockerfile: build the image first and name it in image."),
            Map.entry("deploy", "deploy is for swarm; use mem_limit, cpus and restart."),
            Map.entry("scale", "unitgen runs one container per definition."),
            Map.entry("profiles", "Keep the containers you want on a host in the files of that host."),
            Map.entry("links", "Legacy links are not supported; use networks and depends_on."),
            Map.entry("external_links", "Legacy links are not supported; use networks."),
            Map.entry("secrets", "Use environment (kept in a root-only env file) or a read-only bind mount."),
            Map.entry("configs", "Use a read-only bind mount."),
            Map.entry("extends", "Use the file's defaults: mapping."),
            Map.entry("stdin_open", "A unit has no input to give a container."),
            Map.entry("detach", "unitgen always runs the client in the foreground so systemd can follow it."),
            Map.entry("rm", "unitgen always removes the container when it stops."),
            Map.entry("memswap_limit", "Not supported; use docker_args: [--memory-swap, VALUE]."),
            Map.entry("userns_mode", "Not supported; use docker_args: [--userns, VALUE]."),
            Map.entry("storage_opt", "Not supported; use docker_args: [--storage-opt, VALUE]."),
            Map.entry("isolation", "Windows only."),
            Map.entry("volumes_from", "Not supported; use named volumes."),
            Map.entry("cgroup", "Not supported; see systemd_profile for systemd containers."));
}
