package dev.unitgen.doctor;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The capability bounding set of this process (/proc/self/status CapBnd) against every
 * capability the kernel knows (/proc/sys/kernel/cap_last_cap): `docker run --privileged`
 * asks for all of them and fails when one is missing.
 */
public final class Capabilities {
    /** Names by number (capabilities(7)). */
    static final String[] NAMES = {"CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID",
            "SETUID", "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW",
            "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN",
            "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE",
            "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND",
            "AUDIT_READ", "PERFMON", "BPF", "CHECKPOINT_RESTORE"};

    private Capabilities() {
    }

    /** Capabilities missing from the bounding set (CAP_ names), or empty when unknown. */
    public static Optional<List<String>> missing(Path procStatus, Path capLastCap) {
        try {
            String bnd = Files.readAllLines(procStatus).stream().filter(l -> l.startsWith("CapBnd:"))
                    .map(l -> l.substring(7).strip()).findFirst().orElse(null);
            if (bnd == null) {
                return Optional.empty();
            }
            // readAllLines, not readString: procfs reports size 0 and readString stops short
            int last = Integer.parseInt(Files.readAllLines(capLastCap).get(0).strip());
            BigInteger set = new BigInteger(bnd, 16);
            List<String> out = new ArrayList<>();
            for (int i = 0; i <= last; i++) {
                if (!set.testBit(i)) {
                    out.add("CAP_" + (i < NAMES.length ? NAMES[i] : String.valueOf(i)));
                }
            }
            return Optional.of(out);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
