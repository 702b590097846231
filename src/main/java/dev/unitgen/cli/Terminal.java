package dev.unitgen.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The person at the terminal, if there is one: apply and destroy ask them before they act.
 * Without a terminal (scripts, configuration management, the path unit) nobody can answer,
 * and the commands proceed (unitgen(1), CONFIRMATION).
 */
public interface Terminal {
    /** No terminal: nobody to ask. What {@link dev.unitgen.Main#run} uses for callers in-process. */
    Terminal NONE = new Terminal() {
        @Override
        public boolean interactive(boolean questionOnStderr) {
            return false;
        }

        @Override
        public String readLine() {
            return null;
        }
    };

    /**
     * A person can be asked: standard input is a terminal, and so is the stream the question
     * goes to (standard output, or standard error when standard output carries JSON).
     */
    boolean interactive(boolean questionOnStderr);

    /** One line typed at the terminal; null at the end of input. */
    String readLine();

    /**
     * Shows {@code question} and reads the answer: only "yes" approves (as terraform). The
     * question ends on the same line as the answer the user types.
     */
    default boolean confirm(PrintWriter to, String question, String consequence) {
        to.println();
        to.println(question);
        to.println("  " + consequence);
        to.println("  Only 'yes' will be accepted to approve.");
        to.println();
        to.print("  Enter a value: ");
        to.flush();
        String answer = readLine();
        to.println();
        to.flush();
        return answer != null && answer.strip().equals("yes");
    }

    /** The terminal of this process: file descriptors 0, 1 and 2 as Linux names them. */
    static Terminal system() {
        return new Terminal() {
            private BufferedReader in;

            @Override
            public boolean interactive(boolean questionOnStderr) {
                return isTerminal(0) && isTerminal(questionOnStderr ? 2 : 1);
            }

            @Override
            public String readLine() {
                try {
                    if (in == null) {
                        in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    }
                    return in.readLine();
                } catch (IOException e) {
                    return null;
                }
            }
        };
    }

    /** Whether file descriptor {@code fd} of this process is a terminal (a pty, a virtual or serial console). */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
