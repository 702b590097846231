package dev.unitgen.translate;

import dev.unitgen.escape.ShellEscape;

/**
 * The shell script of a unit's ExecStartPost: it returns once the container is really up,
 * and fails as soon as the docker client (the unit's main process) is gone. Measured shape:
 * design/unit-shape.md B and C. Runs with the docker CLI only, so a unit keeps working when
 * unitgen is uninstalled.
 */
final class Readiness {
    private Readiness() {
    }

    /** Docker's view: "running/" without a healthcheck, "running/healthy" once healthy. */
    private static final String STATE_FORMAT = "{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{end}}";

    static String script(String docker, String name, boolean systemd) {
        String d = ShellEscape.word(docker);
        String n = ShellEscape.word(name);
        if (!n.equals(name)) {
            throw new IllegalArgumentException("container names are validated to be shell-safe: " + name);
        }
        StringBuilder sb = new StringBuilder();
        if (systemd) {
            // the inner manager's own verdict; "Failed to connect to bus" while it starts
            sb.append("b=; while kill -0 $MAINPID 2>/dev/null; do b=$(").append(d).append(" exec ").append(n)
                    .append(" systemctl is-system-running --wait 2>&1); case \"$b\" in running|degraded) break;; esac; sleep 0.5; done; ")
                    .append("case \"$b\" in running|degraded) ;; *) echo \"container ").append(name)
                    .append(" did not boot: $b\" >&2; exit 1;; esac; ");
        }
        sb.append("while kill -0 $MAINPID 2>/dev/null; do s=$(").append(d).append(" inspect -f \"").append(STATE_FORMAT)
                .append("\" ").append(n).append(" 2>/dev/null); case \"$s\" in running/|running/healthy) exit 0;; ")
                .append("*/unhealthy|exited/*|dead/*) break;; esac; sleep 0.25; done; ")
                .append("echo \"container ").append(name).append(" did not start: $s\" >&2; exit 1");
        return sb.toString();
    }
}
