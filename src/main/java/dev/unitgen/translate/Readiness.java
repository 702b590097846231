package dev.unitgen.translate;

import dev.unitgen.definition.Network;
import dev.unitgen.definition.Values;
import dev.unitgen.escape.ShellEscape;
import java.util.List;

/**
 * The shell scripts a unit runs around its container, with the docker CLI only, so a unit
 * keeps working when unitgen is not running or not installed:
 * <ul>
 * <li>{@link #engineWait}: ExecStartPre, waits until the Docker engine answers (a unit
 *     restarted while the engine restarts starts once it is back, instead of failing five
 *     times in a row and hitting its start limit);</li>
 * <li>{@link #script}: ExecStartPost, returns once the container is really up (running, and
 *     healthy when it has a healthcheck; a systemd container's inner manager up) and fails as
 *     soon as the docker client (the unit's main process) is gone; then, with
 *     health_on_failure, leaves a watcher in the unit's cgroup that acts when docker reports
 *     the container unhealthy later (the watcher ends with the unit: systemd kills what is
 *     left of a service's processes when it stops);</li>
 * <li>{@link #engineLost}: the last ExecStopPost, fails when the engine does not answer. A
 *     container stopped by the engine (dockerd stopped or killed: it closes its API before it
 *     stops its containers) exits like one stopped by systemd (143, or 0 after an orderly
 *     shutdown); this check turns that into a failure, so the unit's Restart= policy brings it
 *     back, while systemd's own stop (engine up) still ends inactive.</li>
 * </ul>
 * Measured shape: design/unit-shape.md B and C; the engine facts in testenv/README.md.
 */
final class Readiness {
    private Readiness() {
    }

    /** Docker's view: "running/" without a healthcheck, "running/healthy" once healthy. */
    private static final String STATE_FORMAT = "{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{end}}";

    /** The line the watcher writes to the unit's journal before it acts; status counts them. */
    static final String UNHEALTHY_MARK = "unitgen: container unhealthy";

    static String engineWait(String docker) {
        String d = ShellEscape.word(docker);
        return d + " version >/dev/null 2>&1 && exit 0; echo \"waiting for the Docker engine to answer\" >&2; "
                + "until " + d + " version >/dev/null 2>&1; do sleep 1; done";
    }

    static String engineLost(String docker, String name) {
        String d = ShellEscape.word(docker);
        return "timeout 20 " + d + " version >/dev/null 2>&1 && exit 0; echo \"the Docker engine does not answer: container "
                + checked(name) + " was stopped by the engine, not by systemd; the unit fails so that its restart policy applies\" >&2; exit 1";
    }

    static String script(String docker, String name, boolean systemd, String unit, Values.HealthOnFailure onFailure,
                         List<Network> further, java.util.function.UnaryOperator<String> engineName) {
        String d = ShellEscape.word(docker);
        String n = checked(name);
        StringBuilder sb = new StringBuilder();
        if (!further.isEmpty()) {
            // docker run (Docker 20.10's CLI) connects one network: the others once the container exists, at every start
            sb.append("until ").append(d).append(" inspect -f . ").append(n).append(" >/dev/null 2>&1; do kill -0 $MAINPID 2>/dev/null || ")
                    .append("{ echo \"container ").append(n).append(" did not start\" >&2; exit 1; }; sleep 0.25; done; ");
            for (Network net : further) {
                String engine = engineName.apply(net.name());
                sb.append(ShellEscape.command(net.connectArgv(docker, name, engine))).append(" || { echo ")
                        .append(ShellEscape.word("container " + name + " could not join network " + engine)).append(" >&2; exit 1; }; ");
            }
        }
        if (systemd) {
            // the inner manager's own verdict; "Failed to connect to bus" while it starts
            sb.append("b=; while kill -0 $MAINPID 2>/dev/null; do b=$(").append(d).append(" exec ").append(n)
                    .append(" systemctl is-system-running --wait 2>&1); case \"$b\" in running|degraded) break;; esac; sleep 0.5; done; ")
                    .append("case \"$b\" in running|degraded) ;; *) echo \"container ").append(n)
                    .append(" did not boot: $b\" >&2; exit 1;; esac; ");
        }
        sb.append("s=; while kill -0 $MAINPID 2>/dev/null; do s=$(").append(d).append(" inspect -f \"").append(STATE_FORMAT)
                .append("\" ").append(n).append(" 2>/dev/null); case \"$s\" in running/|running/healthy) break;; ")
                .append("*/unhealthy|exited/*|dead/*) echo \"container ").append(n).append(" did not start: $s\" >&2; exit 1;; esac; ")
                .append("sleep 0.25; done; ")
                .append("case \"$s\" in running/|running/healthy) ;; *) echo \"container ").append(n)
                .append(" did not start: ${s:-its client exited}\" >&2; exit 1;; esac");
        if (onFailure != Values.HealthOnFailure.NONE) {
            String action = onFailure == Values.HealthOnFailure.RESTART
                    ? d + " kill " + n + " >/dev/null"
                    : "systemctl stop --no-block " + ShellEscape.word(unit);
            String says = onFailure == Values.HealthOnFailure.RESTART
                    ? "killing it so that systemd restarts the unit (health_on_failure: restart)"
                    : "stopping the unit (health_on_failure: stop)";
            // only for a container that has a healthcheck (its own or its image's); events from
            // its start on, so a turn to unhealthy before the watcher listens is not missed
            sb.append("; [ \"$s\" = running/healthy ] || exit 0; set -- $(").append(d).append(" inspect -f '{{.Id}} {{.State.StartedAt}}' ")
                    .append(n).append("); [ -n \"$2\" ] || exit 0; ")
                    .append("( ").append(d).append(" events --since \"$2\" --filter \"container=$1\" --filter event=health_status ")
                    .append("--format '{{.Status}}' | while read -r e; do [ \"$e\" = \"health_status: unhealthy\" ] || continue; ")
                    .append("echo \"").append(UNHEALTHY_MARK).append(": ").append(n).append(" is unhealthy; ").append(says).append("\" >&2; ")
                    .append(action).append("; exit 0; done ) </dev/null >/dev/null &");
        }
        return sb.toString();
    }

    /** Container names are validated to be shell-safe (no quoting needed). */
    private static String checked(String name) {
        if (!ShellEscape.word(name).equals(name)) {
            throw new IllegalArgumentException("container names are validated to be shell-safe: " + name);
        }
        return name;
    }
}
