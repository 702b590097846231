package dev.unitgen.plan;

import dev.unitgen.render.RenderedUnit;
import java.util.List;

/**
 * What apply does to one unit. {@code desired} is null for removals; {@code oldUnit} /
 * {@code oldEnv} are what is on the host (null when absent).
 */
public record Change(String unit, Action action, List<Reason> reasons, boolean writeUnit, boolean writeEnv,
                     boolean deleteEnv, boolean restart, boolean start, Boolean enable, RenderedUnit desired,
                     String oldUnit, String oldEnv) {

    public enum Action {
        /** a new unit: write, enable, start */
        CREATE("+"),
        /** files, enablement or running state differ */
        UPDATE("~"),
        /** no longer declared: stop, disable, delete, remove the container */
        REMOVE("-");

        private final String symbol;

        Action(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /**
     * Why a unit is in the plan: its {@code kind}, the unit settings it is about ({@code keys},
     * "environment" for the env file's variables; empty when none) and the words plan prints.
     */
    public record Reason(Kind kind, List<String> keys, String text) {
        public Reason {
            keys = List.copyOf(keys);
        }

        public static Reason of(Kind kind, String text) {
            return new Reason(kind, List.of(), text);
        }

        /** The reason as JSON: kind, keys, text (unitgen(1), plan). */
        public java.util.Map<String, Object> toJson() {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("kind", kind.json());
            m.put("keys", keys);
            m.put("text", text);
            return m;
        }
    }

    /** The kinds of {@link Reason}, named in JSON in lower case. */
    public enum Kind {
        /** a unit not on the host yet */
        NEW,
        /** a managed unit no definition declares any more */
        NOT_DECLARED,
        /** the unit file's digest does not match: someone edited it */
        EDITED,
        /** settings changed that restart the unit */
        RESTART,
        /** settings changed that would restart it, but restart_on_change is false */
        NO_RESTART,
        /** only settings changed that need no restart (descriptions, [Install], comments) */
        COSMETIC,
        /** only the file's layout changed */
        LAYOUT,
        /** a restart an interrupted apply still owes */
        PENDING_RESTART,
        /** the unit is to be enabled */
        ENABLE,
        /** the unit is to be disabled */
        DISABLE,
        /** the unit is not active: start it */
        START;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The reasons as plan prints them. */
    public List<String> reasonTexts() {
        return reasons.stream().map(Reason::text).toList();
    }

    /** The container this unit runs (the unit name without .service). */
    public String container() {
        return unit.substring(0, unit.length() - ".service".length());
    }

    /** "web.service (changed: restart; ExecStart)" */
    public String describe() {
        return action.symbol() + " " + unit + " (" + String.join("; ", reasonTexts()) + ")";
    }
}
