package dev.unitgen.host;

import dev.unitgen.layout.Root;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The journal through journalctl (with --root for a host under --root). */
public final class JournalctlJournal implements Journal {
    private final Root root;

    public JournalctlJournal(Root root) {
        this.root = root;
    }

    @Override
    public List<String> lastLines(String unit, int lines) {
        List<String> cmd = new ArrayList<>(List.of("journalctl", "--no-pager", "-q", "-o", "short-iso", "-n", String.valueOf(lines), "-u", unit));
        if (!root.isHost()) {
            cmd.add("--root=" + root.dir());
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(out, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of("(journalctl is not available: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
