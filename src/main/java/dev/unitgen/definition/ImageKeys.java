package dev.unitgen.definition;

import dev.unitgen.util.Text;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The mapping table of image keys (under {@code images:}): which keys an image definition
 * takes, their types, what each becomes in the Dockerfile, and their documentation
 * (checked against unitgen.yaml(5), IMAGE KEYS).
 */
public final class ImageKeys {
    private ImageKeys() {
    }

    private static final KeyTable TABLE = new KeyTable();

    private static <T> Key<T> key(String name, ValueType<T> type, String maps, String doc) {
        return key(name, type, maps, doc, null);
    }

    private static <T> Key<T> key(String name, ValueType<T> type, String maps, String doc, Default<T> fallback) {
        Key<T> k = new Key<>(name, type, Emitter.none(), maps, doc, false, fallback); // an image key becomes Dockerfile lines, no docker run argument
        return TABLE.add(k);
    }

    /** Image names: one component of a docker repository path, so that unitgen/NAME is a valid reference. */
    static final Pattern IMAGE_NAME = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    static final int MAX_NAME = 128;

    /** A distribution package, with an optional version or release (nginx, nginx=1.22.1-9, nginx/bookworm-backports). */
    static final Pattern PACKAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+._:~=*/-]*");
    /** A unit name as systemctl takes it. */
    static final Pattern UNIT = Pattern.compile("[A-Za-z0-9:_.@\\\\-]+");
    static final Set<String> UNIT_SUFFIXES = Set.of(".service", ".socket", ".timer", ".target", ".path", ".mount",
            ".automount", ".swap", ".slice", ".scope", ".device");
    /** A target path of a copied file: absolute, without the characters COPY would interpret. */
    static final Pattern TARGET = Pattern.compile("/[^$\\\\\"\\x00-\\x1f\\x7f]*");

    static final ValueType<String> PACKAGE_NAME = Types.simple("package name", (s, n, ctx) -> {
        if (!PACKAGE.matcher(s).matches() || s.length() > 256) {
            ctx.error(n, "invalid package name " + Text.q(s),
                    "A package name starts with a letter or digit and holds letters, digits and + . _ : ~ = * / -.");
            return null;
        }
        return s;
    });

    static final ValueType<String> UNIT_NAME = Types.simple("unit name", (s, n, ctx) -> {
        String unit = UNIT_SUFFIXES.stream().anyMatch(s::endsWith) ? s : s + ".service";
        if (!UNIT.matcher(s).matches() || unit.length() > 255 || s.startsWith("-") || s.startsWith(".")) {
            ctx.error(n, "invalid unit name " + Text.q(s), "Write a unit name such as nginx.service or nginx.");
            return null;
        }
        return unit;
    });

    /**
     * One file copied into the image: the source as the host sees it (relative sources made
     * absolute from the definition file's directory), the source as written, the target in
     * the image, the mode.
     */
    public record FileCopy(String source, String written, String target, String mode, dev.unitgen.diag.Location location) {
        /** Whether the source was written relative to the definition file's directory. */
        public boolean relative() {
            return !written.startsWith("/");
        }
    }

    static final ValueType<FileCopy> FILE = new ValueType<>() {
        @Override
        public FileCopy read(YNode node, ReadContext ctx) {
            YMap m = Readers.mapWithKeys(node, ctx, "a file", Set.of("source", "target", "mode"));
            if (m == null) {
                return null;
            }
            String source = Readers.opt(m, "source", Types.LINE, ctx);
            String target = Readers.opt(m, "target", Types.LINE, ctx);
            String mode = Readers.opt(m, "mode", Types.STRING, ctx);
            if (!m.entry("source").isPresent() || !m.entry("target").isPresent()) {
                ctx.error(node, "a file needs source and target", "Write e.g. {source: ./site.conf, target: /etc/nginx/conf.d/site.conf}.");
                return null;
            }
            if (source == null || target == null || (m.entry("mode").isPresent() && mode == null)) {
                return null;
            }
            boolean ok = true;
            if (source.isEmpty() || source.startsWith("~")) {
                ctx.error(m.get("source").get(), "invalid source " + Text.q(source),
                        "Write a path: absolute, or relative to the definition file's directory (no ~).");
                ok = false;
            }
            if (!TARGET.matcher(target).matches() || target.endsWith("/") || target.equals("/")
                    || List.of(target.split("/")).contains("..")) {
                ctx.error(m.get("target").get(), "invalid target " + Text.q(target),
                        "Write the absolute path of the file in the image, without .., $, \\, \" or a trailing /.");
                ok = false;
            }
            if (mode != null && !mode.matches("[0-7]{3,4}")) {
                ctx.error(m.get("mode").get(), "invalid mode " + Text.q(mode), "Write an octal mode such as \"0644\" or \"0755\".");
                ok = false;
            }
            if (!ok) {
                return null;
            }
            Path p = Path.of(source);
            String host = (p.isAbsolute() ? p : ctx.hostDir().resolve(p)).normalize().toString();
            String m4 = mode == null ? "0644" : mode.length() == 3 ? "0" + mode : mode;
            return new FileCopy(host, source, target, m4, node.location());
        }

        @Override
        public String describe() {
            return "a list of {source, target, mode} mappings";
        }
    };

    // ---------------------------------------------------------------- the table, in Dockerfile order

    public static final Key<String> FROM = key("from", Types.LINE, "FROM",
            "The base image (required), with a tag or digest: a distribution image such as debian:12, ubuntu:24.04, "
                    + "fedora:40, quay.io/centos/centos:stream9.");
    public static final Key<DistroFamily> FAMILY = key("family", Types.enumeration(DistroFamily.class, DistroFamily::yaml),
            "the template, the package manager, the init",
            "debian, ubuntu (apt-get), fedora (dnf), centos or rhel (yum). Default: told by the base image's name.");
    public static final Key<List<String>> PACKAGES = key("packages", Types.strings(false, PACKAGE_NAME),
            "RUN apt-get install / dnf install / yum install",
            "Packages to install, besides systemd itself (and systemd-sysv on debian and ubuntu).");
    public static final Key<List<FileCopy>> FILES = key("files", Readers.listOf("a file", FILE::read),
            "COPY, RUN chmod",
            "Files to copy into the image: source (relative to the definition file's directory), target (absolute), "
                    + "mode (octal, default 0644).");
    public static final Key<List<String>> RUN = key("run", Types.strings(true, Types.STRING), "RUN",
            "Shell commands run in the image after the packages and files, each in a RUN step of its own (/bin/sh -c).");
    public static final Key<List<String>> MASK = key("mask", Types.strings(false, UNIT_NAME), "RUN systemctl mask",
            "Units to mask, besides those unitgen masks in every image (units that cannot work in a container).");
    public static final Key<List<String>> ENABLE = key("enable", Types.strings(false, UNIT_NAME), "RUN systemctl enable",
            "Units to enable (a name without suffix is a .service), after the unit links that make no sense in a "
                    + "container have been removed.");
    public static final Key<Boolean> USER_SESSIONS = key("user_sessions", Types.BOOL,
            "systemd-user-sessions.service in multi-user.target.wants",
            "Allow logins: needed by ssh and other login services.", Default.of(false, "false"));
    public static final Key<BuildNetwork> BUILD_NETWORK = key("build_network", Types.enumeration(BuildNetwork.class),
            "the build's network (not in the Dockerfile)",
            "The network of the RUN steps: default (the engine's bridge), host or none. Not part of the image's tag.",
            Default.of(BuildNetwork.DEFAULT, "default"));

    /** Every key in table order. */
    public static List<Key<?>> all() {
        return TABLE.all();
    }

    public static Key<?> byName(String name) {
        return TABLE.byName(name);
    }

    public static Set<String> names() {
        return TABLE.names();
    }

    /** Dockerfile words people reach for -> the key unitgen uses. */
    static final Map<String, String> ALIASES = Map.of("image", "from", "base", "from", "install", "packages",
            "copy", "files", "commands", "run", "services", "enable", "network", "build_network");

    static String hintFor(String unknown) {
        if (ALIASES.containsKey(unknown)) {
            return "Did you mean " + ALIASES.get(unknown) + "?";
        }
        return Text.closest(unknown, TABLE.names()).map(c -> "Did you mean " + c + "?")
                .orElse("An image takes " + String.join(", ", TABLE.names()) + "; see unitgen.yaml(5), IMAGE KEYS.");
    }

    static boolean isNull(YNode n) {
        return n instanceof YScalar s && s.isNull();
    }
}
