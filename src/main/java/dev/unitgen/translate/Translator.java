package dev.unitgen.translate;

import dev.unitgen.definition.ContainerDefinition;
import dev.unitgen.definition.ContainerKeys;
import dev.unitgen.definition.Definitions;
import dev.unitgen.definition.DockerArgs;
import dev.unitgen.definition.Emitter;
import dev.unitgen.definition.Key;
import dev.unitgen.definition.SystemdProfile;
import dev.unitgen.diag.Diagnostics;
import dev.unitgen.layout.Root;
import dev.unitgen.image.ImageBuild;
import dev.unitgen.unit.UnitFile;
import dev.unitgen.escape.UnsafeValueException;
import dev.unitgen.util.Text;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Translation: a validated container definition -> a unit-file model, an env file and the
 * docker argv. Follows design/docker-under-systemd.md. The docker run command line is the
 * emitters of {@link ContainerKeys}' rows, called in table order; the systemd decision is
 * {@link SystemdProfiles}', the host-dependent checks {@link HostChecks}', the unit
 * {@link UnitAssembly}'s.
 */
public final class Translator {
    /** The label docker containers of unitgen carry: value = the unit name. */
    public static final String UNIT_LABEL = "dev.unitgen.unit";

    /** What a unit's health watcher writes to the journal before it acts on an unhealthy container. */
    public static final String UNHEALTHY_MARK = Readiness.UNHEALTHY_MARK;

    private final TranslateOptions options;
    private final Diagnostics diagnostics;
    private final HostChecks hostChecks;

    public Translator(TranslateOptions options, Diagnostics diagnostics) {
        this.options = options;
        this.diagnostics = diagnostics;
        this.hostChecks = new HostChecks(options.hostCgroup(), diagnostics);
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
        long errorsBefore = diagnostics.errorCount();
        boolean systemd = SystemdProfiles.isSystemd(spec, build != null);
        SystemdProfile profile = systemd ? SystemdProfiles.resolve(spec, options.hostCgroup(), diagnostics) : null;
        hostChecks.check(spec, systemd, profile);
        Facts facts = new Facts(spec.name(), systemd, profile, build == null ? null : build.tag(),
                SystemdProfiles.init(build), Root.envFile(spec.name()), spec.hostSourcePath(), all);
        List<String> argv = dockerRun(spec, facts);
        if (diagnostics.errorCount() > errorsBefore) {
            return null;
        }
        Map<String, String> env = spec.has(ContainerKeys.ENVIRONMENT) ? new TreeMap<>(spec.map(ContainerKeys.ENVIRONMENT)) : null;
        String image = build != null ? build.tag() : spec.get(ContainerKeys.IMAGE);
        try {
            UnitFile unit = UnitAssembly.unit(spec, all, argv, facts, image, build, options.docker());
            return new Translation(spec, unit, env, argv, systemd, spec.effective(ContainerKeys.ENABLED, facts),
                    spec.effective(ContainerKeys.RESTART_ON_CHANGE, facts), image, build);
        } catch (UnsafeValueException e) {
            diagnostics.error(spec.nameLocation(), "container " + Text.q(spec.name()) + " cannot be written safely: " + e.getMessage(),
                    "A value would change the meaning of the unit file; remove control characters from it.");
            return null;
        }
    }

    /** The docker run command line: every row's emitter, in table order. */
    private List<String> dockerRun(ContainerDefinition spec, Emitter.Context facts) {
        DockerArgs args = new DockerArgs(options.docker(), spec.name(), UNIT_LABEL + "=" + spec.unitName());
        for (Key<?> key : ContainerKeys.all()) {
            emit(key, spec, facts, args);
        }
        return List.copyOf(args.toList());
    }

    private static <T> void emit(Key<T> key, ContainerDefinition spec, Emitter.Context facts, DockerArgs args) {
        key.emitter().emit(spec.get(key), facts, args);
    }

    /** What the emitters know of this translation. */
    private record Facts(String name, boolean systemd, SystemdProfile profile, String builtImage, String init, String envFile,
                         String sourcePath, Definitions all) implements Emitter.Context {
        @Override
        public String engineName(dev.unitgen.definition.ObjectDefinition.Kind kind, String key) {
            return all.engineName(kind, key);
        }
    }
}
