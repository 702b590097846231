package dev.unitgen.plan;

import dev.unitgen.render.RenderedUnit;
import java.util.List;

/**
 * What apply does to one unit. {@code desired} is null for removals; {@code oldUnit} /
 * {@code oldEnv} are what is on the host (null when absent).
 */
public record Change(String unit, Action action, List<String> reasons, boolean writeUnit, boolean writeEnv,
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

    /** The container this unit runs (the unit name without .service). */
    public String container() {
        return unit.substring(0, unit.length() - ".service".length());
    }

    /** "web.service (changed: restart; ExecStart)" */
    public String describe() {
        return action.symbol() + " " + unit + " (" + String.join("; ", reasons) + ")";
    }
}
