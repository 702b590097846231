package dev.unitgen.definition;

import static dev.unitgen.definition.Readers.mapWithKeys;
import static dev.unitgen.definition.Readers.opt;

import dev.unitgen.escape.ShellEscape;
import dev.unitgen.util.Text;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import dev.unitgen.yaml.YSeq;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A healthcheck (test, interval, timeout, retries, start_period, start_interval, disable):
 * {@code shell} (CMD-SHELL form) or {@code exec} (CMD form) is the test; {@code disabled} for
 * test NONE or disable: true. Without a test the timing applies to the image's HEALTHCHECK.
 */
public record HealthCheck(boolean disabled, String shell, List<String> exec, Duration interval, Duration timeout,
                          Long retries, Duration startPeriod, Duration startInterval) {

    /** Not disabled: a test of its own, or timing for the image's HEALTHCHECK. */
    public boolean active() {
        return !disabled;
    }

    /** docker run's --health-* flags (the timing of the image's HEALTHCHECK without a test), or --no-healthcheck. */
    void emit(DockerArgs args) {
        if (!active()) {
            args.option("--no-healthcheck");
            return;
        }
        if (shell != null || exec != null) {
            args.option("--health-cmd", shell != null ? shell : ShellEscape.command(exec));
        }
        if (interval != null) {
            args.option("--health-interval", goDuration(interval));
        }
        if (timeout != null) {
            args.option("--health-timeout", goDuration(timeout));
        }
        if (retries != null) {
            args.option("--health-retries", retries.toString());
        }
        if (startPeriod != null) {
            args.option("--health-start-period", goDuration(startPeriod));
        }
        if (startInterval != null) {
            args.option("--health-start-interval", goDuration(startInterval));
        }
    }

    /** A duration as Go (and docker) writes it: 90s, 1500ms, 250us. */
    static String goDuration(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return (nanos / 1_000_000_000L) + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return (nanos / 1_000_000L) + "ms";
        }
        return (nanos / 1_000L) + "us";
    }

    static final ValueType<HealthCheck> TYPE = new ValueType<>() {
        @Override
        public HealthCheck read(YNode node, ReadContext ctx) {
            YMap m = mapWithKeys(node, ctx, "healthcheck", Set.of("test", "interval", "timeout", "retries",
                    "start_period", "start_interval", "disable"));
            if (m == null) {
                return null;
            }
            boolean disabled = Boolean.TRUE.equals(opt(m, "disable", Types.BOOL, ctx));
            String shell = null;
            List<String> exec = null;
            YNode test = m.get("test").orElse(null);
            if (test instanceof YScalar s && !s.isNull()) {
                shell = s.value();
            } else if (test instanceof YSeq) {
                List<String> words = Types.strings(false, Types.STRING).read(test, ctx);
                if (words == null) {
                    return null;
                }
                if (words.isEmpty()) {
                    ctx.error(test, "the healthcheck test is empty");
                    return null;
                }
                switch (words.get(0)) {
                    case "NONE" -> disabled = true;
                    case "CMD" -> exec = words.subList(1, words.size());
                    case "CMD-SHELL" -> {
                        if (words.size() != 2) {
                            ctx.error(test, "CMD-SHELL takes exactly one command string");
                            return null;
                        }
                        shell = words.get(1);
                    }
                    default -> {
                        ctx.error(test, "a healthcheck test list starts with CMD, CMD-SHELL or NONE, not " + Text.q(words.get(0)),
                                "Write [\"CMD\", \"curl\", \"-f\", \"http://localhost\"] or a shell command string.");
                        return null;
                    }
                }
                if (exec != null && exec.isEmpty()) {
                    ctx.error(test, "CMD needs a command");
                    return null;
                }
            } else if (test != null) {
                ctx.error(test, "expected a string or a list for the healthcheck test, got " + test.kind());
                return null;
            }
            // without test, the timing applies to the image's own HEALTHCHECK (docker merges them)
            if (shell != null && Types.hasControl(shell.strip())) {
                ctx.error(test, "the healthcheck command contains a line break or control character");
                return null;
            }
            Duration interval = opt(m, "interval", Types.DURATION, ctx);
            Duration timeout = opt(m, "timeout", Types.DURATION, ctx);
            Long retries = opt(m, "retries", Types.integer(1, 1_000_000), ctx);
            Duration startPeriod = opt(m, "start_period", Types.DURATION, ctx);
            Duration startInterval = opt(m, "start_interval", Types.DURATION, ctx);
            for (String k : List.of("interval", "timeout", "start_interval")) {
                Duration d = k.equals("interval") ? interval : k.equals("timeout") ? timeout : startInterval;
                if (d != null && d.toMillis() < 1) {
                    ctx.error(m.get(k).get(), "the healthcheck " + k + " must be at least 1ms");
                }
            }
            return new HealthCheck(disabled, shell == null ? null : shell.strip(), exec, interval, timeout, retries,
                    startPeriod, startInterval);
        }

        @Override
        public String describe() {
            return "a mapping (test, interval, timeout, retries, start_period, start_interval, disable)";
        }
    };
}
