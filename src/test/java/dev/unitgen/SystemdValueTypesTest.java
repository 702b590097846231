package dev.unitgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * unitgen's verdict on {@code unit:} values agrees with systemd's own parser: over a table of
 * good and bad values of every value type unitgen checks, {@code unitgen validate} refuses
 * exactly the values {@code systemd-analyze verify} logs as "..., ignoring" when written as
 * unitgen writes them (systemd only warns and drops such a setting, so unitgen must refuse
 * it), and the units unitgen renders for the good values verify silently.
 */
class SystemdValueTypesTest {
    @TempDir
    Path dir;

    record Row(String section, String key, String value) {
        @Override
        public String toString() {
            return "[" + section + "] " + key + "=" + value;
        }
    }

    static final List<Row> TABLE = new ArrayList<>();

    static void rows(String section, String key, String... values) {
        for (String v : values) {
            TABLE.add(new Row(section, key, v));
        }
    }

    static {
        rows("Service", "Nice", "19", "-20", "+5", "0", "twenty", "-21", "20", "1e1");
        rows("Service", "OOMScoreAdjust", "-1000", "500", "1001", "high");
        rows("Service", "CPUWeight", "100", "idle", "10000", "+100", "0", "10001", "lots");
        rows("Service", "IOWeight", "1", "0", "10001");
        rows("Service", "CPUShares", "2", "1", "262145");
        rows("Service", "LimitNOFILE", "1024", "1024:524288", "infinity", "1024:infinity", "many", "10k", "-1",
                "4096:1024", "1024 : 2048");
        rows("Service", "LimitCORE", "0", "64M", "1G", "1.5K", "infinity", "1M:1G", "1G:1M", "1g", "64MB", "1Q");
        rows("Service", "LimitCPU", "10", "10s", "1min", "30s:1min", "2min:1min", "abc");
        rows("Service", "LimitNICE", "-5", "+5", "40", "41", "-21", "10:30", "-5:+5");
        rows("Service", "LimitNPROC", "100", "1.5");
        rows("Service", "LimitRTTIME", "1s", "soon");
        rows("Service", "MemoryMax", "1G", "512M", "1.5G", "1024", "50%", "50.5%", "infinity", "0", "0%", "1Q", "1g",
                "1GB", "101%", "-1");
        rows("Service", "MemoryHigh", "2G", "0");
        rows("Service", "MemoryLow", "0", "10%");
        rows("Service", "MemoryMin", "5%", "5.5%");
        rows("Service", "MemorySwapMax", "0", "lots");
        rows("Service", "TasksMax", "100", "10%", "1.5%", "infinity", "0", "100.5%", "many");
        rows("Service", "CPUQuota", "20%", "150.5%", "20", "0%", "abc%");
        rows("Service", "TimeoutStopSec", "30", "1min 30s", "5 min", "1.5h", "1h30", "infinity", "5x", "-1", "INFINITY");
        rows("Service", "RuntimeMaxSec", "1h", "2 days", "tomorrow");
        rows("Service", "RestartSec", "100ms", "0", "fast");
        rows("Service", "TimerSlackNSec", "50us", "10ns", "infinity", "slow");
        rows("Service", "KillMode", "mixed", "control-group", "MIXED", "group");
        rows("Service", "TimeoutStopFailureMode", "abort", "explode");
        rows("Service", "OOMPolicy", "stop", "bogus");
        rows("Service", "SyslogLevel", "info", "7", "verbose", "8", "WARNING");
        rows("Service", "SyslogFacility", "local3", "local8", "LOCAL0");
        rows("Service", "IOSchedulingClass", "idle", "best-effort", "fast");
        rows("Service", "IOSchedulingPriority", "0", "7", "8");
        rows("Service", "CPUSchedulingPolicy", "fifo", "deadline");
        rows("Service", "CPUSchedulingPriority", "0", "99", "100");
        rows("Service", "UMask", "0022", "077", "000022", "0999", "77777", "abc");
        rows("Service", "SuccessExitStatus", "143 SIGTERM", "TERM", "256", "SIGFOO");
        rows("Service", "RestartKillSignal", "SIGTERM", "TERM", "9", "32", "SIGRTMIN+3", "RTMIN+30", "SIGRTMAX-2",
                "SIGFOO", "0", "65", "sigterm", "SIGIOT", "SIGRTMIN+31");
        rows("Service", "FinalKillSignal", "KILL");
        rows("Service", "NoNewPrivileges", "yes", "YES", "true", "1", "on", "maybe");
        rows("Service", "PrivateTmp", "off", "sometimes");
        rows("Service", "ProtectSystem", "strict", "full", "yes", "everything");
        rows("Service", "ProtectHome", "read-only", "tmpfs", "no", "hidden");
        rows("Service", "StandardOutput", "journal", "null", "file:/var/log/x.log", "journal+console", "console",
                "file:relative", "somewhere");
        rows("Service", "DevicePolicy", "closed", "open");
        rows("Service", "StartLimitBurst", "5", "0", "-1", "five", "4294967296");
        rows("Unit", "StartLimitIntervalSec", "10s", "ten");
        rows("Unit", "JobTimeoutSec", "5min", "soon");
        rows("Unit", "JobTimeoutAction", "reboot", "none", "explode");
        rows("Unit", "FailureAction", "poweroff-force", "kaboom");
        rows("Unit", "OnFailureJobMode", "replace", "replace-all");
    }

    static String yaml(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** systemd's verdict: the units whose value it logs as ignored, by file name. */
    static Set<String> ignoredBySystemd(Path units, List<String> names) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
        names.forEach(n -> cmd.add("./" + n));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(units.toFile()).redirectErrorStream(true);
        pb.environment().put("SYSTEMD_UNIT_PATH", units + ":");
        pb.environment().put("SYSTEMD_LOG_COLOR", "0");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Set<String> ignored = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^\\S*/(t\\d+\\.service):\\d+: (.*)$").matcher(output);
        while (m.find()) {
            String message = m.group(2);
            // "please use X instead" is a deprecation: the value is still applied
            if (message.contains("ignoring") || message.contains("not absolute")) {
                ignored.add(m.group(1));
            }
        }
        return ignored;
    }

    @Test
    void validateRefusesExactlyWhatSystemdIgnores() throws Exception {
        assertThat(Path.of("/usr/bin/systemd-analyze")).as("systemd-analyze (package systemd)").exists();
        Path units = Files.createDirectories(dir.resolve("plain"));
        StringBuilder defs = new StringBuilder("containers:\n");
        List<Integer> valueLines = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int line = 1;
        for (int i = 0; i < TABLE.size(); i++) {
            Row r = TABLE.get(i);
            // the value as unitgen writes it into a unit (UnitFile: % as %%, or as it is where systemd resolves no specifiers)
            String written = new dev.unitgen.unit.UnitFile("t").section(r.section()).add(r.key(), r.value()).entries().get(0)
                    .value().escaped();
            String unit = "[" + r.section() + "]\n" + r.key() + "=" + written + "\n"
                    + (r.section().equals("Service") ? "" : "[Service]\n") + "ExecStart=/bin/true\n";
            Files.writeString(units.resolve("t" + i + ".service"), unit);
            names.add("t" + i + ".service");
            defs.append("  c").append(i).append(":\n    image: busybox:1.36\n    unit:\n      ").append(r.section())
                    .append(":\n        ").append(r.key()).append(": ").append(yaml(r.value())).append('\n');
            line += 5;
            valueLines.add(line);
        }
        Set<String> ignored = ignoredBySystemd(units, names);

        Path file = dir.resolve("table.yaml");
        Files.writeString(file, defs.toString());
        Cli.Result v = Cli.run("validate", file.toString());
        Set<Integer> refusedLines = new HashSet<>();
        Matcher m = Pattern.compile("Error: (.*)\n\n  on \\S+ line (\\d+), column").matcher(v.err());
        while (m.find()) {
            refusedLines.add(Integer.parseInt(m.group(2)));
        }

        List<String> disagreements = new ArrayList<>();
        List<String> good = new ArrayList<>();
        for (int i = 0; i < TABLE.size(); i++) {
            boolean systemdIgnores = ignored.contains("t" + i + ".service");
            boolean unitgenRefuses = refusedLines.contains(valueLines.get(i));
            if (systemdIgnores != unitgenRefuses) {
                disagreements.add(TABLE.get(i) + ": systemd " + (systemdIgnores ? "ignores it" : "accepts it")
                        + ", unitgen " + (unitgenRefuses ? "refuses it" : "accepts it"));
            }
            if (!systemdIgnores) {
                good.add("c" + i);
            }
        }
        assertThat(disagreements).as("validate output:\n%s", v).isEmpty();
        assertThat(ignored.size()).as("the table has bad values").isGreaterThan(60);
        assertThat(good.size()).as("the table has good values").isGreaterThan(80);
        assertThat(v.err()).as("a refusal names the expected type").contains("(expected a nice value from -20 to 19)")
                .contains("(expected a weight from 1 to 10000, or idle)");

        // the units unitgen renders for the good values pass systemd's verification as well
        StringBuilder goodDefs = new StringBuilder("containers:\n");
        for (int i = 0; i < TABLE.size(); i++) {
            if (good.contains("c" + i)) {
                Row r = TABLE.get(i);
                goodDefs.append("  c").append(i).append(":\n    image: busybox:1.36\n    unit:\n      ").append(r.section())
                        .append(":\n        ").append(r.key()).append(": ").append(yaml(r.value())).append('\n');
            }
        }
        Path goodFile = dir.resolve("good.yaml");
        Files.writeString(goodFile, goodDefs.toString());
        Path rendered = dir.resolve("rendered");
        Cli.Result render = Cli.run("render", "--host-cgroup", "v2", "--out", rendered.toString(), goodFile.toString());
        assertThat(render.code()).as("%s", render).isZero();
        List<String> renderedNames = good.stream().map(n -> n + ".service").toList();
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no")))
                .directory(rendered.toFile()).redirectErrorStream(true);
        renderedNames.forEach(n -> pb.command().add("./" + n));
        pb.environment().put("SYSTEMD_UNIT_PATH", rendered + ":");
        pb.environment().put("SYSTEMD_LOG_COLOR", "0");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertThat(out.lines().filter(l -> l.contains("ignoring")).toList()).as("verify of the rendered units:\n%s", out).isEmpty();
    }

    /** A percentage is a value where systemd resolves no specifiers, and a literal % everywhere else. */
    @Test
    void percentagesAreWrittenAsTheyAreWhereSystemdResolvesNoSpecifiers() throws Exception {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, """
                containers:
                  web:
                    image: nginx:1.27
                    description: "100% sure"
                    unit:
                      Unit: {Documentation: "https://example.com/50%25"}
                      Service: {MemoryMax: 50%, CPUQuota: 20%, TasksMax: 10%}
                """);
        Cli.Result r = Cli.run("render", "--host-cgroup", "v2", f.toString());
        assertThat(r.code()).as("%s", r).isZero();
        assertThat(r.out()).contains("\nMemoryMax=50%\n", "\nCPUQuota=20%\n", "\nTasksMax=10%\n", "\nDescription=100%% sure\n",
                "\nDocumentation=https://example.com/50%%25\n");
    }
}
