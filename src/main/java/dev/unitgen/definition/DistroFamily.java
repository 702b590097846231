package dev.unitgen.definition;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The distribution family of an image's base: which template writes its Dockerfile, which
 * package manager installs packages, and where systemd lives.
 */
public enum DistroFamily {
    DEBIAN("debian", "dockerfile-debian.ftl", "apt-get", "/lib/systemd/systemd", "/lib/systemd/system"),
    UBUNTU("ubuntu", "dockerfile-debian.ftl", "apt-get", "/lib/systemd/systemd", "/lib/systemd/system"),
    FEDORA("fedora", "dockerfile-fedora.ftl", "dnf", "/usr/sbin/init", "/usr/lib/systemd/system"),
    CENTOS("centos", "dockerfile-fedora.ftl", "yum", "/usr/sbin/init", "/usr/lib/systemd/system"),
    RHEL("rhel", "dockerfile-fedora.ftl", "yum", "/usr/sbin/init", "/usr/lib/systemd/system");

    private final String yaml;
    private final String template;
    private final String packageManager;
    private final String init;
    private final String unitDir;

    DistroFamily(String yaml, String template, String packageManager, String init, String unitDir) {
        this.yaml = yaml;
        this.template = template;
        this.packageManager = packageManager;
        this.init = init;
        this.unitDir = unitDir;
    }

    /** The name in definitions: debian, ubuntu, fedora, centos, rhel. */
    public String yaml() {
        return yaml;
    }

    /** The FreeMarker template (in templates/) of the family's Dockerfile. */
    public String template() {
        return template;
    }

    /** apt-get, dnf or yum. */
    public String packageManager() {
        return packageManager;
    }

    /** The init the image runs (its CMD). */
    public String init() {
        return init;
    }

    /** Where the distribution installs its units. */
    public String unitDir() {
        return unitDir;
    }

    /**
     * The family a base image name tells, from the words of its repository path (without
     * registry, tag and digest): debian, ubuntu, fedora, centos, and rhel for rhel*, ubi*,
     * rockylinux, almalinux. Empty when no word, or words of two families, are found.
     */
    public static Optional<DistroFamily> detect(String image) {
        String path = image;
        int at = path.indexOf('@');
        if (at >= 0) {
            path = path.substring(0, at);
        }
        int slash = path.lastIndexOf('/');
        int colon = path.lastIndexOf(':');
        if (colon > slash) {
            path = path.substring(0, colon);
        }
        int first = path.indexOf('/');
        if (first > 0) {
            String head = path.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
                path = path.substring(first + 1); // a registry
            }
        }
        Set<DistroFamily> found = EnumSet.noneOf(DistroFamily.class);
        for (String word : path.toLowerCase(Locale.ROOT).split("[/._-]+")) {
            switch (word) {
                case "debian" -> found.add(DEBIAN);
                case "ubuntu" -> found.add(UBUNTU);
                case "fedora" -> found.add(FEDORA);
                case "centos" -> found.add(CENTOS);
                case "rockylinux", "almalinux", "rhel" -> found.add(RHEL);
                default -> {
                    if (word.matches("(rhel|ubi)\\d+")) {
                        found.add(RHEL);
                    }
                }
            }
        }
        return found.size() == 1 ? Optional.of(found.iterator().next()) : Optional.empty();
    }
}
