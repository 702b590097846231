package dev.unitgen.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal, deterministic ustar writer for build contexts: regular files only, owner root,
 * a fixed modification time, entries in the order added.
 */
final class Tar {
    /** 2026-01-01T00:00:00Z, the project's reproducible-build timestamp. */
    static final long MTIME = 1767225600L;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Adds a regular file; {@code name} is at most 100 bytes of ASCII, {@code mode} octal ("0644"). */
    Tar add(String name, String mode, byte[] content) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length > 100 || !name.equals(new String(n, StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("tar entry name: " + name);
        }
        byte[] h = new byte[512];
        System.arraycopy(n, 0, h, 0, n.length);
        octal(h, 100, 8, Long.parseLong(mode, 8));
        octal(h, 108, 8, 0); // uid
        octal(h, 116, 8, 0); // gid
        octal(h, 124, 12, content.length);
        octal(h, 136, 12, MTIME);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        h[156] = '0';
        put(h, 257, "ustar\0");
        put(h, 263, "00");
        put(h, 265, "root");
        put(h, 297, "root");
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        String chk = String.format("%06o", sum);
        put(h, 148, chk);
        h[154] = 0;
        h[155] = ' ';
        out.writeBytes(h);
        out.writeBytes(content);
        int pad = (512 - content.length % 512) % 512;
        out.writeBytes(new byte[pad]);
        return this;
    }

    byte[] finish() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void octal(byte[] h, int off, int len, long v) {
        String s = String.format("%0" + (len - 1) + "o", v);
        put(h, off, s);
        h[off + len - 1] = 0;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
