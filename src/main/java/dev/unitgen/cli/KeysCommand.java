package dev.unitgen.cli;

import dev.unitgen.definition.ContainerKeys;
import dev.unitgen.definition.DefinitionReader;
import dev.unitgen.definition.ImageKeys;
import dev.unitgen.definition.Key;
import dev.unitgen.definition.NetworkKeys;
import dev.unitgen.definition.VolumeKeys;
import dev.unitgen.util.Text;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "keys", sortOptions = false, mixinStandardHelpOptions = true,
        description = "List the keys a container definition takes, what each becomes, and what it does; named keys "
                + "may also be image keys and top-level keys.",
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen keys", "  unitgen keys healthcheck packages containers", "  unitgen keys --output json"})
final class KeysCommand implements Callable<Integer> {
    /** Completion candidates: the keys of every table. */
    static final class KeyNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            java.util.Set<String> all = new TreeSet<>();
            for (Table t : Table.values()) {
                t.keys.forEach(k -> all.add(k.name()));
            }
            all.addAll(DefinitionReader.TOP_LEVEL.keySet());
            return all.iterator();
        }
    }

    /** The mapping tables: what is declared where. */
    enum Table {
        container(ContainerKeys.all()), image(ImageKeys.all()), network(NetworkKeys.all()), volume(VolumeKeys.all());

        final List<Key<?>> keys;

        Table(List<Key<?>> keys) {
            this.keys = keys;
        }

        Key<?> byName(String n) {
            return keys.stream().filter(k -> k.name().equals(n)).findFirst().orElse(null);
        }
    }

    @Option(names = {"-t", "--table"}, paramLabel = "TABLE", description = "Which keys to list without KEY: "
            + "$${COMPLETION-CANDIDATES} (default: container): the keys of a container, of an image (images:), of a network "
            + "(networks:), of a volume (volumes:).")
    Table table = Table.container;

    @Parameters(paramLabel = "KEY", arity = "0..*", completionCandidates = KeyNames.class,
            description = "Show only these keys: container keys, image keys or top-level keys. Every unknown name is reported.")
    List<String> names = new ArrayList<>();

    @Mixin
    CommonOptions.Output output;

    @Spec
    CommandSpec spec;

    /** One row of the output: a key of one of the tables. */
    private record Row(String name, String table, String type, String mapsTo, Boolean compose, String description, String dflt) {
        static Row of(Key<?> k, String table) {
            return new Row(k.name(), table, k.type().describe(), k.maps(), table.equals("container") ? k.compose() : null, k.doc(),
                    k.fallback() == null ? null : k.fallback().text());
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Row> rows = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String n : names) {
            List<Row> found = lookUp(n);
            if (found.isEmpty()) {
                unknown.add(n);
            }
            rows.addAll(found);
        }
        if (!unknown.isEmpty() && output.json()) {
            dev.unitgen.diag.Diagnostics diagnostics = new dev.unitgen.diag.Diagnostics();
            unknown.forEach(n -> diagnostics.error(null, "unknown key " + Text.q(n), hint(n)));
            JsonOutput.print(out, ExitCode.INVALID.code(), Map.of("keys", json(rows)), diagnostics);
            return ExitCode.INVALID.code();
        }
        if (!unknown.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            for (String n : unknown) {
                err.println("Error: unknown key " + Text.q(n));
                err.println();
                err.println(hint(n));
                err.println();
            }
            err.println(unknown.size() + " unknown key" + (unknown.size() == 1 ? "" : "s") + ". `unitgen keys` lists the "
                    + "container keys; see unitgen.yaml(5) for the image keys and the top level.");
            err.flush();
            return ExitCode.INVALID.code();
        }
        if (names.isEmpty()) {
            table.keys.forEach(k -> rows.add(Row.of(k, table.name())));
        }
        if (output.json()) {
            JsonOutput.print(out, ExitCode.OK.code(), Map.of("keys", json(rows)), new dev.unitgen.diag.Diagnostics());
        } else {
            for (Row r : rows) {
                String kind = r.table().equals("container") ? "" : r.table() + " key, ";
                out.println(r.name() + "  (" + kind + r.type() + ")" + (r.mapsTo() == null ? "" : "  ->  " + r.mapsTo()));
                out.println("    " + r.description() + (r.dflt() == null ? "" : " Default: " + r.dflt() + "."));
            }
        }
        return ExitCode.OK.code();
    }

    /** The rows as JSON objects (unitgen(1), keys). */
    private static List<Object> json(List<Row> rows) {
        List<Object> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("table", r.table());
            m.put("type", r.type());
            if (r.mapsTo() != null) {
                m.put("maps_to", r.mapsTo());
            }
            if (r.compose() != null) {
                m.put("compose", r.compose());
            }
            m.put("description", r.description());
            if (r.dflt() != null) {
                m.put("default", r.dflt());
            }
            list.add(m);
        }
        return list;
    }

    /** What to say about an unknown name: the container table's word for it, else the closest key of any table. */
    private static String hint(String n) {
        if (ContainerKeys.ALIASES.containsKey(n) || ContainerKeys.NOT_KEYS.containsKey(n)) {
            return ContainerKeys.hintFor(n);
        }
        java.util.Set<String> all = new TreeSet<>();
        new KeyNames().forEach(all::add);
        return Text.closest(n, all).map(c -> "Did you mean " + c + tableOf(c) + "?").orElse(ContainerKeys.hintFor(n));
    }

    /** Where a known name belongs, for a hint: nothing for a container key. */
    private static String tableOf(String name) {
        if (ContainerKeys.byName(name) != null) {
            return "";
        }
        return java.util.Arrays.stream(Table.values()).filter(t -> t.byName(name) != null).findFirst()
                .map(t -> " (" + (t == Table.image ? "an" : "a") + " " + t + " key)").orElse(" (a top-level key)");
    }

    /** The rows a name stands for: a container key, an image key, a top-level key (several when tables share it). */
    private static List<Row> lookUp(String n) {
        List<Row> out = new ArrayList<>();
        String top = DefinitionReader.TOP_LEVEL.get(n);
        if (top != null) {
            out.add(new Row(n, "top-level", n.equals("version") ? "anything" : "mapping", null, null, top, null));
        } else if (n.startsWith("x-") && n.length() > 2) {
            out.add(new Row(n, "top-level", "anything", null, null, DefinitionReader.EXTENSION_DOC, null));
        }
        for (Table t : Table.values()) {
            Key<?> k = t.byName(n);
            if (k != null) {
                out.add(Row.of(k, t.name()));
            }
        }
        return out;
    }
}
