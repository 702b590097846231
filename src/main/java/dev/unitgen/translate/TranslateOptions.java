package dev.unitgen.translate;

import dev.unitgen.layout.CgroupLayout;

/**
 * Host facts translation depends on.
 *
 * @param hostCgroup the layout of the host the units are for; null: unknown
 * @param docker     absolute path of the docker client in units
 */
public record TranslateOptions(CgroupLayout hostCgroup, String docker) {
    public static final String DEFAULT_DOCKER = "/usr/bin/docker";
}
