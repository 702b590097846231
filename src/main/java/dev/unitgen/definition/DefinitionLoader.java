package dev.unitgen.definition;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.diag.Location;
import dev.unitgen.diag.SourceFile;
import dev.unitgen.layout.Root;
import dev.unitgen.util.Text;
import dev.unitgen.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds and reads definition files: each PATH is a file or a directory (its *.yaml and
 * *.yml files, sorted by name, not recursive); no PATH means /etc/unitgen under the root.
 */
public final class DefinitionLoader {
    /** Largest definition file read. */
    public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private final Root root;
    private final Diagnostics diagnostics;
    private int fileCount;
    private boolean wholeState;
    private final List<String> sources = new ArrayList<>();

    public DefinitionLoader(Root root, Diagnostics diagnostics) {
        this.root = root;
        this.diagnostics = diagnostics;
    }

    /** The result of loading: valid containers and images; problems are in the diagnostics. */
    public Definitions load(List<String> paths) throws NoSuchPathException {
        List<Path[]> files = new ArrayList<>(); // {real path, display path}
        wholeState = paths.isEmpty();
        sources.clear();
        if (paths.isEmpty()) {
            Path dir = root.resolve(Root.DEFINITIONS_DIR);
            if (!Files.isDirectory(dir)) {
                throw new NoSuchPathException(dir.toString(), true);
            }
            collect(dir, dir, files);
        } else {
            for (String p : paths) {
                Path path = Path.of(p);
                if (Files.isDirectory(path)) {
                    wholeState = true;
                    collect(path, path, files);
                } else if (Files.exists(path) || Files.isSymbolicLink(path)) {
                    files.add(new Path[] {path, path});
                } else {
                    throw new NoSuchPathException(p, false);
                }
            }
        }
        fileCount = files.size();
        List<ContainerDefinition> all = new ArrayList<>();
        List<ImageDefinition> images = new ArrayList<>();
        List<ObjectDefinition> objects = new ArrayList<>();
        // Files are independent until Definitions.of: each is read with diagnostics of its own, on
        // both cores when there are several, and the results are taken in file order (the same
        // definitions and diagnostics, in the same order, as one file after the other).
        List<FileResult> results = (files.size() >= PARALLEL_FILES ? files.parallelStream() : files.stream())
                .map(this::readFile).toList();
        for (FileResult r : results) {
            sources.add(r.source());
            diagnostics.addAll(r.diagnostics());
            if (r.parsed() != null) {
                all.addAll(r.parsed().containers());
                images.addAll(r.parsed().images());
                objects.addAll(r.parsed().objects());
            }
        }
        HostPaths.check(all, root, diagnostics);
        return Definitions.of(all, images, objects, diagnostics);
    }

    /**
     * The last {@link #load} read a directory (or the default /etc/unitgen): its definitions
     * are the whole desired state. False when only files were named.
     */
    public boolean wholeState() {
        return wholeState;
    }

    /** The files the last {@link #load} read, as the host knows them (SourcePath=). */
    public List<String> sources() {
        return List.copyOf(sources);
    }

    /** How many definition files the last {@link #load} read. */
    public int fileCount() {
        return fileCount;
    }

    private void collect(Path dir, Path display, List<Path[]> out) {
        int before = out.size();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".yaml") || n.endsWith(".yml")) && !n.startsWith(".");
            }).sorted().forEach(p -> out.add(new Path[] {p, display.resolve(p.getFileName())}));
        } catch (IOException e) {
            diagnostics.error(null, "cannot list " + Text.q(dir.toString()) + ": " + describe(e));
            return;
        }
        if (out.size() == before) {
            diagnostics.warning(null, "no definition files in " + Text.q(display.toString()) + ": it declares no container",
                    "unitgen reads the *.yaml and *.yml files of a directory (not of its subdirectories).");
        }
    }

    /** From this many files on, they are read on all cores. */
    private static final int PARALLEL_FILES = 4;

    /** One file read: its diagnostics, and what it declares (null when it could not be read). */
    private record FileResult(String source, Diagnostics diagnostics, DefinitionReader.Parsed parsed) {
    }

    private FileResult readFile(Path[] f) {
        Diagnostics own = new Diagnostics();
        SourceFile source = read(f[0], f[1].toString(), own);
        DefinitionReader.Parsed parsed = source == null ? null
                : new DefinitionReader(own).read(source, Path.of(root.hostPath(f[0])));
        return new FileResult(root.hostPath(f[0]), own, parsed);
    }

    private SourceFile read(Path path, String display, Diagnostics diagnostics) {
        SourceFile empty = new SourceFile(path, display, "");
        try {
            if (!Files.isRegularFile(path)) {
                String why = Files.isSymbolicLink(path) ? "a symbolic link that leads nowhere (or in a loop)" : "not a regular file";
                diagnostics.error(Location.of(empty, 1, 1), "cannot read " + Text.q(display) + ": " + why);
                return null;
            }
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                diagnostics.error(Location.of(empty, 1, 1), "definition file is too large (" + size + " bytes)",
                        "A definition file holds at most " + MAX_FILE_BYTES + " bytes; split it.");
                return null;
            }
            byte[] bytes = Files.readAllBytes(path);
            String text = YamlParser.decode(bytes, path, display, diagnostics);
            return text == null ? null : new SourceFile(path, display, text);
        } catch (IOException e) {
            diagnostics.error(Location.of(empty, 1, 1), "cannot read " + Text.q(display) + ": " + describe(e));
            return null;
        }
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemLoopException) {
            return "symbolic link loop";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** A PATH argument that does not exist: a usage error. */
    public static final class NoSuchPathException extends Exception {
        private static final long serialVersionUID = 1L;

        private final boolean defaultDirectory;

        public NoSuchPathException(String path, boolean defaultDirectory) {
            super(path);
            this.defaultDirectory = defaultDirectory;
        }

        /** The default definitions directory (no PATH was given) is missing. */
        public boolean defaultDirectory() {
            return defaultDirectory;
        }
    }
}
