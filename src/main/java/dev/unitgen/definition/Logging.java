package dev.unitgen.definition;

import static dev.unitgen.definition.Readers.mapWithKeys;
import static dev.unitgen.definition.Readers.opt;

import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** logging: a log driver and its options (--log-driver, --log-opt). */
public record Logging(String driver, Map<String, String> options) {

    void emit(DockerArgs args) {
        if (driver != null) {
            args.option("--log-driver", driver);
        }
        new TreeMap<>(options).forEach((k, v) -> args.option("--log-opt", k + "=" + v));
    }

    static final ValueType<Logging> TYPE = new ValueType<>() {
        @Override
        public Logging read(YNode node, ReadContext ctx) {
            YMap m = mapWithKeys(node, ctx, "logging", Set.of("driver", "options"));
            if (m == null) {
                return null;
            }
            String driver = opt(m, "driver", Types.LINE, ctx);
            Map<String, String> options = opt(m, "options", Types.stringMap("=", false), ctx);
            if (driver != null && driver.equals("journald")) {
                ctx.warning(m.get("driver").get(), "the journald log driver logs every line twice",
                        "The unit's journal already gets the container's output through the attached docker client; "
                                + "keep the default driver and use options for rotation (max-size, max-file).");
            }
            return new Logging(driver, options == null ? Map.of() : options);
        }

        @Override
        public String describe() {
            return "a mapping (driver, options)";
        }
    };
}
