package dev.unitgen.apply;

import dev.unitgen.host.AtomicFiles;
import dev.unitgen.host.HostException;
import dev.unitgen.layout.Root;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The work an apply still owes the host (/var/lib/unitgen/pending under the root), written
 * before the first file changes and removed when the jobs are done. An apply that was killed
 * in between leaves it behind; the next apply reloads the manager and restarts those units,
 * so a unit whose file changed is never left running its old version.
 */
public final class Pending {
    public static final String PATH = "/var/lib/unitgen/pending";

    private final Path file;

    public Pending(Root root) {
        this.file = root.resolve(PATH);
    }

    /** Units with a start or restart still owed; "reload" when a reload is owed. */
    public Set<String> read() {
        try {
            return new LinkedHashSet<>(Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        } catch (NoSuchFileException e) {
            return new LinkedHashSet<>();
        } catch (IOException e) {
            throw new HostException("cannot read " + file + ": " + dev.unitgen.util.Text.io(e), null, e);
        }
    }

    /** The units with a start or restart still owed (the entries without "reload"). */
    public Set<String> owedUnits() {
        Set<String> out = new LinkedHashSet<>();
        for (String e : read()) {
            if (!e.equals("reload")) {
                out.add(e.replaceFirst("^(start|restart) ", ""));
            }
        }
        return out;
    }

    public void write(List<String> entries) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, ("# written by unitgen apply; removed when it finishes\n" + String.join("\n", entries) + "\n")
                    .getBytes(StandardCharsets.UTF_8), AtomicFiles.MODE_0600);
        } catch (IOException e) {
            throw new HostException("cannot write " + file + ": " + dev.unitgen.util.Text.io(e), null, e);
        }
    }

    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new HostException("cannot delete " + file + ": " + dev.unitgen.util.Text.io(e), null, e);
        }
    }
}
