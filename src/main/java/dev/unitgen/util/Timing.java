package dev.unitgen.util;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the time of one run goes (for bench/): with UNITGEN_TIMING=1 in the environment,
 * each phase's wall time is added up and printed on standard error at the end, with the
 * JVM's own start-up (process start to main). Off (the default) it costs one branch per call.
 */
public final class Timing {
    private static final boolean ON = "1".equals(System.getenv("UNITGEN_TIMING"));
    private static final Map<String, Long> TOTALS = new LinkedHashMap<>();

    private Timing() {
    }

    /** Starts a phase; close the returned handle to add its time. */
    public static Phase phase(String name) {
        return ON ? new Phase(name, System.nanoTime()) : Phase.NONE;
    }

    public static final class Phase implements AutoCloseable {
        static final Phase NONE = new Phase(null, 0);
        private final String name;
        private final long start;

        Phase(String name, long start) {
            this.name = name;
            this.start = start;
        }

        @Override
        public void close() {
            if (name != null) {
                synchronized (TOTALS) {
                    TOTALS.merge(name, System.nanoTime() - start, Long::sum);
                }
            }
        }
    }

    /** Prints "timing PHASE MS" lines, JVM start-up first (from the process start to main). */
    public static void report(PrintWriter err, long mainStartedMillis) {
        if (!ON) {
            return;
        }
        long processStart = ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli)
                .orElse(ManagementFactory.getRuntimeMXBean().getStartTime());
        err.printf("timing %-12s %6d ms%n", "jvm-start", Math.max(0, mainStartedMillis - processStart));
        synchronized (TOTALS) {
            TOTALS.forEach((k, v) -> err.printf("timing %-12s %6d ms%n", k, v / 1_000_000));
        }
        err.printf("timing %-12s %6d ms%n", "total", System.currentTimeMillis() - processStart);
        err.flush();
    }
}
