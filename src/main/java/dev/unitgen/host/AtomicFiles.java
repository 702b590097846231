package dev.unitgen.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file atomically: a temporary file in the same directory, created with its final
 * mode (an env file is 0600 from its first byte), written, fsynced, renamed over the target,
 * and the directory fsynced. Readers see the old file or the new one, never a part. The
 * temporary file is removed when anything fails.
 */
public final class AtomicFiles {
    public static final Set<PosixFilePermission> MODE_0644 = PosixFilePermissions.fromString("rw-r--r--");
    public static final Set<PosixFilePermission> MODE_0600 = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(mode);
        Path tmp = null;
        for (int attempt = 0; tmp == null; attempt++) {
            Path candidate = dir.resolve("." + target.getFileName() + ".unitgen-tmp-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
            try {
                tmp = Files.createFile(candidate, attr);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
        boolean done = false;
        try {
            // the umask may have removed bits: set the mode explicitly (never adds beyond `mode`)
            Files.setPosixFilePermissions(tmp, mode);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename atomically in " + dir, e);
            }
            done = true;
            syncDirectory(dir);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Several files written atomically together, durably but with few flushes: every
     * temporary file is written first, then ONE flush of the file system (syncfs through
     * {@code sync -f}; per-file fsync when that is not available), then the renames in the
     * order the files were added, then one fsync per directory. Measured: 2,000 units and env
     * files took 15 s with an fsync per file on this VM's ext4, against 1.7 s on tmpfs.
     */
    public static final class Batch {
        private final java.util.List<Object[]> files = new java.util.ArrayList<>();

        /** Adds a file of text, written as UTF-8 (encoded when it is written: a batch holds no second copy). */
        public Batch add(Path target, String text, Set<PosixFilePermission> mode) {
            files.add(new Object[] {target, text, mode});
            return this;
        }

        public boolean isEmpty() {
            return files.isEmpty();
        }

        @SuppressWarnings("unchecked")
        public void commit() throws IOException {
            java.util.List<Path[]> temps = new java.util.ArrayList<>();
            boolean done = false;
            try {
                for (Object[] f : files) {
                    Path target = (Path) f[0];
                    Path tmp = temp(target, (Set<PosixFilePermission>) f[2]);
                    temps.add(new Path[] {tmp, target});
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                        ByteBuffer buf = ByteBuffer.wrap(((String) f[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        while (buf.hasRemaining()) {
                            ch.write(buf);
                        }
                    }
                }
                if (!temps.isEmpty() && !syncFileSystem(temps.get(0)[0].getParent())) {
                    for (Path[] t : temps) {
                        try (FileChannel ch = FileChannel.open(t[0], StandardOpenOption.WRITE)) {
                            ch.force(true);
                        }
                    }
                }
                java.util.Set<Path> dirs = new java.util.LinkedHashSet<>();
                for (Path[] t : temps) {
                    Files.move(t[0], t[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    dirs.add(t[1].toAbsolutePath().getParent());
                }
                done = true;
                for (Path d : dirs) {
                    syncDirectory(d);
                }
            } finally {
                if (!done) {
                    for (Path[] t : temps) {
                        Files.deleteIfExists(t[0]);
                    }
                }
            }
        }
    }

    /** A new temporary file beside {@code target}, with its final mode from the start. */
    static Path temp(Path target, Set<PosixFilePermission> mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(mode);
        for (int attempt = 0; ; attempt++) {
            Path candidate = dir.resolve("." + target.getFileName() + ".unitgen-tmp-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
            try {
                Path tmp = Files.createFile(candidate, attr);
                try {
                    Files.setPosixFilePermissions(tmp, mode); // the umask may have removed bits
                } catch (IOException e) {
                    Files.deleteIfExists(tmp);
                    throw e;
                }
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    /** syncfs(2) of the file system holding {@code dir}, through coreutils' sync -f; false when that failed. */
    static boolean syncFileSystem(Path dir) {
        try {
            Process p = new ProcessBuilder("sync", "-f", dir.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** fsync of a directory, so a rename or delete in it survives a crash. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, EnumSet.of(StandardOpenOption.READ))) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems refuse fsync on directories; the rename itself is still atomic
        }
    }
}
