package dev.unitgen.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Saturates every core with busy loops for the life of a test, so that a timing-sensitive test
 * passes on a busy machine, not by the luck of an idle one. One `sh` busy loop per core, at
 * normal priority; {@link #close} checks they ran the whole time, then kills them.
 */
public final class CpuHog implements AutoCloseable {
    private final List<Process> loops = new ArrayList<>();

    public CpuHog() throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < cores; i++) {
            loops.add(new ProcessBuilder("sh", "-c", "while :; do :; done").redirectErrorStream(true).start());
        }
    }

    /** True while every busy loop is still running. */
    public boolean running() {
        return loops.stream().allMatch(Process::isAlive);
    }

    @Override
    public void close() {
        boolean ran = running();
        loops.forEach(Process::destroyForcibly);
        assertThat(ran).as("the CPU hog ran for the whole test").isTrue();
    }
}
