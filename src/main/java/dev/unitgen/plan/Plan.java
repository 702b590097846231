package dev.unitgen.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes apply would make, sorted by unit name; empty means "No changes."
 * {@code untouched}: managed units that no definition read declares but that came from
 * definition files not read this time (see {@link Scope}); apply leaves them alone.
 */
public record Plan(List<Change> changes, List<String> unchanged, List<String> untouched) {

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public long count(Change.Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }

    /** "Plan: 1 to create, 2 to change, 1 to remove." or "No changes." */
    public String summary() {
        if (isEmpty()) {
            return "No changes. The host matches the definitions.";
        }
        return "Plan: " + count(Change.Action.CREATE) + " to create, " + count(Change.Action.UPDATE) + " to change, "
                + count(Change.Action.REMOVE) + " to remove.";
    }

    public Map<String, Object> toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>();
        for (Change c : changes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unit", c.unit());
            m.put("action", c.action().name().toLowerCase(java.util.Locale.ROOT));
            m.put("reasons", c.reasons().stream().map(Change.Reason::toJson).toList());
            m.put("write_unit", c.writeUnit());
            m.put("write_env", c.writeEnv());
            m.put("restart", c.restart());
            m.put("start", c.start());
            m.put("enable", c.enable());
            list.add(m);
        }
        doc.put("changes", list);
        doc.put("unchanged", unchanged);
        doc.put("untouched", untouched);
        Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("create", count(Change.Action.CREATE));
        sum.put("change", count(Change.Action.UPDATE));
        sum.put("remove", count(Change.Action.REMOVE));
        doc.put("summary", sum);
        doc.put("changes_pending", !isEmpty());
        return doc;
    }
}
