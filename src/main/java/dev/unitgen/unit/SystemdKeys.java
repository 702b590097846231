package dev.unitgen.unit;

import dev.unitgen.escape.SystemdEscape;
import dev.unitgen.escape.UnsafeValueException;
import dev.unitgen.util.Text;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings systemd accepts in [Unit], [Service] and [Install], with their value types,
 * from {@code systemd --dump-configuration-items} (resource systemd-keys.txt), and the
 * settings a definition's {@code unit:} may not override because unitgen owns them.
 */
public final class SystemdKeys {
    public static final Set<String> SECTIONS = Set.of("Unit", "Service", "Install");

    /** Settings unitgen generates and a definition may not override, with what to use instead. */
    public static final Map<String, String> OWNED = Map.ofEntries(
            Map.entry("Service.Type", "unitgen runs docker run in the foreground with Type=exec"),
            Map.entry("Service.ExecStart", "use command, entrypoint and docker_args"),
            Map.entry("Service.ExecStartPre", "unitgen removes a stale container before each start"),
            Map.entry("Service.ExecStartPost", "unitgen's readiness check runs here"),
            Map.entry("Service.ExecStop", "unitgen stops the container with docker stop; use stop_grace_period"),
            Map.entry("Service.ExecStopPost", "unitgen removes the container after each stop"),
            Map.entry("Service.ExecReload", "docker has no reload for a container"),
            Map.entry("Service.ExecCondition", "not supported for containers"),
            Map.entry("Service.KillSignal", "use stop_signal: it sets both docker's and systemd's signal"),
            Map.entry("Service.Restart", "use restart"),
            Map.entry("Service.RemainAfterExit", "the unit tracks the docker client, which runs as long as the container"),
            Map.entry("Service.PIDFile", "the unit tracks the docker client"),
            Map.entry("Service.User", "the docker client runs as root; use user for the container's user"),
            Map.entry("Service.Group", "the docker client runs as root; use user for the container's user"),
            Map.entry("Service.DynamicUser", "the docker client runs as root; use user for the container's user"),
            Map.entry("Service.Environment", "the settings reach the docker client, not the container; use environment"),
            Map.entry("Service.EnvironmentFile", "the settings reach the docker client, not the container; use env_file"),
            Map.entry("Service.PassEnvironment", "the settings reach the docker client, not the container; use environment"),
            Map.entry("Unit.Description", "use description"),
            Map.entry("Unit.SourcePath", "unitgen sets it to the definition file"),
            Map.entry("Service.SyslogIdentifier", "unitgen sets it to the container name"));

    private static final Map<String, Map<String, String>> KEYS = load();

    private SystemdKeys() {
    }

    private static Map<String, Map<String, String>> load() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        try (InputStream in = SystemdKeys.class.getResourceAsStream("/systemd-keys.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource systemd-keys.txt missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String section = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (line.startsWith("[")) {
                    section = line.substring(1, line.length() - 1);
                    out.put(section, new LinkedHashMap<>());
                } else if (section != null) {
                    int eq = line.indexOf('=');
                    out.get(section).put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Every setting of a section, in systemd's order. */
    public static Set<String> keys(String section) {
        return KEYS.getOrDefault(section, Map.of()).keySet();
    }

    /** The value type systemd documents for a setting (BOOLEAN, SECONDS, UNIT [...], ...), or null. */
    public static String type(String section, String key) {
        return KEYS.getOrDefault(section, Map.of()).get(key);
    }

    /** Null when {@code key} may be set in {@code section} by a definition, else the problem. */
    public static String checkKey(String section, String key) {
        if (key.startsWith("X-") && key.matches("X-[A-Za-z0-9-]+")) {
            return null;
        }
        if (OWNED.containsKey(section + "." + key)) {
            return key + "= is generated by unitgen and cannot be overridden";
        }
        if (type(section, key) == null) {
            return "unknown systemd setting " + Text.q(key) + " in [" + section + "]";
        }
        return null;
    }

    public static String hint(String section, String key) {
        String owned = OWNED.get(section + "." + key);
        if (owned != null) {
            return owned.substring(0, 1).toUpperCase() + owned.substring(1) + ".";
        }
        for (String other : SECTIONS) {
            if (!other.equals(section) && type(other, key) != null) {
                return key + " belongs in [" + other + "].";
            }
        }
        return Text.closest(key, keys(section)).map(c -> "Did you mean " + c + "?")
                .orElse("See systemd.directives(7) for the settings of [" + section + "].");
    }

    private static final Pattern SPAN_PART = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Zµ]*)");

    /**
     * A systemd time span (systemd.time(7): "90", "5min 20s", "1.5h", "infinity") as a duration;
     * empty when it is not one. infinity is returned as {@code Duration.ofDays(3650)}.
     */
    public static java.util.Optional<java.time.Duration> timeSpan(String value) {
        String v = value.strip();
        if (v.equals("infinity")) {
            return java.util.Optional.of(java.time.Duration.ofDays(3650));
        }
        if (v.isEmpty() || !SystemdValues.timeSpan(v)) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher m = SPAN_PART.matcher(v);
        double micros = 0;
        while (m.find()) {
            double n = Double.parseDouble(m.group(1));
            double unit = switch (m.group(2)) {
                case "us", "usec", "µs", "μs" -> 1;
                case "ms", "msec" -> 1e3;
                case "", "s", "sec", "second", "seconds" -> 1e6;
                case "m", "min", "minute", "minutes" -> 60e6;
                case "h", "hr", "hour", "hours" -> 3600e6;
                case "d", "day", "days" -> 86400e6;
                case "w", "week", "weeks" -> 7 * 86400e6;
                case "M", "month", "months" -> 2629800e6;
                default -> 31557600e6; // y, year, years
            };
            micros += n * unit;
        }
        return java.util.Optional.of(java.time.Duration.ofNanos((long) (micros * 1000)));
    }

    /** Null when {@code value} is acceptable for the setting, else the problem. */
    public static String checkValue(String section, String key, String value) {
        try {
            SystemdEscape.value(value);
        } catch (UnsafeValueException e) {
            return "invalid value for " + key + ": " + e.getMessage();
        }
        String type = type(section, key);
        if (type == null || value.isBlank()) {
            return null;
        }
        SystemdValues.Syntax syntax = SystemdValues.of(key, type);
        if (syntax != null && !syntax.accepts().test(value.strip())) {
            return "invalid value " + Text.q(value) + " for " + key + " (expected " + syntax.description() + ")";
        }
        return null;
    }
}
