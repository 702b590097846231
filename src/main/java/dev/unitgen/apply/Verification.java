package dev.unitgen.apply;

import dev.unitgen.host.ContainerEngine;
import dev.unitgen.host.UnitState;
import java.util.List;

/**
 * Whether a declared unit and its container are really up, and, when not, what to show.
 *
 * @param problems empty when ok
 * @param details  the unit's journal / container log lines, shown on failure
 */
public record Verification(String unit, UnitState state, ContainerEngine.ContainerInfo container, String innerSystemd,
                           List<String> problems, List<String> details) {
    public boolean ok() {
        return problems.isEmpty();
    }
}
