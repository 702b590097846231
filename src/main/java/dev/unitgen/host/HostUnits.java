package dev.unitgen.host;

import dev.unitgen.layout.Root;
import dev.unitgen.unit.ParsedUnit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The unit and env files on the host (under the root). A unit file is unitgen's when it
 * carries the [X-Unitgen] section; unitgen never writes over or deletes any other file.
 */
public final class HostUnits {
    public static final String MARKER = "[X-Unitgen]";
    /** Where packages install units; a unit there would be shadowed by one in /etc. */
    static final List<String> VENDOR_DIRS = List.of("/usr/lib/systemd/system", "/lib/systemd/system");

    private final Root root;

    public HostUnits(Root root) {
        this.root = root;
    }

    public Root root() {
        return root;
    }

    public Path unitDir() {
        return root.resolve(Root.UNIT_DIR);
    }

    public Path unitPath(String unit) {
        return unitDir().resolve(unit);
    }

    public Path envPath(String container) {
        return root.resolve(Root.envFile(container));
    }

    public static boolean isManaged(String text) {
        return text.lines().anyMatch(l -> l.strip().equals(MARKER));
    }

    /** Managed unit files on the host: unit name -> text, sorted. */
    public TreeMap<String, String> managed() {
        TreeMap<String, String> out = new TreeMap<>();
        Path dir = unitDir();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.service")) {
            for (Path p : s) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    String text = read(p).orElse("");
                    if (isManaged(text)) {
                        out.put(p.getFileName().toString(), text);
                    }
                }
            }
        } catch (IOException e) {
            throw new HostException("cannot list " + dir + ": " + e.getMessage(), null, e);
        }
        return out;
    }

    /** What is at the unit's path: empty when nothing. */
    public Optional<String> unitText(String unit) {
        Path p = unitPath(unit);
        if (Files.isSymbolicLink(p)) {
            return Optional.of("");
        }
        return read(p);
    }

    /** A file other than a regular unitgen unit file stands where unitgen would write. */
    public boolean isForeign(String unit) {
        Path p = unitPath(unit);
        if (Files.isSymbolicLink(p)) {
            return true;
        }
        Optional<String> t = read(p);
        return t.isPresent() && !isManaged(t.get());
    }

    /** A unit of the same name installed by a package, which a unit in /etc would shadow. */
    public Optional<Path> vendorUnit(String unit) {
        for (String d : VENDOR_DIRS) {
            Path p = root.resolve(d).resolve(unit);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public Optional<String> envText(String container) {
        return read(envPath(container));
    }

    public void writeUnit(String unit, String text) {
        write(unitPath(unit), text, AtomicFiles.MODE_0644);
    }

    public void writeEnv(String container, String text) {
        ensureEnvDir();
        write(envPath(container), text, AtomicFiles.MODE_0600);
    }

    /** The env directory, created root-only (0700) when missing. */
    private void ensureEnvDir() {
        Path dir = root.resolve(Root.ENV_DIR);
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // made meanwhile
        } catch (IOException e) {
            throw new HostException("cannot write to " + dir + ": " + dev.unitgen.util.Text.io(e), null, e);
        }
    }

    /**
     * Fails, before anything is written, when the unit directory (or, with {@code env}, the
     * env directory) cannot take a new file: read-only, no permission.
     */
    public void checkWritable(boolean env) {
        List<Path> dirs = new ArrayList<>(List.of(unitDir()));
        if (env) {
            ensureEnvDir();
            dirs.add(root.resolve(Root.ENV_DIR));
        }
        for (Path dir : dirs) {
            try {
                Files.createDirectories(dir);
                Path probe = Files.createTempFile(dir, ".unitgen-probe-", "");
                Files.delete(probe);
            } catch (IOException e) {
                throw new HostException("cannot write to " + dir + ": " + dev.unitgen.util.Text.io(e), null, e);
            }
        }
    }

    /** Env files (by container) and unit files (by unit) written together: {@link AtomicFiles.Batch}. */
    public void writeAll(java.util.Map<String, String> envs, java.util.Map<String, String> units) {
        if (envs.isEmpty() && units.isEmpty()) {
            return;
        }
        if (!envs.isEmpty()) {
            ensureEnvDir();
        }
        AtomicFiles.Batch batch = new AtomicFiles.Batch();
        envs.forEach((c, text) -> batch.add(envPath(c), text, AtomicFiles.MODE_0600));
        units.forEach((u, text) -> batch.add(unitPath(u), text, AtomicFiles.MODE_0644));
        try {
            Files.createDirectories(unitDir());
            batch.commit();
        } catch (IOException e) {
            throw new HostException("cannot write to " + unitDir() + (envs.isEmpty() ? "" : " and " + root.resolve(Root.ENV_DIR))
                    + ": " + dev.unitgen.util.Text.io(e), null, e);
        }
    }

    public void deleteUnit(String unit) {
        delete(unitPath(unit));
    }

    public void deleteEnv(String container) {
        delete(envPath(container));
    }

    /** The targets that pull the unit in when enabled ([Install] WantedBy=, RequiredBy=). */
    public static List<String> installTargets(String unitText) {
        ParsedUnit u = ParsedUnit.parse(unitText);
        List<String> out = new ArrayList<>();
        for (String key : List.of("WantedBy", "RequiredBy")) {
            for (String v : u.values("Install", key)) {
                if (v.isBlank()) {
                    out.clear();
                    continue;
                }
                for (String t : v.split("\\s+")) {
                    out.add(key.equals("WantedBy") ? t + ".wants" : t + ".requires");
                }
            }
        }
        return out;
    }

    /** Enabled: every install target has its link to the unit. */
    public boolean isEnabled(String unit, String unitText) {
        List<String> targets = installTargets(unitText);
        if (targets.isEmpty()) {
            return false;
        }
        for (String t : targets) {
            if (!Files.isSymbolicLink(unitDir().resolve(t).resolve(unit))) {
                return false;
            }
        }
        return true;
    }

    /** Any enablement link of the unit in the unit directory. */
    public boolean hasLinks(String unit) {
        return !links(unit).isEmpty();
    }

    public List<Path> links(String unit) {
        List<Path> out = new ArrayList<>();
        Path dir = unitDir();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.{wants,requires}")) {
            for (Path d : s) {
                Path link = d.resolve(unit);
                if (Files.isSymbolicLink(link)) {
                    out.add(link);
                }
            }
        } catch (IOException e) {
            throw new HostException("cannot list " + dir + ": " + e.getMessage(), null, e);
        }
        return out;
    }

    /** Offline enable: the links systemctl enable would make (absolute target, as measured). */
    public void link(String unit, String unitText) {
        for (String t : installTargets(unitText)) {
            Path d = unitDir().resolve(t);
            Path link = d.resolve(unit);
            try {
                Files.createDirectories(d);
                if (!Files.isSymbolicLink(link)) {
                    Files.createSymbolicLink(link, Path.of(Root.unitFile(unit)));
                }
            } catch (IOException e) {
                throw new HostException("cannot create " + link + ": " + dev.unitgen.util.Text.io(e), null, e);
            }
        }
    }

    public void unlink(String unit) {
        for (Path l : links(unit)) {
            delete(l);
        }
    }

    private static Optional<String> read(Path p) {
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new HostException("cannot read " + p + ": " + dev.unitgen.util.Text.io(e), null, e);
        }
    }

    private static void write(Path p, String text, java.util.Set<java.nio.file.attribute.PosixFilePermission> mode) {
        try {
            Files.createDirectories(p.getParent());
            AtomicFiles.write(p, text.getBytes(StandardCharsets.UTF_8), mode);
        } catch (IOException e) {
            throw new HostException("cannot write " + p + ": " + dev.unitgen.util.Text.io(e), null, e);
        }
    }

    private static void delete(Path p) {
        try {
            if (Files.deleteIfExists(p)) {
                AtomicFiles.syncDirectory(p.getParent());
            }
        } catch (IOException e) {
            throw new HostException("cannot delete " + p + ": " + dev.unitgen.util.Text.io(e), null, e);
        }
    }
}
