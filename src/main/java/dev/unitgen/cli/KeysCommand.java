package dev.unitgen.cli;

import dev.unitgen.definition.ContainerKeys;
import dev.unitgen.definition.Key;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "keys", sortOptions = false, mixinStandardHelpOptions = true,
        description = "List the keys a container definition takes, what each becomes, and what it does.",
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen keys", "  unitgen keys healthcheck", "  unitgen keys --output json"})
final class KeysCommand implements Callable<Integer> {
    /** Completion candidates: the keys of the mapping table. */
    static final class KeyNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ContainerKeys.names().iterator();
        }
    }

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
            Key<?> k = ContainerKeys.byName(n);
            if (k == null) {
                throw new UserException(ExitCode.INVALID, "unknown key " + Text.q(n), ContainerKeys.hintFor(n));
            }
            keys.add(k);
        }
        if (keys.isEmpty()) {
            keys.addAll(ContainerKeys.all());
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
