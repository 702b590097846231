package dev.unitgen;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs unitgen in-process through {@link Main#run} with string writers. */
public final class Cli {
    private Cli() {
    }

    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** {@code args} with {@code --offline --root ROOT --host-cgroup v2}: files under a scratch root, nothing started. */
    public static Result offline(Path root, String... args) {
        String[] all = new String[args.length + 5];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--offline", "--root", root.toString(), "--host-cgroup", "v2"}, 0, all, args.length, 5);
        return run(all);
    }

    /** The project's top directory (set by surefire; the working directory otherwise). */
    public static Path projectDir() {
        return Path.of(System.getProperty("unitgen.project.dir", System.getProperty("user.dir")));
    }
}
