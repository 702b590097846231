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
}
