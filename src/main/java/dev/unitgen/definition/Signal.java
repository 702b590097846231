package dev.unitgen.definition;

import dev.unitgen.util.Text;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A signal by canonical name (SIGTERM, SIGRTMIN+3) and number; written SIGTERM, TERM, 15 or SIGRTMIN+3. */
public record Signal(String name, int number) {
    private static final List<String> SIGNALS = Arrays.asList(null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
            "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
            "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS");
    private static final Pattern RT = Pattern.compile("SIGRT(MIN|MAX)([+-]\\d+)?");

    static final ValueType<Signal> TYPE = Types.simple("signal (e.g. SIGTERM)", (s, n, ctx) -> {
        Signal sig = parse(s);
        if (sig == null) {
            List<String> names = SIGNALS.subList(1, SIGNALS.size());
            String hint = Text.closest(s.toUpperCase(Locale.ROOT).startsWith("SIG") ? s.toUpperCase(Locale.ROOT) : "SIG" + s.toUpperCase(Locale.ROOT), names)
                    .map(c -> "Did you mean " + c + "?").orElse("Use a signal name such as SIGTERM, SIGINT or SIGRTMIN+3.");
            ctx.error(n, "unknown signal " + Text.q(s), hint);
        }
        return sig;
    });

    static Signal parse(String s) {
        if (s.matches("\\d{1,2}")) {
            int num = Integer.parseInt(s);
            if (num >= 1 && num < SIGNALS.size()) {
                return new Signal(SIGNALS.get(num), num);
            }
            if (num >= 34 && num <= 64) {
                return new Signal(num - 34 <= 15 ? "SIGRTMIN+" + (num - 34) : "SIGRTMAX-" + (64 - num), num);
            }
            return null;
        }
        String up = s.toUpperCase(Locale.ROOT);
        if (!up.startsWith("SIG")) {
            up = "SIG" + up;
        }
        int i = SIGNALS.indexOf(up);
        if (i > 0) {
            return new Signal(up, i);
        }
        Matcher m = RT.matcher(up);
        if (m.matches()) {
            int off = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            int num = m.group(1).equals("MIN") ? 34 + off : 64 + off;
            if (num >= 34 && num <= 64 && (m.group(1).equals("MIN") ? off >= 0 : off <= 0)) {
                String name = m.group(1).equals("MIN") ? (off == 0 ? "SIGRTMIN" : "SIGRTMIN+" + off)
                        : (off == 0 ? "SIGRTMAX" : "SIGRTMAX" + off);
                return new Signal(name, num);
            }
        }
        return null;
    }
}
