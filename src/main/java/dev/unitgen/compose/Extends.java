package dev.unitgen.compose;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.diag.SourceFile;
import dev.unitgen.util.Text;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import dev.unitgen.yaml.YSeq;
import dev.unitgen.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compose's extends: a service inherits the keys of another service, of the same file or of
 * another file (service, file), merged as compose merges them: mappings key by key (the
 * service's own value wins), command, entrypoint and a healthcheck's test replaced, other
 * lists joined without repeats, environment, labels and extra_hosts by name whichever form
 * they are written in. The extends entry itself stays (the importer notes it).
 */
final class Extends {
    /** Lists that replace the inherited one instead of joining it. */
    private static final Set<String> REPLACED = Set.of("command", "entrypoint", "test");
    /** Lists of NAME=VALUE that merge by name. */
    private static final Map<String, String> BY_NAME = Map.of("environment", "=", "labels", "=", "extra_hosts", ":");

    private Extends() {
    }

    /** {@code svc} with what it extends merged in; a missing base or a cycle is an error, and svc is kept as it is. */
    static YMap resolve(String name, YMap svc, YMap services, SourceFile file, Diagnostics report) {
        return resolve(name, svc, services, file, report, new LinkedHashSet<>());
    }

    private static YMap resolve(String name, YMap svc, YMap services, SourceFile file, Diagnostics report, Set<String> seen) {
        Optional<YMap.Entry> ext = svc.entry("extends");
        if (ext.isEmpty()) {
            return svc;
        }
        YNode v = ext.get().value();
        String baseName = v instanceof YScalar s ? s.value() : v instanceof YMap m ? m.get("service").map(Extends::scalar).orElse(null) : null;
        String otherFile = v instanceof YMap m ? m.get("file").map(Extends::scalar).orElse(null) : null;
        if (baseName == null || baseName.isEmpty()) {
            report.error(v.location(), "extends of service " + Text.q(name) + " names no service", "Write extends: {service: NAME}.");
            return svc;
        }
        String id = (otherFile == null ? file.path().toString() : file.path().resolveSibling(otherFile).normalize().toString()) + "#" + baseName;
        if (!seen.add(file.path() + "#" + name) || seen.contains(id)) {
            report.error(v.location(), "extends of service " + Text.q(name) + " makes a cycle through " + Text.q(baseName), null);
            return svc;
        }
        YMap baseServices = services;
        SourceFile baseFile = file;
        if (otherFile != null) {
            Path p = file.path().resolveSibling(otherFile).normalize();
            try {
                baseFile = new SourceFile(p, otherFile, Files.readString(p));
            } catch (IOException | RuntimeException e) {
                report.error(v.location(), "extends of service " + Text.q(name) + ": cannot read " + otherFile + " (" + e.getMessage() + ")", null);
                return svc;
            }
            Optional<YNode> doc = YamlParser.parse(baseFile, report);
            baseServices = doc.filter(d -> d instanceof YMap).flatMap(d -> ((YMap) d).get("services"))
                    .filter(x -> x instanceof YMap).map(x -> (YMap) x).orElse(null);
        }
        YNode base = baseServices == null ? null : baseServices.get(baseName).orElse(null);
        if (!(base instanceof YMap baseMap)) {
            report.error(v.location(), "service " + Text.q(name) + " extends " + Text.q(baseName) + ", which is not a service of "
                    + (otherFile == null ? "this file" : otherFile), "compose refuses this file too.");
            return svc;
        }
        YMap resolvedBase = resolve(baseName, baseMap, baseServices, baseFile, report, seen);
        List<YMap.Entry> inherited = new ArrayList<>();
        for (YMap.Entry e : resolvedBase.entries()) {
            if (!e.name().equals("extends") && svc.entry(e.name()).isEmpty()) {
                inherited.add(e);
            }
        }
        List<YMap.Entry> out = new ArrayList<>(inherited);
        for (YMap.Entry e : svc.entries()) {
            Optional<YMap.Entry> b = resolvedBase.entry(e.name());
            out.add(b.isPresent() && !e.name().equals("extends") ? new YMap.Entry(e.key(), merge(e.name(), b.get().value(), e.value())) : e);
        }
        return new YMap(out, svc.location());
    }

    private static YNode merge(String key, YNode base, YNode own) {
        if (BY_NAME.containsKey(key) && (base instanceof YMap || base instanceof YSeq) && (own instanceof YMap || own instanceof YSeq)) {
            return mergeMaps(asMap(base, BY_NAME.get(key)), asMap(own, BY_NAME.get(key)));
        }
        if (base instanceof YMap bm && own instanceof YMap om) {
            return mergeMaps(bm, om);
        }
        if (base instanceof YSeq bs && own instanceof YSeq os && !REPLACED.contains(key)) {
            List<YNode> items = new ArrayList<>(bs.items());
            for (YNode i : os.items()) {
                if (!(i instanceof YScalar s) || items.stream().noneMatch(x -> x instanceof YScalar xs && xs.value().equals(s.value()))) {
                    items.add(i);
                }
            }
            return new YSeq(items, os.location());
        }
        return own;
    }

    private static YMap mergeMaps(YMap base, YMap own) {
        List<YMap.Entry> out = new ArrayList<>();
        for (YMap.Entry e : base.entries()) {
            if (own.entry(e.name()).isEmpty()) {
                out.add(e);
            }
        }
        for (YMap.Entry e : own.entries()) {
            Optional<YMap.Entry> b = base.entry(e.name());
            out.add(b.isPresent() ? new YMap.Entry(e.key(), merge(e.name(), b.get().value(), e.value())) : e);
        }
        return new YMap(out, own.location());
    }

    /** NAME=VALUE items as a mapping (a bare NAME has no value). */
    private static YMap asMap(YNode n, String sep) {
        if (n instanceof YMap m) {
            return m;
        }
        Map<String, YMap.Entry> entries = new LinkedHashMap<>();
        for (YNode i : ((YSeq) n).items()) {
            String s = scalar(i);
            int at = s.indexOf(sep);
            String name = at < 0 ? s : s.substring(0, at);
            YNode value = at < 0 ? new YScalar("", true, i.location()) : new YScalar(s.substring(at + 1), false, i.location());
            entries.put(name, new YMap.Entry(new YScalar(name, true, i.location()), value));
        }
        return new YMap(List.copyOf(entries.values()), n.location());
    }

    private static String scalar(YNode n) {
        return n instanceof YScalar s ? s.value() : "";
    }
}
