package dev.unitgen.compose;

import dev.unitgen.definition.ContainerDefinition;
import dev.unitgen.definition.ContainerKeys;
import dev.unitgen.definition.DefinitionReader;
import dev.unitgen.definition.Definitions;
import dev.unitgen.definition.Key;
import dev.unitgen.definition.ReadContext;
import dev.unitgen.diag.Diagnostic;
import dev.unitgen.diag.Diagnostics;
import dev.unitgen.diag.Location;
import dev.unitgen.diag.SourceFile;
import dev.unitgen.host.CgroupProbe;
import dev.unitgen.layout.CgroupLayout;
import dev.unitgen.layout.Root;
import dev.unitgen.render.Renderer;
import dev.unitgen.template.RenderException;
import dev.unitgen.template.Templates;
import dev.unitgen.translate.TranslateOptions;
import dev.unitgen.translate.Translation;
import dev.unitgen.translate.Translator;
import dev.unitgen.util.Text;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import dev.unitgen.yaml.YSeq;
import dev.unitgen.yaml.YamlParser;
import dev.unitgen.yaml.YamlWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A docker-compose file -> a unitgen definition file. Every service key unitgen supports
 * carries over (ContainerKeys is the table; the compose names are the same) after it has
 * been checked by the key's own type; what cannot carry over is reported with its place and
 * the reason, and noted as a comment in the result: nothing is dropped silently. Named
 * volumes and networks get the names compose gives them (PROJECT_NAME), so that an existing
 * compose deployment's data and networks are the ones the units use. Deterministic: the same
 * file and options give the same text.
 */
public final class ComposeImporter {
    /**
     * @param projectName the compose project name (null: the file's name:, else its directory's name)
     * @param outputDir   the directory the result is written to (null: standard output); relative
     *                    paths stay relative only when it is the compose file's own directory
     * @param variables   values for ${VAR} interpolation (--env-file); null: the .env file beside
     *                    the compose file, as compose reads it by default (none when there is none)
     */
    public record Options(String projectName, Path outputDir, Map<String, String> variables) {
    }

    /** The result: the definition text, and every problem and loss, located in the compose file. */
    public record Result(String yaml, Diagnostics report, int services, List<String> containers) {
        public boolean ok() {
            return yaml != null && !report.hasErrors();
        }
    }

    static final Set<String> TOP_KEYS = Set.of("version", "name", "services", "networks", "volumes", "secrets", "configs",
            "include");

    /** Compose service keys that become docker run flags through docker_args. */
    static final Map<String, String> DOCKER_ARGS = Map.ofEntries(
            Map.entry("memswap_limit", "--memory-swap"),
            Map.entry("mem_swappiness", "--memory-swappiness"),
            Map.entry("oom_kill_disable", "--oom-kill-disable"),
            Map.entry("userns_mode", "--userns"),
            Map.entry("storage_opt", "--storage-opt"),
            Map.entry("uts", "--uts"),
            Map.entry("cpu_quota", "--cpu-quota"),
            Map.entry("cpu_period", "--cpu-period"),
            Map.entry("cpu_rt_runtime", "--cpu-rt-runtime"),
            Map.entry("cpu_rt_period", "--cpu-rt-period"),
            Map.entry("device_cgroup_rules", "--device-cgroup-rule"));

    /** Compose service keys unitgen has no counterpart for, and why (besides ContainerKeys.NOT_KEYS). */
    static final Map<String, String> COMPOSE_ONLY = Map.ofEntries(
            Map.entry("annotations", "docker run has no annotations of compose's kind; use labels."),
            Map.entry("attach", "the unit's journal always gets the container's output."),
            Map.entry("blkio_config", "no unitgen key; use docker_args (--blkio-weight, --device-read-bps, ...)."),
            Map.entry("cpu_count", "Windows only."),
            Map.entry("cpu_percent", "Windows only."),
            Map.entry("credential_spec", "Windows only."),
            Map.entry("develop", "compose watch is a development tool."),
            Map.entry("gpus", "no unitgen key; use docker_args: [--gpus, all]."),
            Map.entry("label_file", "write the labels into labels."),
            Map.entry("models", "compose's model runner has no docker run counterpart."),
            Map.entry("post_start", "no unitgen key; use unit: {Service: {ExecStartPost: ...}} with docker exec."),
            Map.entry("pre_stop", "no unitgen key; use unit: {Service: {ExecStop: ...}} with docker exec."),
            Map.entry("provider", "compose providers have no docker run counterpart."),
            Map.entry("use_api_socket", "bind-mount /var/run/docker.sock yourself if the container needs it."));

    /** Keys whose mapping values may lose single entries (the rest of the mapping still carries over). */
    static final Set<String> ENTRY_KEYS = Set.of("environment", "labels", "sysctls", "extra_hosts", "ulimits");

    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> VOLUME_MODES = Set.of("ro", "rw", "z", "Z", "shared", "slave", "private", "rshared",
            "rslave", "rprivate", "nocopy", "consistent", "cached", "delegated");

    private final SourceFile compose;
    private final Path composeDir;
    private final Options options;
    private final Diagnostics report = new Diagnostics();
    private final boolean keepRelative;
    private String project;
    private YMap topNetworks;
    private YMap topVolumes;
    private YMap topSecrets;
    private YMap topConfigs;
    private final Set<String> usedNetworks = new TreeSet<>();
    private final Set<String> usedVolumes = new TreeSet<>();
    /** The real names of the networks and of the volumes compose declares external. */
    private final Set<String> externalNetworks = new TreeSet<>();
    private final Set<String> externalVolumes = new TreeSet<>();
    private boolean madeAbsolute;
    /** The variables of interpolation, and where they come from (null: none). */
    private Map<String, String> vars;
    private String varsFrom;
    /** The services as compose sees them: extends resolved, variables interpolated. */
    private final Map<String, YMap> resolved = new LinkedHashMap<>();
    /** Services another waits for with service_healthy. */
    private final Map<String, YNode> awaitedHealthy = new LinkedHashMap<>();
    /** The notes of the service being imported, "Line N: ..." (null outside a service). */
    private Set<String> notCarried;

    private ComposeImporter(SourceFile compose, Options options) {
        this.compose = compose;
        this.composeDir = compose.path().toAbsolutePath().normalize().getParent();
        this.options = options;
        this.keepRelative = options.outputDir() != null && options.outputDir().toAbsolutePath().normalize().equals(composeDir);
    }

    /** Imports {@code compose} (its path must be set: relative paths resolve against its directory). */
    public static Result run(SourceFile compose, Options options) {
        return new ComposeImporter(compose, options).doImport();
    }

    // ---------------------------------------------------------------- the file

    private Result doImport() {
        Optional<YNode> doc = YamlParser.parse(compose, report);
        if (doc.isEmpty()) {
            if (!report.hasErrors()) {
                report.error(Location.of(compose, 1, 1), "the compose file is empty");
            }
            return new Result(null, report, 0, List.of());
        }
        if (!(doc.get() instanceof YMap top)) {
            report.error(doc.get().location(), "expected a compose file (a mapping with services:), got " + doc.get().kind());
            return new Result(null, report, 0, List.of());
        }
        YamlWriter.Mapping containers = new YamlWriter.Mapping();
        vars = options.variables();
        if (vars == null) {
            vars = dotEnv();
        } else {
            varsFrom = "--env-file";
        }
        project = projectName(top);
        topNetworks = mapOrNull(top, "networks");
        topVolumes = mapOrNull(top, "volumes");
        topSecrets = mapOrNull(top, "secrets");
        topConfigs = mapOrNull(top, "configs");
        List<String> header = new ArrayList<>(List.of(
                "Imported by unitgen import compose from " + compose.displayName() + " (compose project " + project + ").",
                "What could not be carried over, or was changed, is noted at its container, with its line in the compose file."));
        if (varsFrom != null) {
            header.add("Variables for ${VAR} from " + varsFrom + ".");
        }
        for (YMap.Entry e : top.entries()) {
            String k = e.name();
            if (k.equals("version")) {
                loss(e.key(), "version is left out: it is obsolete in compose too", null);
            } else if (k.startsWith("x-")) {
                loss(e.key(), k + " is left out: an extension field (its anchors were applied where they are used)", null);
            } else if (k.equals("include")) {
                loss(e.key(), "include is not carried over: import each included compose file on its own", null);
            } else if (!TOP_KEYS.contains(k)) {
                loss(e.key(), "unknown top-level key " + Text.q(k) + " is left out", null);
            }
        }
        Map<String, YamlWriter.Mapping> networkOptions = carryOptions(topNetworks, "network", externalNetworks);
        Map<String, YamlWriter.Mapping> volumeOptions = carryOptions(topVolumes, "volume", externalVolumes);
        Optional<YMap.Entry> servicesEntry = top.entry("services");
        if (servicesEntry.isEmpty() || !(servicesEntry.get().value() instanceof YMap services)) {
            report.error(servicesEntry.map(e -> e.value().location()).orElse(top.location()),
                    "the compose file has no services", "A compose file declares its containers under services:.");
            return new Result(null, report, 0, List.of());
        }
        List<String> names = new ArrayList<>();
        for (YMap.Entry s : services.entries()) {
            names.add(s.name());
            if (!(s.value() instanceof YMap svc)) {
                report.error(s.value().location(), "expected a mapping for service " + Text.q(s.name()) + ", got " + s.value().kind());
                continue;
            }
            YMap one = (YMap) interpolate(Extends.resolve(s.name(), svc, services, compose, report));
            resolved.put(s.name(), one);
            one.get("depends_on").filter(d -> d instanceof YMap).ifPresent(d -> ((YMap) d).entries().stream()
                    .filter(x -> x.value() instanceof YMap c && c.get("condition").map(ComposeImporter::scalar).orElse("").equals("service_healthy"))
                    .forEach(x -> awaitedHealthy.putIfAbsent(x.name(), ((YMap) x.value()).get("condition").orElseThrow())));
        }
        List<String> composeNamed = new ArrayList<>();
        for (Map.Entry<String, YMap> s : resolved.entrySet()) {
            notCarried = new LinkedHashSet<>();
            containers.put(s.getKey(), service(s.getKey(), s.getValue()));
            notCarried = null;
            if (s.getValue().get("container_name").isEmpty()) {
                composeNamed.add(s.getKey());
            }
        }
        if (!composeNamed.isEmpty()) {
            String first = composeNamed.get(0);
            report.warning(servicesEntry.get().key().location(), "compose names the container of a service PROJECT-SERVICE-1 ("
                    + project + "-" + first + "-1), unitgen names it after the service (" + first + "): tools and scripts that look up "
                    + "compose's container names do not find " + String.join(", ", composeNamed) + ", and the containers of an existing "
                    + "compose deployment are not the ones the units run",
                    "Other containers still reach each one by its service name on their networks; stop the compose deployment "
                            + "(docker compose down) before apply.");
        }
        if (madeAbsolute) {
            header.add("Relative paths are written absolute (from " + composeDir + "), as compose reads them.");
        }
        if (!usedNetworks.isEmpty()) {
            header.add("Networks " + String.join(", ", usedNetworks) + ": declared below with their options; a unit of each");
            header.add("  (NAME-network.service) creates it before the containers that use it start.");
        }
        if (!usedVolumes.isEmpty()) {
            header.add("Named volumes " + String.join(", ", usedVolumes) + " (compose's names for them): declared below; a unit");
            header.add("  of each (NAME-volume.service) creates a missing one; it stays when the unit is removed.");
        }
        YamlWriter.Mapping root = new YamlWriter.Mapping().put("containers", containers);
        declare(root, "networks", usedNetworks, externalNetworks, networkOptions);
        declare(root, "volumes", usedVolumes, externalVolumes, volumeOptions);
        return new Result(YamlWriter.write(header, root), report, services.entries().size(), names);
    }

    /** The top-level declarations of the networks or volumes the containers use: their options, or external: true. */
    private static void declare(YamlWriter.Mapping root, String key, Set<String> used, Set<String> external,
                                Map<String, YamlWriter.Mapping> options) {
        if (used.isEmpty()) {
            return;
        }
        YamlWriter.Mapping decls = new YamlWriter.Mapping();
        for (String name : used) {
            YamlWriter.Mapping d = external.contains(name) ? new YamlWriter.Mapping().put("external", "true")
                    : options.getOrDefault(name, new YamlWriter.Mapping());
            decls.put(name, d);
        }
        root.put(key, decls);
    }

    /** Compose's project name: --project-name, name:, or the directory's name, lower case, [a-z0-9_-]. */
    private String projectName(YMap top) {
        String raw = options.projectName();
        if (raw == null) {
            raw = vars.get("COMPOSE_PROJECT_NAME"); // compose: -p, then COMPOSE_PROJECT_NAME (.env included), then name:
        }
        if (raw == null) {
            raw = top.get("name").filter(n -> n instanceof YScalar s && !s.isNull()).map(n -> ((YScalar) n).value()).orElse(null);
        }
        if (raw == null) {
            raw = composeDir.getFileName() == null ? "" : composeDir.getFileName().toString();
        }
        String p = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "").replaceAll("^[_-]+", "");
        return p.isEmpty() ? "default" : p;
    }

    private static YMap mapOrNull(YMap top, String key) {
        return top.get(key).filter(n -> n instanceof YMap).map(n -> (YMap) n).orElse(null);
    }

    /** A value written otherwise than compose would use it: a warning at its place, and a comment in the result. */
    private void change(YNode at, String summary, String hint) {
        loss(at, summary, hint);
    }

    /** A key, or a value, that is left out: a warning at its place, and a comment in the result. */
    private void loss(YNode at, String summary, String hint) {
        report.warning(at.location(), summary, hint);
        if (notCarried != null) {
            notCarried.add(lineNote(at.location()) + summary + ".");
        }
    }

    private void loss(Diagnostic d) {
        report.warning(d.location(), d.summary(), d.hint());
        if (notCarried != null) {
            notCarried.add(lineNote(d.location()) + d.summary() + ".");
        }
    }

    /** "Line N: ", or "Line N of FILE: " for a place in another file (a file that extends names). */
    private String lineNote(Location at) {
        return "Line " + at.line() + (at.file() == null || at.file().path().equals(compose.path()) ? "" : " of " + at.file().displayName()) + ": ";
    }

    // ---------------------------------------------------------------- one service

    private YamlWriter.Mapping service(String name, YMap svc) {
        YamlWriter.Mapping out = new YamlWriter.Mapping();
        List<String> notes = new ArrayList<>();
        List<String> dockerArgs = new ArrayList<>();
        List<String> dockerArgsFrom = new ArrayList<>();
        YamlWriter.Sequence extraVolumes = new YamlWriter.Sequence();
        List<YNode> extraVolumeNodes = new ArrayList<>();
        List<String> extraVolumeOrigins = new ArrayList<>();
        for (YMap.Entry e : svc.entries()) {
            String k = e.name();
            YNode v = e.value();
            switch (k) {
                case "build" -> {
                    String context = v instanceof YScalar s ? s.value()
                            : v instanceof YMap m ? m.get("context").filter(c -> c instanceof YScalar).map(c -> ((YScalar) c).value()).orElse(".") : ".";
                    String tag = svc.get("image").filter(i -> i instanceof YScalar).map(i -> ((YScalar) i).value())
                            .orElse(project + "-" + name + ":latest");
                    loss(e.key(), "build is not carried over: unitgen builds only the systemd images declared under images:, not a compose build",
                            "Build it first, e.g. docker compose build " + name + ", or " + buildCommand(v, tag, context) + ".");
                    if (svc.get("image").isEmpty()) {
                        out.put("image", tag, "compose builds this image as " + tag + ": build it before apply;",
                                "pull_policy never: a missing image is an error, never a pull from a registry");
                        out.put("pull_policy", "never");
                    }
                }
                case "container_name", "name" -> {
                    if (!scalar(v).equals(name)) {
                        loss(e.key(), k + " is not carried over: the container is named after the service, " + name + ", not " + scalar(v), null);
                    }
                }
                case "extends" -> notes.add("compose's extends (" + (v instanceof YMap m ? m.get("file").map(f -> scalar(f) + ", ").orElse("")
                        + "service " + m.get("service").map(ComposeImporter::scalar).orElse("") : scalar(v))
                        + ") is resolved: what the service inherited is written here.");
                case "profiles" -> {
                    List<String> profiles = v instanceof YSeq q ? q.items().stream().map(ComposeImporter::scalar).toList() : List.of(scalar(v));
                    out.put("enabled", "false", "compose's profiles " + String.join(", ", profiles) + ": not started at boot");
                    loss(e.key(), "profiles " + String.join(", ", profiles) + ": compose starts " + name + " only with --profile "
                            + profiles.get(0) + " (or when it is named); it is written enabled: false, so its unit does not start "
                            + "at boot, but apply starts it", "Leave " + name + " out of the result if it should not run on this host.");
                }
                case "healthcheck" -> healthcheck(v, out, name);
                case "ports" -> carryInto(out, "ports", ports(v), name);
                case "volumes" -> {
                    YNode kept = carry("volumes", volumes(v), name);
                    if (kept != null) {
                        out.put("volumes", extraVolumes);
                        for (YNode item : ((YSeq) kept).items()) {
                            extraVolumes.add(writer(item));
                        }
                    }
                }
                case "networks" -> carryInto(out, "networks", networks(v), name);
                case "depends_on" -> carryInto(out, "depends_on", dependsOn(v), name);
                case "links" -> links(v, out, name);
                case "environment" -> carryInto(out, "environment", environment(v), name);
                case "env_file" -> carryInto(out, "env_file", envFile(v), name);
                case "secrets" -> secretsAndConfigs(v, topSecrets, "secret", extraVolumeNodes, extraVolumeOrigins);
                case "configs" -> secretsAndConfigs(v, topConfigs, "config", extraVolumeNodes, extraVolumeOrigins);
                case "deploy" -> deploy(v, svc, out, name, dockerArgs, dockerArgsFrom);
                case "pull_policy" -> {
                    YNode p = v;
                    if (v instanceof YScalar s && s.value().equals("if_not_present")) {
                        p = new YScalar("missing", true, s.location());
                        notes.add("pull_policy if_not_present is written missing, its unitgen name.");
                    } else if (v instanceof YScalar s && !Set.of("missing", "always", "never").contains(s.value())) {
                        loss(v, "pull_policy " + s.value() + " is not carried over: unitgen pulls when missing, always or never",
                                s.value().equals("build") ? "Build the image yourself before apply." : null);
                        break;
                    }
                    carryInto(out, "pull_policy", p, name);
                }
                default -> {
                    if (k.startsWith("x-")) {
                        loss(e.key(), k + " is left out: an extension field, which compose ignores too", null);
                    } else if (ContainerKeys.byName(k) != null) {
                        carryInto(out, k, v, name);
                    } else if (DOCKER_ARGS.containsKey(k)) {
                        List<String> words = dockerArgs(k, v);
                        if (words != null) {
                            dockerArgs.addAll(words);
                            dockerArgsFrom.add(k);
                        }
                    } else if (ContainerKeys.NOT_KEYS.containsKey(k)) {
                        loss(e.key(), k + " is not carried over", ContainerKeys.NOT_KEYS.get(k));
                    } else if (COMPOSE_ONLY.containsKey(k)) {
                        loss(e.key(), k + " is not carried over", COMPOSE_ONLY.get(k));
                    } else {
                        loss(e.key(), "unknown key " + Text.q(k) + " is not carried over", ContainerKeys.hintFor(k));
                    }
                }
            }
        }
        for (int i = 0; i < extraVolumeNodes.size(); i++) {
            YNode one = new YSeq(List.of(extraVolumeNodes.get(i)), extraVolumeNodes.get(i).location());
            if (carry("volumes", one, name) != null) {
                if (!out.has("volumes")) {
                    out.put("volumes", extraVolumes);
                }
                extraVolumes.add(writer(extraVolumeNodes.get(i)), "compose's " + extraVolumeOrigins.get(i) + ": a read-only bind mount of its file");
            }
        }
        if (!svc.get("networks").isPresent() && !svc.get("network_mode").isPresent()) {
            String net = networkName("default");
            usedNetworks.add(net);
            out.put("networks", new YamlWriter.Sequence().add(net),
                    "compose's default network, where the services reach each other by name");
        }
        envFileValues(svc, out, name);
        if (awaitedHealthy.containsKey(name) && svc.get("healthcheck").isEmpty()) {
            out.put("healthcheck", new YamlWriter.Mapping(), "the healthcheck of the image (compose's service_healthy waits for it)");
            report.warning(awaitedHealthy.get(name).location(), "condition service_healthy of " + name + ": " + name + " has no healthcheck "
                    + "in the compose file, so it must come from its image, which unitgen cannot check at import; it is written "
                    + "healthcheck: {} (the image's). If the image has none, " + name + " never becomes healthy and what waits for it "
                    + "does not start (compose refuses it at start)", "Give " + name + " a healthcheck in the compose file.");
        }
        if (svc.get("init").isEmpty()) {
            out.put("init", "false", "compose's default: no init process (unitgen's default is init: true)");
        }
        if (svc.get("restart").isEmpty() && !out.has("restart")) {
            out.put("restart", "no", "compose's default: not restarted (unitgen's default is on-failure)");
        }
        composeLabels(out, name);
        if (!dockerArgs.isEmpty()) {
            YamlWriter.Sequence seq = new YamlWriter.Sequence();
            dockerArgs.forEach(seq::add);
            out.put("docker_args", seq, "from compose's " + String.join(", ", dockerArgsFrom) + " (no unitgen key)");
        }
        if (!out.isEmpty()) {
            List<String> comments = new ArrayList<>();
            notCarried.stream().sorted(java.util.Comparator.comparingInt(ComposeImporter::lineOf)).forEach(comments::add);
            comments.addAll(notes);
            out.commentFirst(comments.toArray(new String[0]));
        }
        return out;
    }

    /** docker build with compose's build options that have a docker build flag. */
    private static String buildCommand(YNode build, String tag, String context) {
        List<String> words = new ArrayList<>(List.of("docker", "build", "-t", tag));
        if (build instanceof YMap m) {
            m.get("dockerfile").map(ComposeImporter::scalar).filter(f -> !f.isEmpty())
                    .ifPresent(f -> words.addAll(List.of("-f", f.startsWith("/") ? f : (context.endsWith("/") ? context : context + "/") + f)));
            m.get("target").map(ComposeImporter::scalar).filter(t -> !t.isEmpty()).ifPresent(t -> words.addAll(List.of("--target", t)));
            m.get("args").ifPresent(a -> entries(a).forEach((k, val) -> words.addAll(List.of("--build-arg", k + "=" + val))));
        }
        words.add(context);
        return String.join(" ", words.stream().map(dev.unitgen.escape.ShellEscape::word).toList());
    }

    /**
     * A healthcheck: an exec-form test is reported (docker run runs every --health-cmd
     * through /bin/sh -c); a field unitgen refuses drops that field only.
     */
    private void healthcheck(YNode v, YamlWriter.Mapping out, String service) {
        if (v instanceof YMap m && m.get("test").orElse(null) instanceof YSeq test && !test.items().isEmpty()
                && scalar(test.items().get(0)).equals("CMD")) {
            change(test, "the healthcheck test [\"CMD\", ...] runs through /bin/sh -c: docker run's --health-cmd has no exec form "
                    + "(docker wraps it as CMD-SHELL), so in an image without /bin/sh (distroless, scratch) the check never passes",
                    "If the image has no shell, put the check in the image (a Dockerfile's HEALTHCHECK CMD [...] keeps the exec form) and leave test out.");
        }
        Key<?> k = ContainerKeys.byName("healthcheck");
        if (!(v instanceof YMap m) || !check(k, v, service).hasErrors()) {
            carryInto(out, "healthcheck", v, service);
            return;
        }
        List<YMap.Entry> kept = new ArrayList<>();
        for (YMap.Entry field : m.entries()) {
            Diagnostics one = check(k, new YMap(List.of(field), field.key().location()), service);
            if (one.hasErrors()) {
                one.sorted().stream().filter(Diagnostic::isError).forEach(this::lossOf);
            } else {
                kept.add(field);
            }
        }
        if (!kept.isEmpty()) {
            carryInto(out, "healthcheck", new YMap(kept, m.location()), service);
        }
    }

    /** Ports: an empty host IP (":80:80", often what interpolation leaves) is every address, as compose reads it. */
    private static YNode ports(YNode v) {
        if (!(v instanceof YSeq q)) {
            return v;
        }
        return new YSeq(q.items().stream().map(i -> i instanceof YScalar s && !s.isNull() && s.value().startsWith(":")
                ? new YScalar(s.value().substring(1), false, s.location()) : i).toList(), q.location());
    }

    /** The labels compose gives every container: com.docker.compose.project and com.docker.compose.service. */
    private void composeLabels(YamlWriter.Mapping out, String service) {
        Map<String, String> add = new LinkedHashMap<>();
        add.put("com.docker.compose.project", project);
        add.put("com.docker.compose.service", service);
        YamlWriter.Node labels = out.get("labels").orElse(null);
        if (labels instanceof YamlWriter.Sequence seq) {
            add.forEach((k, val) -> {
                if (seq.items().stream().noneMatch(x -> x instanceof YamlWriter.Scalar sc && sc.value().startsWith(k + "="))) {
                    seq.add(k + "=" + val);
                }
            });
            return;
        }
        YamlWriter.Mapping m = labels instanceof YamlWriter.Mapping lm ? lm : new YamlWriter.Mapping();
        add.forEach((k, val) -> {
            if (!m.has(k)) {
                m.put(k, val);
            }
        });
        if (labels == null) {
            out.put("labels", m, "compose's labels, which tools in a compose stack filter on");
        }
    }

    /**
     * Env files as compose reads them: quotes removed and ${VAR} expanded. docker run's
     * --env-file takes each line literally, so every entry compose reads otherwise is written
     * into environment with compose's value (environment wins over env_file in both).
     */
    private void envFileValues(YMap svc, YamlWriter.Mapping out, String service) {
        YNode v = svc.get("env_file").orElse(null);
        if (v == null) {
            return;
        }
        List<YNode> items = v instanceof YSeq q ? q.items() : List.of(v);
        Map<String, String> defined = new LinkedHashMap<>();
        YamlWriter.Node env = out.get("environment").orElse(null);
        if (env instanceof YamlWriter.Mapping em) {
            em.keys().forEach(k -> defined.put(k, ""));
        } else if (env instanceof YamlWriter.Sequence es) {
            es.items().forEach(i -> defined.put(i instanceof YamlWriter.Scalar sc ? sc.value().split("=", 2)[0] : "", ""));
        }
        for (YNode item : items) {
            YNode pathNode = item instanceof YMap m ? m.get("path").orElse(null) : item;
            if (!(pathNode instanceof YScalar ps) || ps.isNull()) {
                continue;
            }
            Path file = composeDir.resolve(ps.value()).normalize();
            String text;
            try {
                if (!java.nio.file.Files.isRegularFile(file)) {
                    continue;
                }
                text = java.nio.file.Files.readString(file);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                continue;
            }
            Map<String, String> own = new LinkedHashMap<>(vars);
            List<String> rewritten = new ArrayList<>();
            for (String line : text.split("\r?\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String body = l.startsWith("export ") ? l.substring(7).strip() : l;
                int eq = body.indexOf('=');
                String key = (eq < 0 ? body : body.substring(0, eq)).strip();
                if (key.isEmpty()) {
                    continue;
                }
                String composeValue;
                if (eq < 0) {
                    composeValue = vars.get(key); // a bare name: compose takes it from its variables
                    if (composeValue == null) {
                        continue;
                    }
                } else {
                    String raw = body.substring(eq + 1).strip();
                    boolean single = raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'");
                    composeValue = readEnvFile(key + "=" + raw).getOrDefault(key, "");
                    if (!single && composeValue.indexOf('$') >= 0) {
                        composeValue = expand(composeValue, own);
                    }
                    String docker = line.stripLeading();
                    String dockerValue = docker.substring(docker.indexOf('=') + 1);
                    own.put(key, composeValue);
                    if (dockerValue.equals(composeValue) && !l.startsWith("export ")) {
                        continue;
                    }
                }
                if (!defined.containsKey(key)) {
                    defined.put(key, composeValue);
                    rewritten.add(key);
                    out.put("environment", putEnv(out.get("environment").orElse(null), key, composeValue));
                }
            }
            if (!rewritten.isEmpty()) {
                change(ps, "env_file " + ps.value() + ": " + String.join(", ", rewritten) + " written into environment with the values "
                        + "compose reads (quotes removed, ${VAR} expanded, bare names from the variables): docker run's --env-file "
                        + "takes each line literally", null);
            }
        }
    }

    private static YamlWriter.Node putEnv(YamlWriter.Node env, String key, String value) {
        if (env instanceof YamlWriter.Sequence seq) {
            return seq.add(key + "=" + value);
        }
        YamlWriter.Mapping m = env instanceof YamlWriter.Mapping em ? em : new YamlWriter.Mapping();
        return m.put(key, value);
    }

    /** ${VAR} of an env file's value, from the variables and the file's earlier entries (what is not set is empty). */
    private static String expand(String s, Map<String, String> vars) {
        Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(4);
            String op = m.group(2) == null ? "" : m.group(2);
            String arg = m.group(3) == null ? "" : m.group(3);
            String value = vars.get(name);
            boolean set = value != null;
            boolean nonEmpty = set && !value.isEmpty();
            String r = switch (op) {
                case ":-" -> nonEmpty ? value : arg;
                case "-" -> set ? value : arg;
                case ":+" -> nonEmpty ? arg : "";
                case "+" -> set ? arg : "";
                default -> set ? value : "";
            };
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static int lineOf(String note) {
        Matcher m = Pattern.compile("^Line (\\d+)[: ]").matcher(note);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Checks {@code node} as the value of unitgen's key; puts what passes into {@code out}. */
    private void carryInto(YamlWriter.Mapping out, String key, YNode node, String service) {
        YNode kept = node == null ? null : carry(key, node, service);
        if (kept != null) {
            out.put(key, writer(kept));
        }
    }

    /**
     * The part of {@code node} that unitgen's key accepts: all of it, else (for a list, or a
     * mapping of entries) the items that pass on their own; every failure is reported.
     */
    private YNode carry(String key, YNode node, String service) {
        Key<?> k = ContainerKeys.byName(key);
        Diagnostics scratch = check(k, node, service);
        if (!scratch.hasErrors()) {
            return node;
        }
        if (node instanceof YSeq seq && seq.items().size() > 1) {
            List<YNode> kept = new ArrayList<>();
            for (YNode item : seq.items()) {
                Diagnostics one = check(k, new YSeq(List.of(item), item.location()), service);
                if (one.hasErrors()) {
                    one.sorted().stream().filter(Diagnostic::isError).forEach(this::lossOf);
                } else {
                    kept.add(item);
                }
            }
            return kept.isEmpty() ? null : new YSeq(kept, seq.location());
        }
        if (node instanceof YMap map && ENTRY_KEYS.contains(key) && map.entries().size() > 1) {
            List<YMap.Entry> kept = new ArrayList<>();
            for (YMap.Entry entry : map.entries()) {
                Diagnostics one = check(k, new YMap(List.of(entry), entry.key().location()), service);
                if (one.hasErrors()) {
                    one.sorted().stream().filter(Diagnostic::isError).forEach(this::lossOf);
                } else {
                    kept.add(entry);
                }
            }
            return kept.isEmpty() ? null : new YMap(kept, map.location());
        }
        scratch.sorted().stream().filter(Diagnostic::isError).forEach(this::lossOf);
        return null;
    }

    private void lossOf(Diagnostic d) {
        loss(new Diagnostic(d.severity(), "left out: " + d.summary(), d.location(), d.detail(), d.hint()));
    }

    private Diagnostics check(Key<?> k, YNode node, String service) {
        Diagnostics scratch = new Diagnostics();
        ReadContext ctx = new ReadContext(scratch, compose, composeDir, service);
        Object v = k.type().read(node, ctx.at(k.name()));
        if (v == null && !scratch.hasErrors()) {
            scratch.error(node.location(), "invalid " + k.name());
        }
        return scratch;
    }

    // ---------------------------------------------------------------- interpolation

    /** Compose's variable interpolation, on every scalar value of a service: $$ is $, ${VAR:-x} its default. */
    private YNode interpolate(YNode n) {
        if (n instanceof YScalar s) {
            if (s.isNull() || s.value().indexOf('$') < 0) {
                return s;
            }
            String value = interpolate(s.value(), s);
            return new YScalar(value, s.plain() && value.equals(s.value()), s.location()); // ${VAR:-} is "", not null
        }
        if (n instanceof YSeq q) {
            return new YSeq(q.items().stream().map(this::interpolate).toList(), q.location());
        }
        YMap m = (YMap) n;
        return new YMap(m.entries().stream().map(e -> new YMap.Entry(e.key(), interpolate(e.value()))).toList(), m.location());
    }

    /** Compose's default variables: the .env file beside the compose file (its own ${VAR} expanded), or none. */
    private Map<String, String> dotEnv() {
        Path dotEnv = composeDir.resolve(".env");
        if (!java.nio.file.Files.isRegularFile(dotEnv)) {
            return Map.of();
        }
        try {
            varsFrom = dotEnv.toString();
            return readEnvFile(java.nio.file.Files.readString(dotEnv));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            report.warning(Location.of(compose, 1, 1), "the .env beside the compose file cannot be read, so its variables are not "
                    + "used: " + e.getMessage(), null);
            varsFrom = null;
            return Map.of();
        }
    }

    private String interpolate(String s, YScalar at) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$' || i + 1 >= s.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = s.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            String op = "";
            String arg = "";
            int end;
            if (next == '{') {
                int close = s.indexOf('}', i + 2);
                Matcher m = VAR_NAME.matcher(s);
                if (close < 0 || !m.region(i + 2, close).lookingAt()) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = m.group();
                String rest = s.substring(m.end(), close);
                for (String o : List.of(":-", ":?", ":+", "-", "?", "+")) {
                    if (rest.startsWith(o)) {
                        op = o;
                        arg = rest.substring(o.length());
                        break;
                    }
                }
                if (op.isEmpty() && !rest.isEmpty()) {
                    out.append(c);
                    i++;
                    continue;
                }
                end = close + 1;
            } else {
                Matcher m = VAR_NAME.matcher(s);
                if (!m.region(i + 1, s.length()).lookingAt()) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = m.group();
                end = m.end();
            }
            String expr = s.substring(i, end);
            String value = vars.get(name);
            boolean set = value != null;
            boolean nonEmpty = set && !value.isEmpty();
            String result;
            switch (op) {
                case ":-" -> result = nonEmpty ? value : arg;
                case "-" -> result = set ? value : arg;
                case ":+" -> result = nonEmpty ? arg : "";
                case "+" -> result = set ? arg : "";
                case ":?" -> result = nonEmpty ? value : null;
                case "?" -> result = set ? value : null;
                default -> result = set ? value : ""; // compose warns and writes the empty string
            }
            if (result == null && op.contains("?")) {
                report.error(at.location(), "required variable " + name + " is missing a value" + (arg.isEmpty() ? "" : ": " + arg)
                        + " (" + expr + "; compose refuses the file too)",
                        "Set " + name + " in the .env file beside the compose file, or pass --env-file FILE.");
                out.append(expr);
            } else if (result == null) {
                change(at, expr + " is left as it is: compose would replace " + name
                        + " from its environment or an .env file, and unitgen passes values literally",
                        "Write the value instead, set it in the .env file beside the compose file, or pass --env-file FILE.");
                out.append(expr);
            } else {
                if (!set) {
                    change(at, expr + " is written as " + Text.q(result) + ": " + name
                            + " is not set (compose would take it from its environment or an .env file)",
                            "Set it in the .env file beside the compose file, or pass --env-file FILE.");
                }
                out.append(result);
            }
            i = end;
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- volumes and paths

    private YNode volumes(YNode v) {
        if (!(v instanceof YSeq seq)) {
            return v;
        }
        List<YNode> items = new ArrayList<>();
        for (YNode item : seq.items()) {
            YNode converted = volume(item);
            if (converted != null) {
                items.add(converted);
            }
        }
        return new YSeq(items, seq.location());
    }

    private YNode volume(YNode item) {
        if (item instanceof YScalar s && !s.isNull()) {
            String[] p = s.value().split(":", -1);
            if (p.length == 1 || (p.length == 2 && p[0].startsWith("/") && List.of(p[1].split(",")).stream().allMatch(VOLUME_MODES::contains))) {
                return s; // an anonymous volume
            }
            String source = p[0];
            String rest = s.value().substring(source.length());
            String converted = source(source, s);
            return converted == null ? null : new YScalar(converted + rest, false, s.location());
        }
        if (item instanceof YMap m) {
            String type = m.get("type").filter(t -> t instanceof YScalar).map(t -> ((YScalar) t).value()).orElse("");
            if (!Set.of("bind", "volume", "tmpfs").contains(type)) {
                loss(item, "a volume of type " + Text.q(type) + " is not carried over: unitgen mounts bind, volume and tmpfs", null);
                return null;
            }
            Optional<YMap.Entry> src = m.entry("source");
            if (src.isEmpty() || !(src.get().value() instanceof YScalar s) || s.isNull() || type.equals("tmpfs")) {
                return item;
            }
            String converted = type.equals("bind") ? path(s.value(), s) : volumeName(s.value());
            if (converted == null) {
                return null;
            }
            List<YMap.Entry> entries = new ArrayList<>();
            for (YMap.Entry e : m.entries()) {
                entries.add(e.name().equals("source") ? new YMap.Entry(e.key(), new YScalar(converted, false, s.location())) : e);
            }
            return new YMap(entries, m.location());
        }
        return item;
    }

    /** The source of a short-form volume: a host path, or a named volume (compose's name for it). */
    private String source(String source, YScalar at) {
        if (source.startsWith("/") || source.startsWith(".") || source.startsWith("~")) {
            return path(source, at);
        }
        return volumeName(source);
    }

    /** A host path as unitgen reads it: ~ expanded, relative paths absolute unless the result sits next to the compose file. */
    private String path(String p, YScalar at) {
        if (p.equals("~") || p.startsWith("~/")) {
            String home = System.getProperty("user.home");
            String abs = home + p.substring(1);
            change(at, "~ is written as " + home + " (the home of the user who runs the import)",
                    "unitgen refuses ~ (it runs as root): check that this is the directory compose used.");
            return abs;
        }
        if (p.startsWith("/") || keepRelative) {
            return p;
        }
        madeAbsolute = true;
        return composeDir.resolve(p).normalize().toString();
    }

    private String volumeName(String key) {
        String real = realName(topVolumes, key, key, externalVolumes);
        usedVolumes.add(real);
        return real;
    }

    private String networkName(String key) {
        return realName(topNetworks, key, key, externalNetworks);
    }

    /** The name compose gives a volume or network: its name:, its key when external, else PROJECT_KEY. */
    private String realName(YMap declared, String key, String fallback, Set<String> externals) {
        YNode d = declared == null ? null : declared.get(key).orElse(null);
        if (d instanceof YMap m) {
            Optional<String> name = m.get("name").filter(n -> n instanceof YScalar s && !s.isNull()).map(n -> ((YScalar) n).value());
            YNode external = m.get("external").orElse(null);
            if (name.isPresent()) {
                if (external instanceof YScalar es && es.value().equals("true")) {
                    externals.add(name.get());
                }
                return name.get();
            }
            if (external instanceof YMap em && em.get("name").orElse(null) instanceof YScalar en && !en.isNull()) {
                externals.add(en.value());
                return en.value(); // the older external: {name: ...}
            }
            if (external instanceof YScalar es && es.value().equals("true")) {
                externals.add(fallback);
                return fallback;
            }
        }
        return project + "_" + key;
    }

    /**
     * The options of compose's top-level networks (kind "network") or volumes, by the name the
     * result uses: the keys of unitgen's table carried as they are, others reported.
     */
    private Map<String, YamlWriter.Mapping> carryOptions(YMap declared, String kind, Set<String> externals) {
        Map<String, YamlWriter.Mapping> out = new LinkedHashMap<>();
        if (declared == null) {
            return out;
        }
        List<String> keys = (kind.equals("network") ? dev.unitgen.definition.NetworkKeys.all()
                : dev.unitgen.definition.VolumeKeys.all()).stream().map(dev.unitgen.definition.Key::name).toList();
        for (YMap.Entry e : declared.entries()) {
            if (!(e.value() instanceof YMap m)) {
                continue;
            }
            YamlWriter.Mapping options = new YamlWriter.Mapping();
            for (YMap.Entry o : m.entries()) {
                if (o.name().equals("name") || o.name().equals("external")) {
                    continue; // the name the result uses; external: true is written for the names in externals
                } else if (o.name().equals("ipam") && o.value() instanceof YMap ipam) {
                    List<YMap.Entry> kept = new ArrayList<>();
                    for (YMap.Entry i : ipam.entries()) {
                        if (i.name().equals("driver") || i.name().equals("config")) {
                            kept.add(i);
                        } else {
                            loss(i.key(), "ipam " + i.name() + " of network " + e.name() + " is not carried over: unitgen sets "
                                    + "ipam driver and config", null);
                        }
                    }
                    options.put("ipam", writer(new YMap(kept, ipam.location())));
                } else if (keys.contains(o.name())) {
                    options.put(o.name(), writer(o.value()));
                } else {
                    loss(o.key(), o.name() + " of " + kind + " " + e.name() + " is not carried over: unitgen sets "
                            + String.join(", ", keys), null);
                }
            }
            out.put(realName(declared, e.name(), e.name(), externals), options);
        }
        return out;
    }

    private static String scalar(YNode n) {
        return n instanceof YScalar s ? s.value() : "";
    }

    /** A mapping or a list of KEY=VALUE strings, as text pairs. */
    private static Map<String, String> entries(YNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n instanceof YMap m) {
            m.entries().forEach(e -> out.put(e.name(), scalar(e.value())));
        } else if (n instanceof YSeq q) {
            for (YNode i : q.items()) {
                String s = scalar(i);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- networks, dependencies

    private YNode networks(YNode v) {
        List<YMap.Entry> entries = new ArrayList<>();
        if (v instanceof YSeq q) {
            for (YNode i : q.items()) {
                if (i instanceof YScalar s) {
                    entries.add(new YMap.Entry(s, new YScalar("", true, s.location())));
                }
            }
        } else if (v instanceof YMap m) {
            entries.addAll(m.entries());
        } else {
            return v;
        }
        if (entries.isEmpty()) {
            return v;
        }
        List<YMap.Entry> out = new ArrayList<>();
        boolean configured = false;
        for (YMap.Entry e : entries) {
            String real = networkName(e.name());
            usedNetworks.add(real);
            YScalar key = new YScalar(real, false, e.key().location());
            List<YMap.Entry> kept = new ArrayList<>();
            if (e.value() instanceof YMap cfg) {
                for (YMap.Entry o : cfg.entries()) {
                    if (Set.of("aliases", "ipv4_address", "ipv6_address").contains(o.name())) {
                        kept.add(o);
                    } else {
                        loss(o.key(), o.name() + " of network " + e.name() + " is not carried over: unitgen sets aliases, "
                                + "ipv4_address and ipv6_address", null);
                    }
                }
            }
            configured |= !kept.isEmpty();
            out.add(new YMap.Entry(key, kept.isEmpty() ? new YScalar("", true, e.key().location()) : new YMap(kept, e.value().location())));
        }
        if (configured) {
            return new YMap(out, v.location());
        }
        return new YSeq(out.stream().map(e -> (YNode) e.key()).toList(), v.location());
    }

    private YNode dependsOn(YNode v) {
        if (!(v instanceof YMap m)) {
            return v;
        }
        List<YMap.Entry> entries = new ArrayList<>();
        for (YMap.Entry e : m.entries()) {
            if (e.value() instanceof YMap cfg && cfg.get("condition").orElse(null) instanceof YScalar c
                    && c.value().equals("service_completed_successfully")) {
                loss(c, "condition service_completed_successfully of " + e.name() + " is written as a plain dependency: unitgen "
                        + "starts this container once " + e.name() + " has started, it does not wait for it to finish",
                        "Order one-shot work with unit: {Unit: {After: ...}} on a oneshot unit of your own.");
                List<YMap.Entry> rest = cfg.entries().stream().filter(x -> !x.name().equals("condition")).toList();
                entries.add(new YMap.Entry(e.key(), rest.isEmpty() ? new YScalar("", true, cfg.location()) : new YMap(rest, cfg.location())));
            } else {
                entries.add(e);
            }
        }
        return new YMap(entries, m.location());
    }

    private void links(YNode v, YamlWriter.Mapping out, String service) {
        if (!(v instanceof YSeq q)) {
            loss(v, "links is not carried over", ContainerKeys.NOT_KEYS.get("links"));
            return;
        }
        for (YNode i : q.items()) {
            String link = scalar(i);
            String target = link.contains(":") ? link.substring(0, link.indexOf(':')) : link;
            loss(i, "links " + link + " is written as a dependency on " + target + ": on their common network " + service
                    + " reaches " + target + " by its name" + (link.contains(":") ? " (not by the alias " + link.substring(link.indexOf(':') + 1) + ")" : ""),
                    "Give " + target + " network aliases if other names are needed.");
            YamlWriter.Node deps = out.get("depends_on").orElse(null);
            if (deps == null) {
                out.put("depends_on", new YamlWriter.Sequence().add(target));
            } else if (deps instanceof YamlWriter.Sequence s) {
                if (s.items().stream().noneMatch(x -> x instanceof YamlWriter.Scalar sc && sc.value().equals(target))) {
                    s.add(target);
                }
            } else if (deps instanceof YamlWriter.Mapping m && !m.has(target)) {
                m.put(target, new YamlWriter.Null());
            }
        }
    }

    // ---------------------------------------------------------------- environment, env files, secrets

    private YNode environment(YNode v) {
        if (v instanceof YMap m) {
            List<YMap.Entry> kept = new ArrayList<>();
            for (YMap.Entry e : m.entries()) {
                if (e.value() instanceof YScalar s && s.isNull() && vars.containsKey(e.name())) {
                    kept.add(new YMap.Entry(e.key(), new YScalar(vars.get(e.name()), false, s.location())));
                } else if (e.value() instanceof YScalar s && s.isNull()) {
                    loss(e.key(), "environment " + e.name() + " has no value and is left out: compose takes it from its own "
                            + "environment, unitgen does not read its environment", "Write " + e.name() + ": VALUE, or set it in the .env file.");
                } else {
                    kept.add(e);
                }
            }
            return kept.isEmpty() ? null : new YMap(kept, m.location());
        }
        if (v instanceof YSeq q) {
            List<YNode> kept = new ArrayList<>();
            for (YNode i : q.items()) {
                if (i instanceof YScalar s && !s.isNull() && s.value().indexOf('=') < 0 && vars.containsKey(s.value())) {
                    kept.add(new YScalar(s.value() + "=" + vars.get(s.value()), false, s.location()));
                } else if (i instanceof YScalar s && !s.isNull() && s.value().indexOf('=') < 0) {
                    loss(i, "environment " + s.value() + " has no value and is left out: compose takes it from its own "
                            + "environment, unitgen does not read its environment", "Write " + s.value() + "=VALUE, or set it in the .env file.");
                } else {
                    kept.add(i);
                }
            }
            return kept.isEmpty() ? null : new YSeq(kept, q.location());
        }
        return v;
    }

    private YNode envFile(YNode v) {
        List<YNode> items = new ArrayList<>();
        if (v instanceof YScalar s && !s.isNull()) {
            items.add(s);
        } else if (v instanceof YSeq q) {
            items.addAll(q.items());
        } else {
            return v;
        }
        List<YNode> out = new ArrayList<>();
        for (YNode i : items) {
            YScalar path = null;
            if (i instanceof YScalar s) {
                path = s;
            } else if (i instanceof YMap m && m.get("path").orElse(null) instanceof YScalar p) {
                path = p;
                for (YMap.Entry o : m.entries()) {
                    if (o.name().equals("required") && scalar(o.value()).equals("false")) {
                        loss(o.value(), "env_file " + p.value() + " is optional in compose (required: false), not in unitgen: "
                                + "the docker client fails when the file is missing", "Create the file (it may be empty).");
                    } else if (!o.name().equals("path") && !o.name().equals("required")) {
                        loss(o.key(), o.name() + " of env_file " + p.value() + " is not carried over: docker reads its own env file format", null);
                    }
                }
            }
            if (path == null) {
                out.add(i);
                continue;
            }
            out.add(new YScalar(path(path.value(), path), false, path.location()));
        }
        return new YSeq(out, v.location());
    }

    /** secrets and configs from files: read-only bind mounts at the places compose mounts them. */
    private void secretsAndConfigs(YNode v, YMap declared, String kind, List<YNode> volumes, List<String> origins) {
        if (!(v instanceof YSeq q)) {
            loss(v, kind + "s is not carried over", ContainerKeys.NOT_KEYS.get(kind + "s"));
            return;
        }
        for (YNode i : q.items()) {
            String source = i instanceof YScalar s ? s.value() : i instanceof YMap m ? m.get("source").map(ComposeImporter::scalar).orElse("") : "";
            String target = i instanceof YMap m ? m.get("target").map(ComposeImporter::scalar).orElse(null) : null;
            if (i instanceof YMap m) {
                for (String o : List.of("uid", "gid", "mode")) {
                    m.entry(o).ifPresent(x -> loss(x.key(), o + " of " + kind + " " + source + " is not carried over: a bind mount "
                            + "keeps the owner and mode of the file on the host", "chown or chmod the file on the host."));
                }
            }
            YNode def = declared == null ? null : declared.get(source).orElse(null);
            Optional<YScalar> file = def instanceof YMap dm ? dm.get("file").filter(f -> f instanceof YScalar).map(f -> (YScalar) f) : Optional.empty();
            if (file.isEmpty()) {
                String why = def instanceof YMap dm && dm.get("environment").isPresent() ? "it comes from compose's environment: set it in environment"
                        : def instanceof YMap dm2 && dm2.get("content").isPresent() ? "its content is in the compose file: write it to a file and bind-mount it"
                        : def instanceof YMap dm3 && dm3.get("external").isPresent() ? "it is external (swarm)"
                        : "it is not declared with a file";
                loss(i, kind + " " + source + " is not carried over: " + why, ContainerKeys.NOT_KEYS.get(kind + "s"));
                continue;
            }
            String mountAt = target == null ? (kind.equals("secret") ? "/run/secrets/" + source : "/" + source)
                    : target.startsWith("/") ? target : (kind.equals("secret") ? "/run/secrets/" : "/") + target;
            Location at = i.location();
            origins.add(kind + " " + source);
            volumes.add(new YMap(List.of(
                    new YMap.Entry(new YScalar("type", true, at), new YScalar("bind", true, at)),
                    new YMap.Entry(new YScalar("source", true, at), new YScalar(path(file.get().value(), file.get()), false, at)),
                    new YMap.Entry(new YScalar("target", true, at), new YScalar(mountAt, false, at)),
                    new YMap.Entry(new YScalar("read_only", true, at), new YScalar("true", true, at))), at));
        }
    }

    // ---------------------------------------------------------------- deploy and docker_args

    private void deploy(YNode v, YMap svc, YamlWriter.Mapping out, String service, List<String> dockerArgs, List<String> dockerArgsFrom) {
        if (!(v instanceof YMap d)) {
            loss(v, "deploy is not carried over", ContainerKeys.NOT_KEYS.get("deploy"));
            return;
        }
        for (YMap.Entry e : d.entries()) {
            switch (e.name()) {
                case "resources" -> {
                    if (!(e.value() instanceof YMap r)) {
                        break;
                    }
                    for (YMap.Entry part : r.entries()) {
                        if (!(part.value() instanceof YMap m)) {
                            continue;
                        }
                        for (YMap.Entry x : m.entries()) {
                            if ((part.name() + "." + x.name()).equals("reservations.devices")) {
                                gpus(x.value(), dockerArgs, dockerArgsFrom);
                                continue;
                            }
                            String key = switch (part.name() + "." + x.name()) {
                                case "limits.cpus" -> "cpus";
                                case "limits.memory" -> "mem_limit";
                                case "limits.pids" -> "pids_limit";
                                case "reservations.memory" -> "mem_reservation";
                                default -> null;
                            };
                            if (key == null) {
                                loss(x.key(), "deploy.resources." + part.name() + "." + x.name() + " is not carried over: no docker run "
                                        + "flag reserves it", null);
                            } else if (svc.get(key).isPresent()) {
                                loss(x.key(), "deploy.resources." + part.name() + "." + x.name() + " is left out: the service sets " + key, null);
                            } else {
                                carryInto(out, key, x.value(), service);
                                if (out.has(key)) {
                                    out.comment(key, "from compose's deploy.resources." + part.name() + "." + x.name());
                                }
                            }
                        }
                    }
                }
                case "restart_policy" -> {
                    if (!(e.value() instanceof YMap rp)) {
                        break;
                    }
                    String condition = rp.get("condition").map(ComposeImporter::scalar).orElse("any");
                    String max = rp.get("max_attempts").map(ComposeImporter::scalar).orElse(null);
                    String restart = switch (condition) {
                        case "none" -> "no";
                        case "on-failure" -> max == null ? "on-failure" : "on-failure:" + max;
                        default -> "always";
                    };
                    if (svc.get("restart").isPresent()) {
                        loss(e.key(), "deploy.restart_policy is left out: the service sets restart", null);
                        break;
                    } else {
                        carryInto(out, "restart", new YScalar(restart, true, e.key().location()), service);
                        if (out.has("restart")) {
                            out.comment("restart", "from compose's deploy.restart_policy");
                        }
                    }
                    for (YMap.Entry x : rp.entries()) {
                        if (!Set.of("condition", "max_attempts").contains(x.name())) {
                            loss(x.key(), "deploy.restart_policy." + x.name() + " is not carried over: units restart after 2s, "
                                    + "at most 5 times in 60s", "Change RestartSec= or StartLimitIntervalSec= with unit: {Service: ...}.");
                        }
                    }
                }
                case "replicas" -> {
                    if (!scalar(e.value()).equals("1")) {
                        loss(e.key(), "deploy.replicas " + scalar(e.value()) + " is not carried over", ContainerKeys.NOT_KEYS.get("scale"));
                    }
                }
                default -> loss(e.key(), "deploy." + e.name() + " is not carried over: it is for swarm", null);
            }
        }
    }

    /**
     * deploy.resources.reservations.devices: GPU requests become docker run --gpus (count: all
     * or N, device_ids, capabilities besides gpu, driver, options); any other device kind is reported.
     */
    private void gpus(YNode v, List<String> dockerArgs, List<String> dockerArgsFrom) {
        if (!(v instanceof YSeq q)) {
            loss(v, "deploy.resources.reservations.devices is not carried over: expected a list, got " + v.kind(), null);
            return;
        }
        for (YNode item : q.items()) {
            if (!(item instanceof YMap d)) {
                loss(item, "a device reservation is not carried over: expected a mapping, got " + item.kind(), null);
                continue;
            }
            List<String> caps = d.get("capabilities").map(c -> c instanceof YSeq cs ? cs.items().stream().map(ComposeImporter::scalar).toList()
                    : List.of(scalar(c))).orElse(List.of());
            String driver = d.get("driver").map(ComposeImporter::scalar).orElse("");
            if (!caps.contains("gpu") || !(driver.isEmpty() || driver.equals("nvidia"))) {
                loss(item, "a device reservation with capabilities " + caps + (driver.isEmpty() ? "" : " and driver " + driver)
                        + " is not carried over: docker run reserves GPUs only (--gpus, the nvidia driver)", null);
                continue;
            }
            List<String> parts = new ArrayList<>();
            String count = d.get("count").map(ComposeImporter::scalar).orElse(null);
            List<String> ids = d.get("device_ids").filter(i -> i instanceof YSeq).map(i -> ((YSeq) i).items().stream()
                    .map(ComposeImporter::scalar).toList()).orElse(List.of());
            // docker's --gpus is CSV: a count (N or all) or device=IDS, capabilities=... (docker adds gpu itself)
            if (!ids.isEmpty()) {
                parts.add("\"device=" + String.join(",", ids) + "\"");
            } else {
                parts.add(count == null || count.equals("-1") ? "all" : count);
            }
            List<String> extra = caps.stream().filter(c -> !c.equals("gpu")).toList();
            if (!extra.isEmpty()) {
                parts.add("\"capabilities=" + String.join(",", extra) + "\"");
            }
            d.get("options").ifPresent(o -> loss(o, "options of the GPU reservation are not carried over: write them into docker_args "
                    + "(--gpus 'all,\"options=KEY=VALUE\"')", null));
            String arg = String.join(",", parts);
            dockerArgs.addAll(List.of("--gpus", arg));
            if (!dockerArgsFrom.contains("deploy.resources.reservations.devices")) {
                dockerArgsFrom.add("deploy.resources.reservations.devices");
            }
            change(item, "the GPU reservation is written as docker_args: [--gpus, " + arg + "]: docker run gives the container the "
                    + "GPUs (with the NVIDIA container toolkit on the host, as for compose) and fails to start it where there are none",
                    null);
        }
    }

    /** A compose key docker run has a flag for: its words in docker_args, or null (reported). */
    private List<String> dockerArgs(String key, YNode v) {
        String flag = DOCKER_ARGS.get(key);
        List<String> words = new ArrayList<>();
        if (v instanceof YScalar s && !s.isNull()) {
            if (key.equals("oom_kill_disable")) {
                if (s.value().equals("true")) {
                    words.add(flag);
                }
                return words;
            }
            words.add(flag);
            words.add(s.value());
        } else if (v instanceof YSeq q && key.equals("device_cgroup_rules")) {
            q.items().forEach(i -> {
                words.add(flag);
                words.add(scalar(i));
            });
        } else if (key.equals("storage_opt") && (v instanceof YMap || v instanceof YSeq)) {
            entries(v).forEach((k, val) -> {
                words.add(flag);
                words.add(k + "=" + val);
            });
        } else {
            loss(v, key + " is not carried over: expected a value, got " + v.kind(), null);
            return null;
        }
        if (words.stream().anyMatch(w -> w.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            loss(v, key + " is not carried over: it holds a line break or control character", null);
            return null;
        }
        return words;
    }

    // ---------------------------------------------------------------- checking the result

    /**
     * Runs the result through unitgen's own checks, as the definition file {@code hostPath}
     * (shown as {@code displayName}): reading, validation, translation for this host and
     * rendering. Problems go to the result's report, located in the result's text.
     */
    public static void validate(Result r, Path hostPath, String displayName) {
        Diagnostics d = r.report();
        SourceFile out = new SourceFile(hostPath, displayName, r.yaml());
        Diagnostics read = new Diagnostics();
        DefinitionReader.Parsed parsed = new DefinitionReader(read).read(out, hostPath);
        // each variable left as it is was reported on the compose file already
        read.sorted().stream().filter(x -> !dev.unitgen.definition.Variables.isVariableWarning(x)).forEach(d::add);
        Definitions defs = Definitions.of(parsed, d);
        CgroupLayout layout = CgroupProbe.detect(Root.host()).orElse(CgroupLayout.V2);
        Translator translator = new Translator(new TranslateOptions(layout, TranslateOptions.DEFAULT_DOCKER), d);
        try {
            Renderer renderer = new Renderer(new Templates(null));
            for (ContainerDefinition c : defs.containers()) {
                Translation t = translator.translate(c, defs);
                if (t != null) {
                    renderer.render(t);
                }
            }
        } catch (java.io.IOException | RenderException e) {
            d.error(Location.of(out, 1, 1), "the result cannot be rendered: " + e.getMessage());
        }
    }

    /** Variables for interpolation from a file in compose's .env format: KEY=VALUE lines, # comments. */
    public static Map<String, String> readEnvFile(String text) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("export ")) {
                l = l.substring(7).strip();
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = l.substring(0, eq).strip();
            String value = l.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            } else {
                int hash = value.indexOf(" #");
                if (hash >= 0) {
                    value = value.substring(0, hash).strip();
                }
            }
            vars.put(key, value);
        }
        return vars;
    }

    // ---------------------------------------------------------------- output

    /** A checked compose value as the writer's node. */
    static YamlWriter.Node writer(YNode n) {
        if (n instanceof YScalar s) {
            return s.isNull() ? new YamlWriter.Null() : new YamlWriter.Scalar(s.value());
        }
        if (n instanceof YSeq q) {
            YamlWriter.Sequence out = new YamlWriter.Sequence();
            q.items().forEach(i -> out.add(writer(i)));
            return out;
        }
        YamlWriter.Mapping out = new YamlWriter.Mapping();
        Set<String> seen = new LinkedHashSet<>();
        for (YMap.Entry e : ((YMap) n).entries()) {
            if (seen.add(e.name())) {
                out.put(e.name(), writer(e.value()));
            }
        }
        return out;
    }
}
