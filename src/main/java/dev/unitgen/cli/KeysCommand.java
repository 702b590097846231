package dev.unitgen.cli;

import dev.unitgen.definition.ContainerKeys;
import dev.unitgen.definition.ImageKeys;
import dev.unitgen.definition.Key;
import dev.unitgen.definition.NetworkKeys;
import dev.unitgen.definition.VolumeKeys;
import dev.unitgen.util.Json;
import dev.unitgen.util.Text;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "keys", sortOptions = false, mixinStandardHelpOptions = true,
        description = "List the keys a container definition (or an image, network or volume declaration) takes, "
                + "what each becomes, and what it does.",
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen keys", "  unitgen keys healthcheck", "  unitgen keys --table network ipam", "  unitgen keys --output json"})
final class KeysCommand implements Callable<Integer> {
    /** The mapping tables: what is declared where. */
    enum Table {
        container(ContainerKeys.all()), image(ImageKeys.all()), network(NetworkKeys.all()), volume(VolumeKeys.all());

        final List<Key<?>> keys;

        Table(List<Key<?>> keys) {
            this.keys = keys;
        }
    }

    /** Completion candidates: the keys of every mapping table. */
    static final class KeyNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(Table.values()).flatMap(t -> t.keys.stream()).map(Key::name).distinct().sorted().iterator();
        }
    }

    @Option(names = {"-t", "--table"}, paramLabel = "TABLE", description = "Which keys: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}): the keys of a container, of an image (images:), of a network (networks:), of a volume (volumes:).")
    Table table = Table.container;

    @Parameters(paramLabel = "KEY", arity = "0..*", completionCandidates = KeyNames.class, description = "Show only these keys.")
    List<String> names = new ArrayList<>();

    @Mixin
    CommonOptions.Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Key<?>> keys = new ArrayList<>();
        for (String n : names) {
            Key<?> k = table.keys.stream().filter(x -> x.name().equals(n)).findFirst().orElse(null);
            if (k == null) {
                throw new UserException(ExitCode.INVALID, "unknown " + table + " key " + Text.q(n), table == Table.container
                        ? ContainerKeys.hintFor(n) : Text.closest(n, table.keys.stream().map(Key::name).toList())
                        .map(c -> "Did you mean " + c + "?").orElse("See unitgen keys --table " + table + "."));
            }
            keys.add(k);
        }
        if (keys.isEmpty()) {
            keys.addAll(table.keys);
        }
        if (output.json()) {
            List<Object> list = new ArrayList<>();
            for (Key<?> k : keys) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", k.name());
                m.put("type", k.type().describe());
                m.put("maps_to", k.maps());
                m.put("compose", k.compose());
                m.put("description", k.doc());
                list.add(m);
            }
            out.println(Json.write(list));
        } else {
            for (Key<?> k : keys) {
                out.println(k.name() + "  (" + k.type().describe() + ")  ->  " + k.maps());
                out.println("    " + k.doc());
            }
        }
        return ExitCode.OK.code();
    }
}
