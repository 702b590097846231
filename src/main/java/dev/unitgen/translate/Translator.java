package dev.unitgen.translate;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.host.CgroupLayout;
import dev.unitgen.host.Root;
import dev.unitgen.image.ImageBuild;
import dev.unitgen.definition.ContainerKeys;
import dev.unitgen.definition.ContainerDefinition;
import dev.unitgen.definition.Definitions;
import dev.unitgen.definition.Key;
import dev.unitgen.definition.SystemdProfile;
import dev.unitgen.definition.Values;
import dev.unitgen.unit.SystemdKeys;
import dev.unitgen.unit.UnitFile;
import dev.unitgen.unit.UnsafeValueException;
import dev.unitgen.util.Text;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Translation: a validated container spec -> a unit-file model, an env file and the docker
 * argv. Follows design/docker-under-systemd.md and the measured unit shape
 * (design/unit-shape.md). Host-dependent checks (the systemd profile) are reported here.
 */
public final class Translator {
    /** The label docker containers of unitgen carry: value = the unit name. */
    public static final String UNIT_LABEL = "dev.unitgen.unit";

    /** What a unit's health watcher writes to the journal before it acts on an unhealthy container. */
    public static final String UNHEALTHY_MARK = Readiness.UNHEALTHY_MARK;

    static final Set<String> INIT_PATHS = Set.of("/sbin/init", "/usr/sbin/init", "/lib/systemd/systemd", "/usr/lib/systemd/systemd");
    static final String DEFAULT_INIT = "/lib/systemd/systemd";
    static final String SYSTEMD_STOP_SIGNAL = "SIGRTMIN+3";

    /** docker run flags of each systemd profile (besides the flags every systemd container gets). */
    static final Map<SystemdProfile, List<String>> PROFILE_FLAGS = new EnumMap<>(Map.of(
            SystemdProfile.RO_CGROUP, List.of("--cgroupns=host", "-v", "/sys/fs/cgroup:/sys/fs/cgroup:ro"),
            SystemdProfile.PRIVATE_CGROUPNS, List.of("--cgroupns=private", "--cap-add", "SYS_ADMIN",
                    "--security-opt", "seccomp=unconfined"),
            SystemdProfile.PRIVILEGED, List.of("--privileged", "--cgroupns=private"),
            SystemdProfile.HOOK, List.of(),
            SystemdProfile.HOST_RW, List.of("--privileged", "--cgroupns=host", "-v", "/sys/fs/cgroup:/sys/fs/cgroup:rw")));

    /** Flags every systemd container gets (CONTAINER_INTERFACE; -t so boot messages reach the journal). */
    static final List<String> SYSTEMD_FLAGS = List.of("-t", "-e", "container=docker", "-e", "SYSTEMD_COLORS=0",
            "--tmpfs", "/run", "--tmpfs", "/run/lock", "--stop-signal", SYSTEMD_STOP_SIGNAL);

    /**
     * The entrypoint of private-cgroupns: makes only the container's own cgroup mount
     * writable (Docker mounts it read-only on cgroup v2 unless privileged), then runs the
     * real command. Measured in design/docker-under-systemd.md.
     */
    static final List<String> REMOUNT_WRAPPER = List.of("-c", "mount -o remount,bind,rw /sys/fs/cgroup && exec \"$@\"", "sh");

    /**
     * Settings of [Install] that name units: like the dependency settings of [Unit], a
     * definition's values are added to unitgen's (an empty value first resets the list).
     */
    static final Set<String> ADDING_SETTINGS = Set.of("Install.WantedBy", "Install.RequiredBy", "Install.Also", "Install.Alias");

    /** Handlers of the table's CUSTOM keys that become docker flags, in table order. */
    private final Map<Key<?>, BiConsumer<ContainerDefinition, List<String>>> flagHandlers = new LinkedHashMap<>();

    private final TranslateOptions options;
    private final Diagnostics diagnostics;

    public Translator(TranslateOptions options, Diagnostics diagnostics) {
        this.options = options;
        this.diagnostics = diagnostics;
        flagHandlers.put(ContainerKeys.PORTS, (s, a) -> s.list(ContainerKeys.PORTS).forEach(p -> flag(a, "--publish", p.publishArg())));
        flagHandlers.put(ContainerKeys.VOLUMES, (s, a) -> s.list(ContainerKeys.VOLUMES).forEach(v -> volume(a, v)));
        flagHandlers.put(ContainerKeys.NETWORK_MODE, (s, a) -> {
            String mode = s.get(ContainerKeys.NETWORK_MODE);
            flag(a, "--network", mode.startsWith("service:") ? "container:" + mode.substring(8) : mode);
        });
        flagHandlers.put(ContainerKeys.NETWORKS, (s, a) -> s.list(ContainerKeys.NETWORKS).stream().limit(1).forEach(n -> {
            flag(a, "--network", n.name());
            n.aliases().forEach(al -> flag(a, "--network-alias", al));
            if (n.ipv4() != null) {
                flag(a, "--ip", n.ipv4());
            }
            if (n.ipv6() != null) {
                flag(a, "--ip6", n.ipv6());
            }
        }));
        flagHandlers.put(ContainerKeys.EXTRA_HOSTS, (s, a) -> new TreeMap<>(s.map(ContainerKeys.EXTRA_HOSTS))
                .forEach((h, ip) -> flag(a, "--add-host", h + ":" + ip)));
        flagHandlers.put(ContainerKeys.ULIMITS, (s, a) -> new TreeMap<>(s.map(ContainerKeys.ULIMITS))
                .forEach((n, u) -> flag(a, "--ulimit", u.arg(n))));
        flagHandlers.put(ContainerKeys.LOGGING, (s, a) -> {
            Values.Logging l = s.get(ContainerKeys.LOGGING);
            if (l.driver() != null) {
                flag(a, "--log-driver", l.driver());
            }
            new TreeMap<>(l.options()).forEach((k, v) -> flag(a, "--log-opt", k + "=" + v));
        });
        flagHandlers.put(ContainerKeys.HEALTHCHECK, (s, a) -> healthcheck(a, s.get(ContainerKeys.HEALTHCHECK)));
    }

    /** Translates one container; null when it cannot be (the reason is in the diagnostics). */
    public Translation translate(ContainerDefinition spec, Definitions all) {
        return translate(spec, all, null);
    }

    /**
     * Translates one container whose image is {@code build} (an image declared under images:,
     * null for an image of a registry): it runs the build's tag, never pulls it, and runs
     * systemd unless its command says otherwise.
     */
    public Translation translate(ContainerDefinition spec, Definitions all, ImageBuild build) {
        int errorsBefore = (int) diagnostics.errorCount();
        String name = spec.name();
        String docker = options.docker();
        boolean systemd = isSystemd(spec, build != null);
        SystemdProfile profile = systemd ? resolveProfile(spec) : null;
        checkHostDependent(spec, systemd, profile);

        Values.Signal stopSignal = spec.get(ContainerKeys.STOP_SIGNAL);
        String killSignal = systemd ? SYSTEMD_STOP_SIGNAL : stopSignal == null ? "SIGTERM" : stopSignal.name();
        long stopSeconds = ceilSeconds(spec.get(ContainerKeys.STOP_GRACE_PERIOD, Duration.ofSeconds(systemd ? 30 : 10)));

        // ---- docker run argv
        List<String> argv = new ArrayList<>(List.of(docker, "run", "--rm", "--name", name));
        boolean init = spec.get(ContainerKeys.INIT, !systemd);
        if (init) {
            argv.add("--init");
        }
        Values.PullPolicy pull = build != null ? Values.PullPolicy.NEVER : spec.get(ContainerKeys.PULL_POLICY);
        if (pull != null) {
            flag(argv, "--pull", pull.name().toLowerCase(java.util.Locale.ROOT));
        }
        Map<String, String> env = spec.has(ContainerKeys.ENVIRONMENT) ? new TreeMap<>(spec.map(ContainerKeys.ENVIRONMENT)) : null;
        if (env != null) {
            flag(argv, "--env-file", Root.envFile(name));
        }
        for (String f : spec.envFiles()) {
            flag(argv, "--env-file", f);
        }
        for (Map.Entry<Key<?>, Object> e : spec.values().entrySet()) {
            Key<?> key = e.getKey();
            Object value = e.getValue();
            switch (key.style()) {
                case VALUE -> flag(argv, key.flag(), format(value));
                case EACH -> ((List<?>) value).forEach(v -> flag(argv, key.flag(), format(v)));
                case PAIRS -> new TreeMap<>((Map<?, ?>) value).forEach((k, v) -> flag(argv, key.flag(), k + "=" + v));
                case SWITCH -> {
                    if (Boolean.TRUE.equals(value) && !(key == ContainerKeys.TTY && systemd)) {
                        argv.add(key.flag());
                    }
                }
                case CUSTOM -> {
                    BiConsumer<ContainerDefinition, List<String>> h = flagHandlers.get(key);
                    if (h != null) {
                        h.accept(spec, argv);
                    }
                }
            }
        }
        if (!systemd && stopSignal != null) {
            flag(argv, "--stop-signal", stopSignal.name());
        }
        flag(argv, "--label", UNIT_LABEL + "=" + spec.unitName());
        List<String> entrypoint = spec.list(ContainerKeys.ENTRYPOINT);
        List<String> command = spec.list(ContainerKeys.COMMAND);
        List<String> trailing = new ArrayList<>();
        if (systemd) {
            argv.addAll(SYSTEMD_FLAGS);
            argv.addAll(PROFILE_FLAGS.get(profile));
        }
        argv.addAll(spec.list(ContainerKeys.DOCKER_ARGS));
        if (systemd && profile == SystemdProfile.PRIVATE_CGROUPNS) {
            flag(argv, "--entrypoint", "/bin/sh");
            trailing.addAll(REMOUNT_WRAPPER);
            List<String> inner = new ArrayList<>(entrypoint);
            inner.addAll(command);
            trailing.addAll(inner.isEmpty() ? List.of(build != null ? build.spec().family().init() : DEFAULT_INIT) : inner);
        } else {
            if (!entrypoint.isEmpty()) {
                flag(argv, "--entrypoint", entrypoint.get(0));
                trailing.addAll(entrypoint.subList(1, entrypoint.size()));
            }
            trailing.addAll(command);
        }
        String image = build != null ? build.tag() : spec.get(ContainerKeys.IMAGE);
        argv.add(image);
        argv.addAll(trailing);

        if (diagnostics.errorCount() > errorsBefore) {
            return null;
        }
        try {
            UnitFile unit = unit(spec, all, argv, systemd, killSignal, stopSeconds, stopSignal, image, build);
            return new Translation(spec, unit, env, List.copyOf(argv), systemd, spec.get(ContainerKeys.ENABLED, true),
                    spec.get(ContainerKeys.RESTART_ON_CHANGE, true), image, build);
        } catch (UnsafeValueException e) {
            diagnostics.error(spec.nameLocation(), "container " + Text.q(name) + " cannot be written safely: " + e.getMessage(),
                    "A value would change the meaning of the unit file; remove control characters from it.");
            return null;
        }
    }

    private UnitFile unit(ContainerDefinition spec, Definitions all, List<String> argv, boolean systemd, String killSignal,
                          long stopSeconds, Values.Signal stopSignal, String image, ImageBuild build) {
        String name = spec.name();
        String docker = options.docker();
        UnitFile unit = new UnitFile(spec.unitName());
        unit.comment(spec.unitName() + ": generated by unitgen from " + spec.hostSourcePath() + ".");
        unit.comment("Do not edit: unitgen apply replaces this file. Edit the definition instead.");

        UnitFile.Section u = unit.section("Unit");
        u.add("Description", spec.get(ContainerKeys.DESCRIPTION, "Container " + name + " (generated by unitgen)"));
        u.add("Documentation", "man:unitgen(1)");
        u.add("SourcePath", spec.hostSourcePath());
        u.add("Wants", "network-online.target docker.service");
        u.add("After", "network-online.target docker.service");
        for (String dep : all.orderedAfter(spec)) {
            boolean requires = spec.list(ContainerKeys.DEPENDS_ON).stream().anyMatch(d -> d.name().equals(dep) && d.restart());
            u.add(requires ? "Requires" : "Wants", dep + ".service");
            u.add("After", dep + ".service");
        }
        Values.Restart restart = spec.get(ContainerKeys.RESTART, new Values.Restart(Values.RestartPolicy.ON_FAILURE, null));
        u.add("StartLimitIntervalSec", "60");
        // on-failure:N allows N restarts: N + 1 starts within the interval
        u.add("StartLimitBurst", String.valueOf(restart.maxAttempts() == null ? 5 : restart.maxAttempts() + 1));

        UnitFile.Section s = unit.section("Service");
        s.add("Type", "exec");
        s.addExec("ExecStartPre", "", List.of("/bin/sh", "-c", Readiness.engineWait(docker)));
        s.addExec("ExecStartPre", "-", List.of(docker, "rm", "-f", name));
        for (Values.Network n : spec.list(ContainerKeys.NETWORKS)) {
            s.addExec("ExecStartPre", "", List.of("/bin/sh", "-c", networkCreateScript(docker, n.name())));
        }
        s.addExec("ExecStart", "", argv);
        s.addExec("ExecStartPost", "", List.of("/bin/sh", "-c", Readiness.script(docker, name, systemd, spec.unitName(),
                spec.get(ContainerKeys.HEALTH_ON_FAILURE, Values.HealthOnFailure.RESTART))));
        List<String> stop = List.of(docker, "stop", "-t", String.valueOf(stopSeconds), name);
        s.addExec("ExecStop", "-", stop);
        s.addExec("ExecStopPost", "-", stop);
        s.addExec("ExecStopPost", "-", List.of(docker, "rm", "-f", name));
        s.addExec("ExecStopPost", "", List.of("/bin/sh", "-c", Readiness.engineLost(docker, name)));
        List<String> success = new ArrayList<>(List.of("143"));
        if (!systemd && stopSignal != null && stopSignal.number() < 32 && stopSignal.number() != 15) {
            success.add(String.valueOf(128 + stopSignal.number()));
        }
        s.add("SuccessExitStatus", String.join(" ", success));
        s.add("KillSignal", killSignal);
        s.add("Restart", restart.policy().systemd());
        s.add("RestartSec", "2");
        s.add("TimeoutStartSec", String.valueOf(startTimeout(spec).toSeconds()));
        s.add("TimeoutStopSec", String.valueOf(Math.max(stopSeconds + 15, 30)));
        s.add("SyslogIdentifier", name);

        unit.section("Install").add("WantedBy", "multi-user.target");

        // unit: overrides. Dependency settings (Wants=, After=, WantedBy=, ...) and X- keys add to
        // unitgen's; any other setting replaces unitgen's value (all values of the setting, in order).
        Map<String, List<Values.UnitSetting>> bySetting = new LinkedHashMap<>();
        for (Values.UnitSetting o : spec.list(ContainerKeys.UNIT)) {
            bySetting.computeIfAbsent(o.section() + "." + o.key(), k -> new ArrayList<>()).add(o);
        }
        for (List<Values.UnitSetting> group : bySetting.values()) {
            Values.UnitSetting first = group.get(0);
            UnitFile.Section sec = unit.section(first.section());
            String type = SystemdKeys.type(first.section(), first.key());
            boolean adds = first.key().startsWith("X-") || (type != null && type.startsWith("UNIT"))
                    || ADDING_SETTINGS.contains(first.section() + "." + first.key());
            for (int i = 0; i < group.size(); i++) {
                if (i == 0 && !adds) {
                    sec.set(first.key(), first.value());
                } else {
                    sec.add(group.get(i).key(), group.get(i).value());
                }
            }
        }
        // what apply, status and destroy read back from the host (systemd ignores X- sections)
        UnitFile.Section x = unit.section("X-Unitgen");
        x.add("Source", spec.hostSourcePath());
        x.add("Container", name);
        x.add("Image", image);
        if (build != null) {
            x.add("ImageDefinition", build.name());
        }
        x.add("Systemd", String.valueOf(systemd));
        x.add("Healthcheck", String.valueOf(hasHealthcheck(spec)));
        x.add("Enabled", String.valueOf(spec.get(ContainerKeys.ENABLED, true)));
        x.add("RestartOnChange", String.valueOf(spec.get(ContainerKeys.RESTART_ON_CHANGE, true)));
        return unit;
    }

    /** The start timeout without a healthcheck: docker's create and start, the readiness check, a systemd boot. */
    static final Duration READINESS_MARGIN = Duration.ofSeconds(120);

    /**
     * TimeoutStartSec: the readiness margin, plus, with a healthcheck of the definition, the
     * longest docker can take to call it healthy or unhealthy: start_period + retries x
     * (interval + timeout), with docker's defaults (30s, 30s, 3) for what is not set.
     * unitgen.yaml(5) documents the formula; unit: TimeoutStartSec overrides it.
     */
    static Duration startTimeout(ContainerDefinition spec) {
        Values.HealthCheck hc = spec.get(ContainerKeys.HEALTHCHECK);
        if (hc == null || !hc.active()) {
            return READINESS_MARGIN;
        }
        Duration interval = hc.interval() != null ? hc.interval() : Duration.ofSeconds(30);
        Duration timeout = hc.timeout() != null ? hc.timeout() : Duration.ofSeconds(30);
        long retries = hc.retries() != null ? hc.retries() : 3;
        Duration startPeriod = hc.startPeriod() != null ? hc.startPeriod() : Duration.ZERO;
        Duration d = READINESS_MARGIN.plus(startPeriod).plus(interval.plus(timeout).multipliedBy(retries));
        return Duration.ofSeconds(ceilSeconds(d));
    }

    static boolean hasHealthcheck(ContainerDefinition spec) {
        Values.HealthCheck hc = spec.get(ContainerKeys.HEALTHCHECK);
        return hc != null && hc.active();
    }

    static String networkCreateScript(String docker, String network) {
        String d = dev.unitgen.unit.Escaping.shellWord(docker);
        String n = dev.unitgen.unit.Escaping.shellWord(network);
        return d + " network inspect " + n + " >/dev/null 2>&1 || " + d + " network create " + n;
    }

    // ---------------------------------------------------------------- systemd

    static boolean commandIsInit(ContainerDefinition spec) {
        List<String> words = new ArrayList<>(spec.list(ContainerKeys.ENTRYPOINT));
        words.addAll(spec.list(ContainerKeys.COMMAND));
        return isInit(words);
    }

    /** Whether a container that runs {@code words} (entrypoint, then command) runs systemd as PID 1. */
    public static boolean isInit(List<String> words) {
        return !words.isEmpty() && (INIT_PATHS.contains(words.get(0)) || words.get(0).endsWith("/systemd"));
    }

    public static boolean isSystemd(ContainerDefinition spec) {
        return isSystemd(spec, false);
    }

    /**
     * @param systemdImage the image is declared under images: (its command is an init), so
     *                     auto means yes unless the definition sets a command of its own
     */
    static boolean isSystemd(ContainerDefinition spec, boolean systemdImage) {
        return switch (spec.get(ContainerKeys.SYSTEMD, Values.SystemdMode.AUTO)) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> commandIsInit(spec) || (systemdImage && !spec.has(ContainerKeys.ENTRYPOINT) && !spec.has(ContainerKeys.COMMAND));
        };
    }

    private SystemdProfile resolveProfile(ContainerDefinition spec) {
        SystemdProfile p = spec.get(ContainerKeys.SYSTEMD_PROFILE, SystemdProfile.AUTO);
        if (p != SystemdProfile.AUTO) {
            return p;
        }
        CgroupLayout layout = options.hostCgroup();
        if (layout == null) {
            diagnostics.warning(spec.locationOf(ContainerKeys.SYSTEMD_PROFILE), "cannot tell the cgroup layout of the host for container "
                    + Text.q(spec.name()) + "; using systemd_profile private-cgroupns, which works on cgroup v1 and v2",
                    "Pass --host-cgroup v1 or v2 when rendering for another host.");
            return SystemdProfile.PRIVATE_CGROUPNS;
        }
        return layout == CgroupLayout.V2 ? SystemdProfile.PRIVATE_CGROUPNS : SystemdProfile.RO_CGROUP;
    }

    private void checkHostDependent(ContainerDefinition spec, boolean systemd, SystemdProfile profile) {
        String name = Text.q(spec.name());
        boolean sysAdmin = spec.list(ContainerKeys.CAP_ADD).stream().anyMatch(c -> c.equals("SYS_ADMIN") || c.equals("ALL"))
                || spec.list(ContainerKeys.DOCKER_ARGS).stream().anyMatch(a -> a.contains("SYS_ADMIN") || a.equals("--cap-add=ALL"));
        boolean privileged = Boolean.TRUE.equals(spec.get(ContainerKeys.PRIVILEGED))
                || spec.list(ContainerKeys.DOCKER_ARGS).contains("--privileged");
        for (Values.Volume v : spec.list(ContainerKeys.VOLUMES)) {
            if (v.target().equals("/sys/fs/cgroup") || (v.source() != null && v.source().startsWith("/sys/fs/cgroup"))) {
                if (systemd && profile != SystemdProfile.HOST_RW) {
                    diagnostics.error(v.location(), "container " + name + " mounts /sys/fs/cgroup itself",
                            "systemd_profile decides the cgroup mounts of a systemd container; remove this volume.");
                } else if (!v.readOnly() && (privileged || sysAdmin)) {
                    diagnostics.error(v.location(), "container " + name + " binds the host's /sys/fs/cgroup read-write with CAP_SYS_ADMIN",
                            "That lets the container remount and change the host's cgroup tree. Bind it :ro, or use systemd_profile: host-rw "
                                    + "with systemd: always if you really mean it.");
                }
            }
        }
        if (!systemd) {
            if (spec.has(ContainerKeys.SYSTEMD_PROFILE)) {
                diagnostics.warning(spec.locationOf(ContainerKeys.SYSTEMD_PROFILE), "systemd_profile has no effect: container "
                        + name + " does not run systemd", "Set systemd: always, or a command such as /sbin/init.");
            }
            return;
        }
        if (Boolean.FALSE.equals(spec.get(ContainerKeys.TTY))) {
            diagnostics.warning(spec.locationOf(ContainerKeys.TTY), "tty: false is ignored for systemd container " + name,
                    "systemd containers get a tty so that boot messages reach the journal.");
        }
        if (Boolean.TRUE.equals(spec.get(ContainerKeys.INIT))) {
            diagnostics.error(spec.locationOf(ContainerKeys.INIT), "init: true conflicts with systemd in container " + name,
                    "systemd must be PID 1; remove init.");
        }
        if (spec.has(ContainerKeys.USER)) {
            diagnostics.error(spec.locationOf(ContainerKeys.USER), "user conflicts with systemd in container " + name,
                    "systemd as PID 1 runs as root in the container; set User= in the inner services instead.");
        }
        Values.Signal sig = spec.get(ContainerKeys.STOP_SIGNAL);
        if (sig != null && !sig.name().equals(SYSTEMD_STOP_SIGNAL)) {
            diagnostics.warning(spec.locationOf(ContainerKeys.STOP_SIGNAL), "stop_signal " + sig.name() + " is replaced by "
                    + SYSTEMD_STOP_SIGNAL + " for systemd container " + name, "systemd shuts down in order on SIGRTMIN+3; remove stop_signal.");
        }
        switch (profile) {
            case RO_CGROUP -> {
                if (privileged || sysAdmin) {
                    diagnostics.error(spec.has(ContainerKeys.PRIVILEGED) ? spec.locationOf(ContainerKeys.PRIVILEGED)
                                    : spec.has(ContainerKeys.CAP_ADD) ? spec.locationOf(ContainerKeys.CAP_ADD) : spec.locationOf(ContainerKeys.SYSTEMD_PROFILE),
                            "container " + name + " would get CAP_SYS_ADMIN with the host's /sys/fs/cgroup mounted (systemd_profile ro-cgroup)",
                            "With CAP_SYS_ADMIN the container's systemd remounts the host's cgroup tree. Use systemd_profile: private-cgroupns.");
                }
                if (options.hostCgroup() == CgroupLayout.V2 && spec.has(ContainerKeys.SYSTEMD_PROFILE)) {
                    diagnostics.warning(spec.locationOf(ContainerKeys.SYSTEMD_PROFILE), "systemd_profile ro-cgroup does not boot systemd on a cgroup v2 host",
                            "Docker mounts the cgroup read-only there; use private-cgroupns (or auto).");
                }
            }
            case PRIVATE_CGROUPNS -> {
                if (privileged) {
                    diagnostics.error(spec.locationOf(ContainerKeys.PRIVILEGED), "privileged conflicts with systemd_profile private-cgroupns in container " + name,
                            "Use systemd_profile: privileged.");
                }
            }
            case PRIVILEGED -> {
                if (spec.has(ContainerKeys.PRIVILEGED) && !spec.get(ContainerKeys.PRIVILEGED)) {
                    diagnostics.error(spec.locationOf(ContainerKeys.PRIVILEGED), "privileged: false conflicts with systemd_profile privileged in container " + name, null);
                }
            }
            case HOOK -> {
                if (!spec.has(ContainerKeys.RUNTIME)) {
                    diagnostics.error(spec.locationOf(ContainerKeys.SYSTEMD_PROFILE), "systemd_profile hook needs runtime in container " + name,
                            "Name the OCI runtime that runs the hooks, e.g. runtime: oci-add-hooks.");
                }
            }
            case HOST_RW -> diagnostics.warning(spec.locationOf(ContainerKeys.SYSTEMD_PROFILE),
                    "systemd_profile host-rw gives container " + name + " the host's whole cgroup tree read-write",
                    "The container can change (and has been seen to remount read-only) the host's /sys/fs/cgroup. "
                            + "Prefer private-cgroupns.");
            default -> {
            }
        }
    }

    // ---------------------------------------------------------------- flags

    private static void flag(List<String> argv, String flag, String value) {
        argv.add(flag);
        argv.add(value);
    }

    private static void volume(List<String> argv, Values.Volume v) {
        switch (v.type()) {
            case TMPFS -> {
                List<String> opts = new ArrayList<>();
                if (v.tmpfsSize() != null) {
                    opts.add("size=" + v.tmpfsSize());
                }
                opts.addAll(v.options().stream().filter(o -> !o.equals("ro")).toList());
                if (v.readOnly()) {
                    opts.add("ro");
                }
                flag(argv, "--tmpfs", opts.isEmpty() ? v.target() : v.target() + ":" + String.join(",", opts));
            }
            case BIND, VOLUME -> {
                StringBuilder sb = new StringBuilder();
                if (v.source() != null) {
                    sb.append(v.source()).append(':');
                }
                sb.append(v.target());
                if (!v.options().isEmpty()) {
                    sb.append(':').append(String.join(",", v.options()));
                }
                flag(argv, "--volume", sb.toString());
            }
        }
    }

    private static void healthcheck(List<String> argv, Values.HealthCheck hc) {
        if (!hc.active()) {
            argv.add("--no-healthcheck");
            return;
        }
        if (hc.shell() != null || hc.exec() != null) {
            flag(argv, "--health-cmd", hc.shell() != null ? hc.shell() : dev.unitgen.unit.Escaping.shellCommand(hc.exec()));
        }
        if (hc.interval() != null) {
            flag(argv, "--health-interval", goDuration(hc.interval()));
        }
        if (hc.timeout() != null) {
            flag(argv, "--health-timeout", goDuration(hc.timeout()));
        }
        if (hc.retries() != null) {
            flag(argv, "--health-retries", hc.retries().toString());
        }
        if (hc.startPeriod() != null) {
            flag(argv, "--health-start-period", goDuration(hc.startPeriod()));
        }
        if (hc.startInterval() != null) {
            flag(argv, "--health-start-interval", goDuration(hc.startInterval()));
        }
    }

    static String format(Object value) {
        if (value instanceof Values.Size s) {
            return s.text();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Duration d) {
            return goDuration(d);
        }
        if (value instanceof Values.Signal s) {
            return s.name();
        }
        return String.valueOf(value);
    }

    /** A duration as Go (and docker) writes it: 90s, 1500ms, 250us. */
    static String goDuration(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return (nanos / 1_000_000_000L) + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return (nanos / 1_000_000L) + "ms";
        }
        return (nanos / 1_000L) + "us";
    }

    static long ceilSeconds(Duration d) {
        long s = d.getSeconds();
        return d.getNano() > 0 ? s + 1 : s;
    }
}
