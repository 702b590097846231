package dev.unitgen.definition;

import static dev.unitgen.definition.Readers.mapWithKeys;
import static dev.unitgen.definition.Readers.opt;

import dev.unitgen.diag.Location;
import dev.unitgen.util.Text;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import dev.unitgen.yaml.YSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * depends_on: another declared container, started before this one (Wants=, After=);
 * {@code restart} maps to Requires=, {@code required: false} makes it optional.
 */
public record Dependency(String name, Condition condition, boolean restart, boolean required, Location location) {

    public enum Condition { SERVICE_STARTED, SERVICE_HEALTHY }

    static final ValueType<List<Dependency>> LIST = new ValueType<>() {
        @Override
        public List<Dependency> read(YNode node, ReadContext ctx) {
            List<Dependency> out = new ArrayList<>();
            if (node instanceof YSeq seq) {
                for (YNode item : seq.items()) {
                    String name = Types.STRING.read(item, ctx);
                    if (name != null) {
                        out.add(new Dependency(name, Condition.SERVICE_STARTED, false, true, item.location()));
                    }
                }
                return out;
            }
            if (node instanceof YScalar s && !s.isNull()) {
                return List.of(new Dependency(s.value(), Condition.SERVICE_STARTED, false, true, s.location()));
            }
            if (!(node instanceof YMap m)) {
                ctx.error(node, "expected a list of container names or a mapping, got " + node.kind());
                return null;
            }
            for (YMap.Entry e : m.entries()) {
                Condition condition = Condition.SERVICE_STARTED;
                boolean restart = false;
                boolean required = true;
                if (!(e.value() instanceof YScalar sv && sv.isNull())) {
                    YMap dm = mapWithKeys(e.value(), ctx, "depends_on " + e.name(), Set.of("condition", "restart", "required"));
                    if (dm == null) {
                        continue;
                    }
                    String cond = opt(dm, "condition", Types.STRING, ctx);
                    if (cond != null) {
                        switch (cond) {
                            case "service_started" -> condition = Condition.SERVICE_STARTED;
                            case "service_healthy" -> condition = Condition.SERVICE_HEALTHY;
                            case "service_completed_successfully" -> ctx.error(dm.get("condition").get(),
                                    "condition service_completed_successfully is not supported",
                                    "unitgen runs long-lived services; order a one-shot task with a unit of its own.");
                            default -> ctx.error(dm.get("condition").get(), "invalid condition " + Text.q(cond),
                                    "Valid conditions: service_started, service_healthy.");
                        }
                    }
                    restart = Boolean.TRUE.equals(opt(dm, "restart", Types.BOOL, ctx));
                    required = !Boolean.FALSE.equals(opt(dm, "required", Types.BOOL, ctx));
                }
                out.add(new Dependency(e.name(), condition, restart, required, e.key().location()));
            }
            return out;
        }

        @Override
        public String describe() {
            return "a list of container names, or a mapping name -> {condition, restart, required}";
        }
    };
}
