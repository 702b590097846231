package dev.unitgen.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unitgen.host.HostException;
import dev.unitgen.layout.Root;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondRunWaitsSaysWhoHoldsTheLockAndGivesUpClearly() throws Exception {
        Root root = new Root(dir);
        StringWriter said = new StringWriter();
        try (ApplyLock first = ApplyLock.acquire(root, Duration.ofSeconds(1), null)) {
            assertThatThrownBy(() -> ApplyLock.acquire(root, Duration.ofMillis(300), new PrintWriter(said)))
                    .isInstanceOf(HostException.class)
                    .hasMessageContaining("another unitgen run (pid " + ProcessHandle.current().pid() + ") holds");
            assertThat(said.toString()).contains("Waiting for another unitgen run to finish");
        }
        // released: the next one gets it at once
        try (ApplyLock again = ApplyLock.acquire(root, Duration.ofMillis(300), null)) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void aWaitingRunGetsTheLockWhenTheHolderFinishes() throws Exception {
        Root root = new Root(dir);
        ApplyLock first = ApplyLock.acquire(root, Duration.ofSeconds(1), null);
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            try (ApplyLock l = ApplyLock.acquire(root, Duration.ofSeconds(60), null)) {
                return true;
            }
        });
        assertThat(second.isDone()).isFalse();
        first.close();
        assertThat(second.get(60, TimeUnit.SECONDS)).isTrue();
    }
}
