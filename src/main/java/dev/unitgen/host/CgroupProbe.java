package dev.unitgen.host;

import dev.unitgen.layout.CgroupLayout;
import dev.unitgen.layout.Root;
import java.nio.file.Files;
import java.util.Optional;

/** Reads the host's cgroup layout. */
public final class CgroupProbe {
    private CgroupProbe() {
    }

    /**
     * The layout under {@code root}: a cgroup2 mount at /sys/fs/cgroup has
     * cgroup.controllers at its top (v1 and hybrid layouts have a tmpfs there). Empty when
     * /sys/fs/cgroup does not exist under the root.
     */
    public static Optional<CgroupLayout> detect(Root root) {
        var dir = root.resolve(Root.CGROUP_DIR);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        return Optional.of(Files.exists(dir.resolve("cgroup.controllers")) ? CgroupLayout.V2 : CgroupLayout.V1);
    }

    /**
     * Where an offline apply records the layout it was given with --host-cgroup, so that the
     * next offline plan or apply on the same root renders the same units (a root that is an
     * image or a scratch directory has no /sys/fs/cgroup to read).
     */
    public static final String RECORDED = "/var/lib/unitgen/host-cgroup";

    /** The layout under {@code root}: read from /sys/fs/cgroup, else the one an offline apply recorded; empty when neither. */
    public static Optional<CgroupLayout> detectOrRecorded(Root root) {
        return detect(root).or(() -> recorded(root));
    }

    /** The layout recorded under {@code root} by an offline apply ({@link #RECORDED}); empty when none (or unreadable). */
    public static Optional<CgroupLayout> recorded(Root root) {
        try {
            return Optional.of(CgroupLayout.parse(Files.readString(root.resolve(RECORDED)).strip()));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Records {@code layout} under {@code root} for the next offline run (see {@link #RECORDED}). */
    public static void record(Root root, CgroupLayout layout) {
        var file = root.resolve(RECORDED);
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, (layout == CgroupLayout.V2 ? "v2\n" : "v1\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    AtomicFiles.MODE_0644);
        } catch (java.io.IOException e) {
            throw new HostException("cannot write " + file + ": " + dev.unitgen.util.Text.io(e), null, e);
        }
    }
}
