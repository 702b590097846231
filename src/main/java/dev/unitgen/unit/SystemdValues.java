package dev.unitgen.unit;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The syntax of systemd setting values, by the value type systemd documents for each setting
 * ({@code systemd --dump-configuration-items}, see {@link SystemdKeys}), with the settings the
 * dump calls OTHER or whose type depends on the setting (LIMIT, MODE, WEIGHT) told apart by
 * name. Every rule follows what systemd 252 parses: a value systemd would log as "Failed to
 * parse ..., ignoring" is refused here (SystemdValueTypesTest compares both over a table).
 */
public final class SystemdValues {
    private SystemdValues() {
    }

    /** One value syntax: what it accepts and how to describe it in "expected ...". */
    public record Syntax(String description, Predicate<String> accepts) {
    }

    private static final Set<String> BOOLEANS = Set.of("1", "yes", "y", "true", "t", "on", "0", "no", "n", "false", "f", "off");
    private static final String TIME_UNITS = "usec|us|µs|μs|msec|ms|seconds|second|sec|s|minutes|minute|min|months|month|M"
            + "|m|hours|hour|hr|h|days|day|d|weeks|week|w|years|year|y";
    private static final Pattern TIME_SPAN = Pattern.compile(
            "(\\s*\\d+(\\.\\d+)?\\s*(" + TIME_UNITS + ")?)+\\s*");
    private static final Pattern NSEC_SPAN = Pattern.compile(
            "(\\s*\\d+(\\.\\d+)?\\s*(nsec|ns|" + TIME_UNITS + ")?)+\\s*");
    private static final Pattern SIZE = Pattern.compile("\\d+(\\.\\d+)?\\s*([KMGTPE]|B)?");
    private static final Pattern UNIT_NAME = Pattern.compile(
            "[A-Za-z0-9:_.\\\\@-]+\\.(service|socket|target|device|mount|automount|swap|path|timer|slice|scope)");
    /** The names systemd's signal_from_string() knows (not the aliases SIGIOT and SIGPOLL), case-sensitive. */
    private static final List<String> SIGNALS = List.of("HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
            "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
            "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");
    private static final Pattern RT_SIGNAL = Pattern.compile("(SIG)?RTMIN(\\+\\d+)?|(SIG)?RTMAX(-\\d+)?");

    /** Limit*= whose values are byte sizes (K, M, G, ... suffixes); the others take plain counts. */
    private static final Set<String> BYTE_LIMITS = Set.of("LimitFSIZE", "LimitDATA", "LimitSTACK", "LimitCORE", "LimitRSS",
            "LimitAS", "LimitMEMLOCK", "LimitMSGQUEUE");

    static boolean timeSpan(String v) {
        return v.equals("infinity") || TIME_SPAN.matcher(v).matches() && v.chars().anyMatch(Character::isDigit);
    }

    private static boolean integerIn(String v, long min, long max) {
        if (!v.matches("[+-]?\\d{1,18}")) {
            return false;
        }
        long n = Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        return n >= min && n <= max;
    }

    private static boolean oneOf(String v, String... words) {
        return Arrays.asList(words).contains(v);
    }

    private static boolean size(String v) {
        return SIZE.matcher(v).matches();
    }

    /** A percentage: 0-100 with up to two decimals (systemd's permyriad), e.g. 50% or 12.5%. */
    private static boolean percent(String v, boolean zeroAllowed) {
        if (!v.matches("\\d{1,3}(\\.\\d{1,2})?%")) {
            return false;
        }
        BigDecimal p = new BigDecimal(v.substring(0, v.length() - 1));
        return p.compareTo(BigDecimal.valueOf(100)) <= 0 && (zeroAllowed || p.signum() > 0);
    }

    static boolean signal(String v) {
        String up = v.startsWith("SIG") ? v.substring(3) : v;
        if (v.matches("\\d{1,2}")) {
            int n = Integer.parseInt(v);
            return n >= 1 && n <= 64;
        }
        if (SIGNALS.contains(up)) {
            return true;
        }
        if (RT_SIGNAL.matcher(v).matches()) {
            String[] p = v.split("[+-]");
            int off = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            return off <= 30;
        }
        return false;
    }

    /** An rlimit: VALUE or SOFT:HARD, each a number (a size, a time, a nice value by resource) or infinity. */
    private static boolean rlimit(String key, String v) {
        String[] parts = v.split(":", -1);
        if (parts.length > 2) {
            return false;
        }
        double[] limits = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals("infinity")) {
                limits[i] = Double.POSITIVE_INFINITY;
                continue;
            }
            boolean ok = switch (key) {
                case "LimitCPU", "LimitRTTIME" -> timeSpan(p);
                case "LimitNICE" -> p.matches("[+-]\\d+") ? integerIn(p, -20, 19) : integerIn(p, 0, 40);
                default -> BYTE_LIMITS.contains(key) ? size(p) : p.matches("\\d{1,19}");
            };
            if (!ok) {
                return false;
            }
            limits[i] = switch (key) {
                case "LimitCPU", "LimitRTTIME" -> SystemdKeys.timeSpan(p).orElseThrow().toNanos();
                case "LimitNICE" -> p.matches("[+-]\\d+") ? 20 - Integer.parseInt(p.replace("+", "")) : Integer.parseInt(p);
                default -> BYTE_LIMITS.contains(key) ? bytes(p) : Double.parseDouble(p);
            };
        }
        return limits.length == 1 || limits[0] <= limits[1]; // systemd ignores a soft limit above the hard one
    }

    private static double bytes(String size) {
        String v = size.replace(" ", "");
        int unit = "BKMGTPE".indexOf(v.charAt(v.length() - 1));
        double n = Double.parseDouble(unit < 0 ? v : v.substring(0, v.length() - 1));
        return n * Math.pow(1024, Math.max(0, unit));
    }

    private static final Syntax BOOLEAN = new Syntax("a boolean: yes or no", v -> BOOLEANS.contains(v.toLowerCase(Locale.ROOT)));
    private static final Syntax TIME = new Syntax("a time span such as 90s, 5min 20s or infinity", SystemdValues::timeSpan);
    private static final Syntax NSEC = new Syntax("a time span such as 50us or 10ns",
            v -> v.equals("infinity") || NSEC_SPAN.matcher(v).matches() && v.chars().anyMatch(Character::isDigit));
    private static final Syntax UNSIGNED = new Syntax("a non-negative integer", v -> v.matches("\\d{1,10}")
            && Long.parseLong(v) <= 0xffffffffL);
    private static final Syntax NICE = new Syntax("a nice value from -20 to 19", v -> integerIn(v, -20, 19));
    private static final Syntax OOM_SCORE = new Syntax("an integer from -1000 to 1000", v -> integerIn(v, -1000, 1000));
    private static final Syntax CPU_WEIGHT = new Syntax("a weight from 1 to 10000, or idle",
            v -> v.equals("idle") || integerIn(v, 1, 10000));
    private static final Syntax WEIGHT = new Syntax("a weight from 1 to 10000", v -> integerIn(v, 1, 10000));
    private static final Syntax BLOCK_IO_WEIGHT = new Syntax("a weight from 10 to 1000", v -> integerIn(v, 10, 1000));
    private static final Syntax SHARES = new Syntax("a number of shares from 2 to 262144", v -> integerIn(v, 2, 262144));
    private static final Syntax MEMORY = new Syntax("a size such as 512M or 2G, a percentage of the host's memory such as 50%, or infinity",
            v -> v.equals("infinity") || size(v) || percent(v, true));
    /** MemoryMax=, MemoryHigh=, MemoryLimit=: as {@link #MEMORY}, but 0 would stop every process, systemd refuses it. */
    private static final Syntax MEMORY_LIMIT = new Syntax("a size above 0 such as 512M or 2G, a percentage of the host's memory "
            + "such as 50%, or infinity", v -> MEMORY.accepts().test(v) && !v.matches("0+(\\.0+)?\\s*[KMGTPEB]?|0+(\\.0+)?%"));
    private static final Syntax TASKS = new Syntax("a number of tasks, a percentage such as 10%, or infinity",
            v -> v.equals("infinity") || v.matches("\\d{1,19}") && !v.matches("0+") || percent(v, false));
    private static final Syntax CPU_QUOTA = new Syntax("a percentage of one CPU such as 20% or 150%",
            v -> v.matches("\\d{1,7}(\\.\\d{1,2})?%") && new BigDecimal(v.substring(0, v.length() - 1)).signum() > 0);
    private static final Syntax SIGNAL = new Syntax("a signal such as SIGTERM, TERM or 15", SystemdValues::signal);
    private static final Syntax UNITS = new Syntax("unit names such as db.service",
            v -> List.of(v.strip().split("\\s+")).stream().allMatch(u -> UNIT_NAME.matcher(u).matches()));
    private static final Syntax FILE_MODE = new Syntax("an octal mode such as 0755",
            v -> v.matches("[0-7]{1,12}") && Long.parseLong(v, 8) <= 07777);
    private static final Syntax JOB_MODE = new Syntax("fail, replace, replace-irreversibly, isolate, flush, "
            + "ignore-dependencies or ignore-requirements",
            v -> oneOf(v, "fail", "replace", "replace-irreversibly", "isolate", "flush", "ignore-dependencies", "ignore-requirements"));
    private static final Syntax ACTION = new Syntax("none, reboot, reboot-force, reboot-immediate, poweroff, poweroff-force, "
            + "poweroff-immediate, halt, halt-force, halt-immediate, kexec, kexec-force, exit or exit-force",
            v -> oneOf(v, "none", "reboot", "reboot-force", "reboot-immediate", "poweroff", "poweroff-force",
                    "poweroff-immediate", "halt", "halt-force", "halt-immediate", "kexec", "kexec-force", "exit", "exit-force"));
    private static final Syntax KILL_MODE = new Syntax("control-group, mixed, process or none",
            v -> oneOf(v, "control-group", "mixed", "process", "none"));
    private static final Syntax TIMEOUT_MODE = new Syntax("terminate, abort or kill", v -> oneOf(v, "terminate", "abort", "kill"));
    private static final Syntax EXIT_TYPE = new Syntax("main or cgroup", v -> oneOf(v, "main", "cgroup"));
    private static final Syntax OOM_POLICY = new Syntax("continue, stop or kill", v -> oneOf(v, "continue", "stop", "kill"));
    private static final Syntax DEVICE_POLICY = new Syntax("auto, closed or strict", v -> oneOf(v, "auto", "closed", "strict"));
    private static final Syntax IO_CLASS = new Syntax("realtime, best-effort, idle or none (or 0 to 7)",
            v -> oneOf(v, "realtime", "best-effort", "idle", "none") || integerIn(v, 0, 7));
    private static final Syntax IO_PRIORITY = new Syntax("a priority from 0 to 7", v -> integerIn(v, 0, 7));
    private static final Syntax SCHED_POLICY = new Syntax("other, batch, idle, fifo or rr", v -> oneOf(v, "other", "batch", "idle", "fifo", "rr"));
    private static final Syntax SCHED_PRIORITY = new Syntax("a priority from 0 to 99", v -> integerIn(v, 0, 99));
    private static final Syntax LEVEL = new Syntax("a log level: emerg, alert, crit, err, warning, notice, info, debug (or 0 to 7)",
            v -> oneOf(v, "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug") || integerIn(v, 0, 7));
    private static final Syntax FACILITY = new Syntax("a syslog facility such as daemon or local0",
            v -> oneOf(v, "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv",
                    "ftp", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"));
    private static final Syntax STATUS = new Syntax("exit codes from 0 to 255 and signal names, e.g. 143 SIGTERM",
            v -> List.of(v.strip().split("\\s+")).stream().allMatch(w -> integerIn(w, 0, 255) && !w.startsWith("+")
                    && !w.startsWith("-") || !w.matches("\\d+") && signal(w)));
    private static final Syntax OUTPUT = new Syntax("inherit, null, tty, journal, kmsg, journal+console, kmsg+console, "
            + "file:PATH, append:PATH, truncate:PATH, socket or fd:NAME",
            v -> oneOf(v, "inherit", "null", "tty", "journal", "kmsg", "journal+console", "kmsg+console", "socket", "fd")
                    || v.matches("(file|append|truncate):/.*") || v.matches("fd:.+"));
    private static final Syntax INPUT = new Syntax("null, tty, tty-force, tty-fail, data, file:PATH, socket or fd:NAME",
            v -> oneOf(v, "null", "tty", "tty-force", "tty-fail", "data", "socket", "fd") || v.matches("file:/.*") || v.matches("fd:.+"));
    private static final Syntax PROTECT_SYSTEM = new Syntax("a boolean, full or strict",
            v -> BOOLEAN.accepts().test(v) || oneOf(v, "full", "strict"));
    private static final Syntax PROTECT_HOME = new Syntax("a boolean, read-only or tmpfs",
            v -> BOOLEAN.accepts().test(v) || oneOf(v, "read-only", "tmpfs"));

    /** Settings the dump calls OTHER, or whose type the dump shares between syntaxes, by name. */
    private static final Map<String, Syntax> BY_NAME = Map.ofEntries(
            Map.entry("TimeoutStopSec", TIME), Map.entry("TimeoutAbortSec", TIME), Map.entry("JobTimeoutSec", TIME),
            Map.entry("JobRunningTimeoutSec", TIME), Map.entry("CPUQuotaPeriodSec", TIME),
            Map.entry("TasksMax", TASKS), Map.entry("CPUQuota", CPU_QUOTA), Map.entry("OOMPolicy", OOM_POLICY),
            Map.entry("BlockIOWeight", BLOCK_IO_WEIGHT), Map.entry("StartupBlockIOWeight", BLOCK_IO_WEIGHT),
            Map.entry("OnSuccessJobMode", JOB_MODE), Map.entry("OnFailureJobMode", JOB_MODE),
            Map.entry("ProtectSystem", PROTECT_SYSTEM), Map.entry("ProtectHome", PROTECT_HOME));

    private static final Map<String, Syntax> BY_TYPE = Map.ofEntries(
            Map.entry("BOOLEAN", BOOLEAN), Map.entry("SECONDS", TIME), Map.entry("NANOSECONDS", NSEC),
            Map.entry("UNSIGNED", UNSIGNED), Map.entry("NICE", NICE), Map.entry("OOMSCOREADJUST", OOM_SCORE),
            Map.entry("CPUWEIGHT", CPU_WEIGHT), Map.entry("WEIGHT", WEIGHT), Map.entry("SHARES", SHARES),
            Map.entry("SIGNAL", SIGNAL), Map.entry("UNIT [...]", UNITS), Map.entry("MODE", FILE_MODE),
            Map.entry("ACTION", ACTION), Map.entry("KILLMODE", KILL_MODE), Map.entry("TIMEOUTMODE", TIMEOUT_MODE),
            Map.entry("SERVICEEXITTYPE", EXIT_TYPE), Map.entry("POLICY", DEVICE_POLICY), Map.entry("IOCLASS", IO_CLASS),
            Map.entry("IOPRIORITY", IO_PRIORITY), Map.entry("CPUSCHEDPOLICY", SCHED_POLICY),
            Map.entry("CPUSCHEDPRIO", SCHED_PRIORITY), Map.entry("LEVEL", LEVEL), Map.entry("FACILITY", FACILITY),
            Map.entry("STATUS", STATUS), Map.entry("OUTPUT", OUTPUT), Map.entry("INPUT", INPUT));

    /**
     * The syntax of {@code key}'s values ({@code type}: its type in the dump), or null when
     * unitgen does not check it (free text, paths, conditions, lists of addresses, ...).
     */
    public static Syntax of(String key, String type) {
        Syntax named = BY_NAME.get(key);
        if (named != null) {
            return named;
        }
        if ("LIMIT".equals(type)) {
            if (key.startsWith("Limit")) {
                String kind = key.equals("LimitCPU") ? "seconds" : key.equals("LimitRTTIME") ? "a time span"
                        : key.equals("LimitNICE") ? "a nice value (-20 to 19 with a sign, or 0 to 40)"
                        : BYTE_LIMITS.contains(key) ? "a size such as 64M" : "a number";
                return new Syntax(kind + " or infinity, or SOFT:HARD of those (e.g. 1024:524288)", v -> rlimit(key, v));
            }
            if (key.equals("MemoryMax") || key.equals("MemoryHigh") || key.equals("MemoryLimit")) {
                return MEMORY_LIMIT;
            }
            if (key.startsWith("Memory") || key.startsWith("DefaultMemory")) {
                return MEMORY;
            }
            return null; // IO*Max: DEVICE VALUE
        }
        return BY_TYPE.get(type);
    }

    /**
     * Whether systemd resolves no specifiers in the setting: its memory, tasks and CPU quota
     * values, where {@code %} is a percentage ({@code MemoryMax=50%}). Their values are written
     * with {@code SystemdEscape.literal}: the {@code %%} of every other value would stay
     * {@code %%} there, and systemd would ignore the setting.
     */
    public static boolean noSpecifiers(String key, String type) {
        if (type == null) {
            return false;
        }
        Syntax s = of(key, type);
        return s == MEMORY || s == MEMORY_LIMIT || s == TASKS || s == CPU_QUOTA;
    }

    /** Whether {@code value} (non-empty: empty resets a setting) is valid for the setting. */
    public static boolean accepts(String key, String type, String value) {
        Syntax s = of(key, type);
        return s == null || s.accepts().test(value.strip());
    }
}
