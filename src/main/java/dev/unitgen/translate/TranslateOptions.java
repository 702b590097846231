package dev.unitgen.translate;

import dev.unitgen.host.CgroupLayout;
import dev.unitgen.host.Root;

/**
 * Host facts translation depends on.
 *
 * @param hostCgroup the layout of the host the units are for; null: unknown
 * @param docker     absolute path of the docker client in units
 */
public record TranslateOptions(Root root, CgroupLayout hostCgroup, String docker) {
    public static final String DEFAULT_DOCKER = "/usr/bin/docker";
}
