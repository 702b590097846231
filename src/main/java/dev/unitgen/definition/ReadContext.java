package dev.unitgen.definition;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.diag.Location;
import dev.unitgen.diag.SourceFile;
import dev.unitgen.util.Text;
import dev.unitgen.yaml.Shapes;
import dev.unitgen.yaml.YNode;
import java.nio.file.Path;

/** What a value reader needs: where to report, and the file it reads (for relative paths). */
public final class ReadContext {
    private final Diagnostics diagnostics;
    private final SourceFile file;
    private final Path hostDir;
    private final String container;
    private final String kind;
    private String key;

    /**
     * @param hostDir the directory of the definition file as the host sees it (relative paths
     *                in definitions resolve against it)
     */
    public ReadContext(Diagnostics diagnostics, SourceFile file, Path hostDir, String container) {
        this(diagnostics, file, hostDir, container, "container");
    }

    /** @param kind what {@code name} names in messages: "container" or "image" */
    public ReadContext(Diagnostics diagnostics, SourceFile file, Path hostDir, String name, String kind) {
        this.diagnostics = diagnostics;
        this.file = file;
        this.hostDir = hostDir;
        this.container = name;
        this.kind = kind;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    public SourceFile file() {
        return file;
    }

    public Path hostDir() {
        return hostDir;
    }

    public String container() {
        return container;
    }

    /** Names the key the next messages are about (null: none). */
    public ReadContext at(String keyName) {
        this.key = keyName;
        return this;
    }

    /** "key mem_limit of container web": where a message is about. */
    public String where() {
        StringBuilder sb = new StringBuilder();
        if (key != null) {
            sb.append(key);
        }
        if (container != null) {
            sb.append(sb.length() > 0 ? " of " + kind + " " : kind + " ").append(Text.q(container));
        }
        return sb.toString();
    }

    /** An error without a hint; "expected X, got a list" and the like get one from {@link Shapes}. */
    public void error(YNode node, String summary) {
        java.util.regex.Matcher m = WRONG_SHAPE.matcher(summary);
        diagnostics.error(node.location(), summary + suffix(), m.matches() ? Shapes.hint(m.group(1), node) : null);
    }

    private static final java.util.regex.Pattern WRONG_SHAPE = java.util.regex.Pattern.compile(
            "expected (.+), got (?:a list|a mapping|a scalar)");

    public void error(YNode node, String summary, String hint) {
        diagnostics.error(node.location(), summary + suffix(), hint);
    }

    public void error(Location at, String summary, String hint) {
        diagnostics.error(at, summary + suffix(), hint);
    }

    public void warning(YNode node, String summary, String hint) {
        diagnostics.warning(node.location(), summary + suffix(), hint);
    }

    private String suffix() {
        String w = where();
        return w.isEmpty() ? "" : " (" + w + ")";
    }
}
