package dev.unitgen.cli;

import dev.unitgen.definition.ContainerDefinition;
import dev.unitgen.definition.Definitions;
import dev.unitgen.definition.EffectiveView;
import dev.unitgen.translate.SystemdProfiles;
import dev.unitgen.diag.DiagnosticPrinter;
import dev.unitgen.generate.Generator;
import dev.unitgen.yaml.YamlWriter;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "config", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Print the effective definitions, as docker compose config does: every container, image, network "
                + "and volume with the keys it ends up with, its file's defaults: and unitgen's own defaults merged in, "
                + "in YAML (or JSON).",
                "unitgen's defaults are the values a key has when neither the definition nor its file's defaults: set it "
                        + "(unitgen.yaml(5) lists each key's): in YAML each ends its line with # default, in JSON they are "
                        + "listed under defaults_applied.",
                "Values are shown as unitgen read them: sizes, durations, signals and ports in unitgen's words, "
                        + "structured values (volumes, healthchecks, dependencies) in long form.",
                "Environment values are hidden (unitgen cannot tell a secret from another value): --show-secrets shows them.",
                "The definitions are checked as validate checks them; --host-cgroup matters because the checks of systemd "
                        + "containers depend on the host's cgroup layout. Exit status 0, or 2 when the definitions do not "
                        + "validate (their errors, as validate prints them)."},
        footerHeading = "%nExamples:%n",
        footer = {"  unitgen config",
                "  unitgen config examples/web.yaml",
                "  unitgen config --output json /etc/unitgen | jq '.containers.web'",
                "  unitgen config --show-secrets web.yaml"})
final class ConfigCommand implements Callable<Integer> {
    @Mixin
    DefinitionOptions options;

    @Option(names = "--show-secrets", description = "Show the values of environment: too (they are hidden otherwise).")
    boolean showSecrets;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Generator.Result r = options.generate(false);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!r.ok()) {
            PlanCommand.printDiagnostics(out, err, options, r, ExitCode.INVALID.code());
            return ExitCode.INVALID.code();
        }
        Definitions defs = r.definitions();
        Predicate<ContainerDefinition> systemd = c -> SystemdProfiles.isSystemd(c, defs.declaredImage(c) != null);
        Map<String, Object> view = EffectiveView.of(defs, showSecrets, systemd);
        Map<String, Object> defaulted = EffectiveView.defaultsApplied(defs, systemd);
        if (options.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("files", r.files());
            doc.put("secrets_shown", showSecrets);
            doc.putAll(view);
            doc.put("defaults_applied", defaulted);
            doc.put("sources", EffectiveView.sources(defs));
            JsonOutput.print(out, ExitCode.OK.code(), doc, r.diagnostics());
            return ExitCode.OK.code();
        }
        DiagnosticPrinter.printText(err, r.diagnostics());
        out.print(yaml(view, defaulted, EffectiveView.sources(defs), r.files()));
        out.flush();
        return ExitCode.OK.code();
    }

    /**
     * The view as a definition file: a header, then each non-empty section, each name under a comment naming its
     * file, each of unitgen's defaults marked at the end of its line.
     */
    @SuppressWarnings("unchecked")
    private String yaml(Map<String, Object> view, Map<String, Object> defaulted, Map<String, Object> sources, int files) {
        YamlWriter.Mapping root = new YamlWriter.Mapping();
        view.forEach((section, names) -> {
            Map<String, Object> byName = (Map<String, Object>) names;
            if (byName.isEmpty()) {
                return;
            }
            YamlWriter.Mapping m = new YamlWriter.Mapping();
            Map<String, Object> from = (Map<String, Object>) sources.get(section);
            Map<String, Object> defaults = (Map<String, Object>) defaulted.get(section);
            byName.forEach((name, keys) -> {
                YamlWriter.Mapping entry = new YamlWriter.Mapping();
                List<?> own = (List<?>) defaults.get(name);
                ((Map<String, Object>) keys).forEach((k, v) -> {
                    if (own.contains(k)) {
                        entry.putNoted(k, ((YamlWriter.Scalar) node(v)).value(), DEFAULT_NOTE);
                    } else {
                        entry.put(k, node(v));
                    }
                });
                m.put(name, entry, "from " + from.get(name));
            });
            root.put(section, m);
        });
        List<String> header = new ArrayList<>();
        header.add("The effective definitions of " + files + " file" + (files == 1 ? "" : "s")
                + " (unitgen config): each file's defaults: merged in, and unitgen's (# " + DEFAULT_NOTE + ").");
        if (!showSecrets) {
            header.add("Environment values are hidden: --show-secrets shows them.");
        }
        return YamlWriter.write(header, root);
    }

    /** What ends the line of a key whose value is unitgen's default. */
    static final String DEFAULT_NOTE = "default";

    /** Plain data ({@link EffectiveView}) as a YAML node. */
    @SuppressWarnings("unchecked")
    private static YamlWriter.Node node(Object v) {
        if (v instanceof Map<?, ?> map) {
            YamlWriter.Mapping m = new YamlWriter.Mapping();
            ((Map<String, Object>) map).forEach((k, x) -> m.put(k, node(x)));
            return m;
        }
        if (v instanceof List<?> list) {
            YamlWriter.Sequence s = new YamlWriter.Sequence();
            list.forEach(x -> s.add(node(x)));
            return s;
        }
        return new YamlWriter.Scalar(v instanceof BigDecimal b ? b.toPlainString() : String.valueOf(v));
    }
}
