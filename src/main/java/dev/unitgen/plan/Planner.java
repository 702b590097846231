package dev.unitgen.plan;

import dev.unitgen.host.HostException;
import dev.unitgen.host.HostUnits;
import dev.unitgen.layout.Root;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.host.UnitState;
import dev.unitgen.render.RenderedUnit;
import dev.unitgen.render.UnitDigest;
import dev.unitgen.translate.MountedFiles;
import dev.unitgen.unit.ParsedUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares the rendered units with the host, the way NixOS' switch-to-configuration does:
 * semantically, so that cosmetic changes (Description, Documentation, SourcePath, the
 * X-Unitgen section, [Install]) restart nothing, while any other setting or the env file
 * restarts the unit (unless restart_on_change is false).
 */
public final class Planner {
    /** Settings whose change never restarts a unit. */
    static final Set<String> COSMETIC = Set.of("Unit.Description", "Unit.Documentation", "Unit.SourcePath");
    static final Set<String> ACTIVE = Set.of("active", "activating", "reloading");

    private final HostUnits host;
    private final ServiceManager manager;

    public Planner(HostUnits host, ServiceManager manager) {
        this.host = host;
        this.manager = manager;
    }

    /** Raised when the host holds a file unitgen must not touch. */
    public static final class ConflictException extends HostException {
        private static final long serialVersionUID = 1L;

        public ConflictException(String message, String hint) {
            super(message, hint, null);
        }
    }

    public Plan plan(List<RenderedUnit> desired, Set<String> pendingRestarts) {
        return plan(desired, pendingRestarts, Scope.WHOLE);
    }

    /**
     * The plan for {@code desired}: the host's facts gathered once ({@link HostFacts#gather}),
     * then {@link #compare}.
     */
    public Plan plan(List<RenderedUnit> desired, Set<String> pendingRestarts, Scope scope) {
        return compare(desired, HostFacts.gather(host, manager, desired), pendingRestarts, scope);
    }

    /** As {@link #plan(List, Set, Scope)}, with the containers' image drift (plan --pull, apply --pull). */
    public Plan plan(List<RenderedUnit> desired, Set<String> pendingRestarts, Scope scope, java.util.Map<String, ImageDrift> images) {
        return compare(desired, HostFacts.gather(host, manager, desired).withImages(images), pendingRestarts, scope);
    }

    /** The container of a unit unitgen manages: the unit's name without .service. */
    static String container(String unit) {
        return unit.endsWith(".service") ? unit.substring(0, unit.length() - ".service".length()) : unit;
    }

    /**
     * The plan, as a pure function of the desired units and the host's facts: each declared
     * unit compared with its file, env file, enablement and state; a managed unit no longer
     * declared is removed only when {@code scope} covers it, else it is left as it is (listed
     * in {@link Plan#untouched}); {@code pendingRestarts} are owed by an interrupted apply.
     *
     * @throws ConflictException when a declared unit's file is not unitgen's
     */
    public static Plan compare(List<RenderedUnit> desired, HostFacts facts, Set<String> pendingRestarts, Scope scope) {
        if (!facts.conflicts().isEmpty()) {
            throw new ConflictException(String.join("\n       ", facts.conflicts()),
                    "unitgen never overwrites files it did not write. Rename the container, or move the other unit away.");
        }
        List<Change> changes = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (RenderedUnit d : desired) {
            Change c = compare(d, facts, pendingRestarts.contains(d.unitName()));
            if (c == null) {
                unchanged.add(d.unitName());
            } else {
                changes.add(c);
            }
        }
        Set<String> declared = new LinkedHashSet<>();
        desired.forEach(d -> declared.add(d.unitName()));
        List<String> untouched = new ArrayList<>();
        for (Map.Entry<String, String> m : facts.managed().entrySet()) {
            if (!declared.contains(m.getKey()) && !scope.covers(m.getValue())) {
                untouched.add(m.getKey());
            } else if (!declared.contains(m.getKey())) {
                String env = facts.envs().get(container(m.getKey()));
                changes.add(new Change(m.getKey(), Change.Action.REMOVE, List.of(Change.Reason.of(Change.Kind.NOT_DECLARED, "no longer declared")), false, false,
                        env != null, false, false, facts.linked().contains(m.getKey()) ? Boolean.FALSE : null, null, m.getValue(), env));
            }
        }
        changes.sort((a, b) -> a.unit().compareTo(b.unit()));
        return new Plan(changes, unchanged, untouched);
    }

    private static Change compare(RenderedUnit d, HostFacts facts, boolean pending) {
        String unit = d.unitName();
        String oldUnit = facts.managed().get(unit);
        String oldEnv = d.isContainer() ? facts.envs().get(d.name()) : null;
        boolean wantEnabled = d.enabled();
        if (oldUnit == null) {
            return new Change(unit, Change.Action.CREATE, List.of(Change.Reason.of(Change.Kind.NEW, "new")), true, d.envText() != null, false, false,
                    true, wantEnabled ? Boolean.TRUE : null, d, null, oldEnv);
        }
        List<Change.Reason> reasons = new ArrayList<>();
        List<String> restartKeys = new ArrayList<>();
        List<String> cosmeticKeys = new ArrayList<>();
        boolean installChanged = false;
        if (!oldUnit.equals(d.unitText())) {
            for (String key : differences(oldUnit, d.unitText())) {
                String name = key.substring(key.indexOf('.') + 1);
                if (key.startsWith("Install.")) {
                    installChanged = true;
                    cosmeticKeys.add(name);
                } else if (key.equals("X-Unitgen." + MountedFiles.KEY)) {
                    restartKeys.addAll(mountedChanges(oldUnit, d.unitText()));
                } else if (COSMETIC.contains(key) || key.startsWith("X-Unitgen.")) {
                    if (!key.equals("X-Unitgen.Digest") && !key.equals("X-Unitgen.Enabled")) {
                        cosmeticKeys.add(name);
                    }
                } else {
                    restartKeys.add(name);
                }
            }
            if (!UnitDigest.verify(oldUnit)) {
                reasons.add(Change.Reason.of(Change.Kind.EDITED, "edited outside unitgen"));
            }
        }
        // the env file's comments name the definition file: a moved definition rewrites them, restarting nothing
        boolean envChanged = !java.util.Objects.equals(oldEnv, d.envText());
        if (!java.util.Objects.equals(variables(oldEnv), variables(d.envText()))) {
            restartKeys.add(d.envText() == null ? "environment removed" : "environment");
        } else if (envChanged) {
            cosmeticKeys.add("env file comments");
        }
        boolean writeUnit = !oldUnit.equals(d.unitText());
        boolean restart = false;
        if (!restartKeys.isEmpty()) {
            if (d.restartOnChange()) {
                restart = true;
                reasons.add(new Change.Reason(Change.Kind.RESTART, restartKeys, "changed: restart; " + String.join(", ", restartKeys)
                        + (d.isContainer() ? "" : "; recreates the " + d.object().kind().word()
                        + " and restarts the containers that use it (they require its unit)")));
            } else {
                reasons.add(new Change.Reason(Change.Kind.NO_RESTART, restartKeys,
                        "changed: no restart, restart_on_change is false; " + String.join(", ", restartKeys)));
            }
        } else if (!cosmeticKeys.isEmpty()) {
            reasons.add(new Change.Reason(Change.Kind.COSMETIC, cosmeticKeys, "changed: no restart, " + String.join(", ", cosmeticKeys) + " only"));
        }
        ImageDrift drift = d.isContainer() ? facts.images().get(d.name()) : null;
        if (drift != null) {
            reasons.add(new Change.Reason(d.restartOnChange() ? Change.Kind.RESTART : Change.Kind.NO_RESTART, List.of("image"),
                    drift.describe() + (d.restartOnChange() ? "" : ": no restart, restart_on_change is false")));
            restart |= d.restartOnChange();
        }
        if (pending && !restart) {
            restart = true;
            reasons.add(Change.Reason.of(Change.Kind.PENDING_RESTART, "restart left over from an interrupted apply"));
        }
        Boolean enable = null;
        boolean enabled = facts.enabled().contains(unit);
        if (wantEnabled && (!enabled || installChanged)) {
            enable = Boolean.TRUE;
            reasons.add(Change.Reason.of(Change.Kind.ENABLE, "enable"));
        } else if (!wantEnabled && facts.linked().contains(unit)) {
            enable = Boolean.FALSE;
            reasons.add(Change.Reason.of(Change.Kind.DISABLE, "disable"));
        }
        boolean start = false;
        if (!restart && facts.live()) {
            UnitState s = facts.states().getOrDefault(unit, UnitState.unknown());
            if (!ACTIVE.contains(s.activeState())) {
                start = true;
                reasons.add(Change.Reason.of(Change.Kind.START, "not active (" + s.describe() + "): start"));
            }
        }
        if (!writeUnit && !envChanged && !restart && !start && enable == null && drift == null) {
            return null;
        }
        if (reasons.isEmpty()) {
            reasons.add(Change.Reason.of(Change.Kind.LAYOUT, "changed: no restart, layout only"));
        }
        return new Change(unit, Change.Action.UPDATE, reasons, writeUnit, envChanged && d.envText() != null,
                envChanged && d.envText() == null, restart, start, enable, d, oldUnit, oldEnv);
    }

    /** "mounted file PATH" for each read-only bind-mounted file whose content digest was added, removed or changed. */
    static List<String> mountedChanges(String oldText, String newText) {
        List<String> a = ParsedUnit.parse(oldText).values("X-Unitgen", MountedFiles.KEY);
        List<String> b = ParsedUnit.parse(newText).values("X-Unitgen", MountedFiles.KEY);
        Set<String> paths = new java.util.TreeSet<>();
        for (String line : a) {
            if (!b.contains(line)) {
                paths.add(MountedFiles.path(line));
            }
        }
        for (String line : b) {
            if (!a.contains(line)) {
                paths.add(MountedFiles.path(line));
            }
        }
        return paths.stream().map(p -> "mounted file " + p).toList();
    }

    /** The lines of an env file the docker client reads (comments dropped); null for no file. */
    static List<String> variables(String envText) {
        return envText == null ? null : envText.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    /** "Section.Key" of every setting whose values differ between two unit texts, in order. */
    static List<String> differences(String oldText, String newText) {
        ParsedUnit a = ParsedUnit.parse(oldText);
        ParsedUnit b = ParsedUnit.parse(newText);
        Set<String> keys = new LinkedHashSet<>();
        for (ParsedUnit u : List.of(b, a)) {
            for (String s : u.sectionNames()) {
                for (Map.Entry<String, String> e : u.entries(s)) {
                    keys.add(s + "." + e.getKey());
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            String section = k.substring(0, k.indexOf('.'));
            String key = k.substring(k.indexOf('.') + 1);
            if (!a.raw(section, key).equals(b.raw(section, key))) {
                out.add(k);
            }
        }
        return out;
    }
}
