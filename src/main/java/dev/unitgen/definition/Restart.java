package dev.unitgen.definition;

import dev.unitgen.util.Text;
import java.util.List;

/** restart: no | on-failure[:N] | always | unless-stopped: the policy and, for on-failure:N, the number of attempts. */
public record Restart(Policy policy, Integer maxAttempts) {
    public enum Policy {
        NO("no"), ON_FAILURE("on-failure"), ALWAYS("always"), UNLESS_STOPPED("always");

        private final String systemd;

        Policy(String systemd) {
            this.systemd = systemd;
        }

        /** The value of systemd's Restart=. */
        public String systemd() {
            return systemd;
        }
    }

    static final ValueType<Restart> TYPE = Types.simple("no, on-failure[:N], always or unless-stopped", (s, n, ctx) -> {
        String v = s;
        Integer max = null;
        if (v.startsWith("on-failure:")) {
            String count = v.substring("on-failure:".length());
            if (!count.matches("\\d{1,4}") || Integer.parseInt(count) < 1) {
                ctx.error(n, "invalid restart count " + Text.q(count), "Write on-failure:N with N from 1 to 9999.");
                return null;
            }
            max = Integer.parseInt(count);
            v = "on-failure";
        }
        Policy p = switch (v) {
            case "no", "\"no\"" -> Policy.NO;
            case "on-failure" -> Policy.ON_FAILURE;
            case "always" -> Policy.ALWAYS;
            case "unless-stopped" -> Policy.UNLESS_STOPPED;
            default -> null;
        };
        if (p == null) {
            String hint = v.equals("false") ? "Write no." : Text.closest(v, List.of("no", "on-failure", "always", "unless-stopped"))
                    .map(c -> "Did you mean " + c + "?").orElse("Valid values: no, on-failure[:N], always, unless-stopped.");
            ctx.error(n, "invalid restart policy " + Text.q(s), hint);
            return null;
        }
        return new Restart(p, max);
    });

    /** systemd's StartLimitBurst=: on-failure:N allows N restarts, so N + 1 starts within the interval. */
    public int startLimitBurst() {
        return maxAttempts == null ? 5 : maxAttempts + 1;
    }
}
