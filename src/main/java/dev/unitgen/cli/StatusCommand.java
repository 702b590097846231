package dev.unitgen.cli;

import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.HostUnits;
import dev.unitgen.host.Journal;
import dev.unitgen.host.JournalctlJournal;
import dev.unitgen.layout.Root;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.host.UnitState;
import dev.unitgen.unit.ParsedUnit;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Show the units unitgen manages and their containers.",
                "For each unit: its state, its container's state and uptime, the image, the ID of the image the container "
                        + "runs (with what the image's tag points to on the engine when that differs: an update not applied yet), "
                        + "and the inner systemd's state or the container's health.",
                "With --offline, the unit files under --root (default /) only: each unit's container, image, "
                        + "definition file and enablement; whether it runs is not known without systemd and Docker.",
                "Exit status 0, or 1 when the manager or engine cannot be reached."},
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen status", "  unitgen status web db", "  unitgen status --output json",
                "  unitgen status --offline --root /mnt/image"})
final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Containers (or units) to show; default: all managed.")
    List<String> names = new ArrayList<>();

    @Mixin
    CommonOptions.RootDir root;

    @Mixin
    CommonOptions.Output output;

    @Mixin
    HostOptions.Bus bus;

    @Mixin
    HostOptions.Docker docker;

    @Mixin
    HostOptions.Offline offline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        HostUnits units = new HostUnits(root.root());
        TreeMap<String, String> managed = select(units, names);
        if (offline.on()) {
            return offline(out, units, managed);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ServiceManager manager = bus.manager(units, false); ContainerEngine engine = docker.engine(false)) {
            Journal journal = new JournalctlJournal(units.root());
            for (Map.Entry<String, String> e : managed.entrySet()) {
                rows.add(row(e.getKey(), e.getValue(), manager, engine, journal));
            }
        }
        if (output.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("offline", false);
            doc.put("units", rows);
            JsonOutput.print(out, ExitCode.OK.code(), doc, new dev.unitgen.diag.Diagnostics());
            return ExitCode.OK.code();
        }
        if (rows.isEmpty()) {
            out.println("No units managed by unitgen" + (names.isEmpty() ? "." : " match."));
            return ExitCode.OK.code();
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"UNIT", "ACTIVE", "CONTAINER", "UPTIME", "RESTARTS", "IMAGE", "IMAGE ID", "SYSTEMD/HEALTH"});
        for (Map<String, Object> r : rows) {
            long unhealthy = (Long) r.get("unhealthy_restarts");
            table.add(new String[] {(String) r.get("unit"), r.get("active_state") + "/" + r.get("sub_state"),
                    String.valueOf(r.get("container_state")), String.valueOf(r.getOrDefault("uptime", "-")),
                    "restarts " + r.get("restarts") + (unhealthy > 0 ? " (" + unhealthy + " after unhealthy)" : ""),
                    String.valueOf(r.get("image")), imageId(r), String.valueOf(r.getOrDefault("inner", "-"))});
        }
        printTable(out, table);
        return ExitCode.OK.code();
    }

    /** What the files under the root say (status --offline): no state, which only systemd and Docker know. */
    private int offline(PrintWriter out, HostUnits units, TreeMap<String, String> managed) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : managed.entrySet()) {
            ParsedUnit u = ParsedUnit.parse(e.getValue());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("unit", e.getKey());
            r.put("container", u.value("X-Unitgen", "Container").orElse(e.getKey().replaceAll("\\.service$", "")));
            r.put("image", u.value("X-Unitgen", "Image").orElse(""));
            r.put("source", u.value("X-Unitgen", "Source").orElse(""));
            r.put("enabled", units.isEnabled(e.getKey(), e.getValue()));
            r.put("edited", !dev.unitgen.render.UnitDigest.verify(e.getValue()));
            rows.add(r);
        }
        String unknown = "whether the units and their containers run is not known offline (it takes systemd and Docker)";
        if (output.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("offline", true);
            doc.put("root", units.root().dir().toString());
            doc.put("not_known", unknown);
            doc.put("units", rows);
            JsonOutput.print(out, ExitCode.OK.code(), doc, new dev.unitgen.diag.Diagnostics());
            return ExitCode.OK.code();
        }
        if (rows.isEmpty()) {
            out.println("No units managed by unitgen under " + units.root().dir() + (names.isEmpty() ? "." : " match."));
            return ExitCode.OK.code();
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"UNIT", "ENABLED", "IMAGE", "SOURCE"});
        for (Map<String, Object> r : rows) {
            table.add(new String[] {(String) r.get("unit"), ((Boolean) r.get("enabled") ? "enabled" : "disabled")
                    + ((Boolean) r.get("edited") ? ", edited" : ""), (String) r.get("image"), (String) r.get("source")});
        }
        printTable(out, table);
        out.println("Offline: the unit files under " + units.root().dir() + "; " + unknown + ".");
        return ExitCode.OK.code();
    }

    private static void printTable(PrintWriter out, List<String[]> table) {
        if (table.isEmpty()) {
            return;
        }
        int[] w = new int[table.get(0).length];
        for (String[] t : table) {
            for (int i = 0; i < t.length; i++) {
                w[i] = Math.max(w[i], t[i].length());
            }
        }
        for (String[] t : table) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < t.length; i++) {
                sb.append(i + 1 < t.length ? String.format("%-" + (w[i] + 2) + "s", t[i]) : t[i]);
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /** The running image's short ID, and what its tag points to locally when that differs ("-" without a container). */
    static String imageId(Map<String, Object> r) {
        String id = (String) r.get("image_id");
        if (id == null) {
            return "-";
        }
        String shortId = dev.unitgen.plan.ImageDrift.shortId(id);
        if (Boolean.TRUE.equals(r.get("image_current"))) {
            return shortId;
        }
        String tagged = (String) r.get("image_tag_id");
        return shortId + " (tag: " + (tagged == null ? "not on the engine" : dev.unitgen.plan.ImageDrift.shortId(tagged)) + ")";
    }

    /** The managed units named (with or without .service), or all; an unmanaged name is an error. */
    static TreeMap<String, String> select(HostUnits units, List<String> names) {
        TreeMap<String, String> managed = units.managed();
        if (names.isEmpty()) {
            return managed;
        }
        TreeMap<String, String> out = new TreeMap<>();
        for (String n : names) {
            String unit = n.endsWith(".service") ? n : n + ".service";
            String text = managed.get(unit);
            if (text == null) {
                throw new UserException(ExitCode.INVALID, unit + " is not a unit unitgen manages",
                        "unitgen only touches units it wrote (files with an [X-Unitgen] section in " + Root.UNIT_DIR + ").");
            }
            out.put(unit, text);
        }
        return out;
    }

    /** Journal lines read to count the restarts that followed a turn to unhealthy. */
    static final int JOURNAL_LINES = 500;

    static Map<String, Object> row(String unit, String text, ServiceManager manager, ContainerEngine engine, Journal journal) {
        ParsedUnit u = ParsedUnit.parse(text);
        String container = u.value("X-Unitgen", "Container").orElse(unit.replaceAll("\\.service$", ""));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("unit", unit);
        r.put("container", container);
        UnitState s = manager.state(unit);
        r.put("active_state", s.activeState());
        r.put("sub_state", s.subState());
        r.put("result", s.result());
        r.put("restarts", s.nRestarts());
        // the unit's health watcher writes a mark before it kills an unhealthy container; at most
        // as many as systemd's automatic restarts since the unit was last started by hand
        long marks = s.nRestarts() == 0 ? 0 : journal.lastLines(unit, JOURNAL_LINES).stream()
                .filter(l -> l.contains(dev.unitgen.translate.Translator.UNHEALTHY_MARK)).count();
        r.put("unhealthy_restarts", Math.min(marks, s.nRestarts()));
        r.put("image", u.value("X-Unitgen", "Image").orElse(""));
        r.put("source", u.value("X-Unitgen", "Source").orElse(""));
        Optional<ContainerEngine.ContainerInfo> info = engine == null ? Optional.empty() : engine.inspect(container);
        r.put("container_state", info.map(ContainerEngine.ContainerInfo::status).orElse("absent"));
        info.ifPresent(c -> {
            r.put("container_id", c.id().substring(0, Math.min(12, c.id().length())));
            r.put("started_at", c.startedAt());
            // the image the container runs, and whether its reference still points to it here
            engine.containerImageId(container).ifPresent(id -> {
                String image = (String) r.get("image");
                Optional<String> tagged = image.isEmpty() ? Optional.empty() : engine.imageId(image);
                r.put("image_id", id);
                r.put("image_tag_id", tagged.orElse(null));
                r.put("image_current", tagged.map(id::equals).orElse(false));
            });
            if (c.running()) {
                uptime(c.startedAt()).ifPresent(d -> r.put("uptime", d));
            }
            if (c.running() && u.value("X-Unitgen", "Systemd").orElse("false").equals("true")) {
                r.put("inner", "systemd " + engine.exec(container, List.of("systemctl", "is-system-running"), Duration.ofSeconds(10))
                        .output().strip());
            } else if (c.health() != null) {
                r.put("inner", c.health());
            }
        });
        return r;
    }

    static Optional<String> uptime(String startedAt) {
        try {
            Duration d = Duration.between(Instant.parse(startedAt), Instant.now());
            long s = Math.max(0, d.getSeconds());
            String text = s >= 86400 ? (s / 86400) + "d" + (s % 86400 / 3600) + "h"
                    : s >= 3600 ? (s / 3600) + "h" + (s % 3600 / 60) + "m" : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
            return Optional.of(text);
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
