package dev.unitgen.apply;

import dev.unitgen.host.HostException;
import dev.unitgen.layout.Root;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The exclusive lock of apply and destroy (/var/lib/unitgen/lock under the root): a second
 * run waits for it, saying who holds it, and gives up after the timeout. The kernel drops
 * the lock when its holder dies, even by kill -9.
 */
public final class ApplyLock implements AutoCloseable {
    public static final String PATH = "/var/lib/unitgen/lock";

    private final FileChannel channel;
    private final FileLock lock;

    private ApplyLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static ApplyLock acquire(Root root, Duration timeout, PrintWriter progress) {
        Path p = root.resolve(PATH);
        try {
            Files.createDirectories(p.getParent());
            FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean said = false;
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (java.nio.channels.OverlappingFileLockException e) {
                    l = null; // held by this very process (another thread)
                }
                if (l != null) {
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                    ch.force(false);
                    return new ApplyLock(ch, l);
                }
                if (!said && progress != null) {
                    progress.println("Waiting for another unitgen run to finish (lock " + p + " held by pid " + holder(p) + ")...");
                    progress.flush();
                    said = true;
                }
                if (System.nanoTime() > deadline) {
                    ch.close();
                    throw new HostException("another unitgen run (pid " + holder(p) + ") holds " + p + " for more than "
                            + timeout.toSeconds() + "s", "Wait for it to finish, or raise --lock-timeout.", null);
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new HostException("cannot take the lock " + p + ": " + dev.unitgen.util.Text.io(e),
                    "unitgen changes the host: run it as root.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostException("interrupted while waiting for the lock " + p);
        }
    }

    private static String holder(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // released with the process anyway
        }
    }
}
