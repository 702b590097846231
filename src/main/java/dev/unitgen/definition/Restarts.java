package dev.unitgen.definition;

import dev.unitgen.util.Text;

/** restart: no | on-failure[:N] | always | unless-stopped. */
final class Restarts {
    private Restarts() {
    }

    static final ValueType<Values.Restart> TYPE = Types.simple("no, on-failure[:N], always or unless-stopped", (s, n, ctx) -> {
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
        Values.RestartPolicy p = switch (v) {
            case "no", "\"no\"" -> Values.RestartPolicy.NO;
            case "on-failure" -> Values.RestartPolicy.ON_FAILURE;
            case "always" -> Values.RestartPolicy.ALWAYS;
            case "unless-stopped" -> Values.RestartPolicy.UNLESS_STOPPED;
            default -> null;
        };
        if (p == null) {
            String hint = v.equals("false") ? "Write no." : Text.closest(v, java.util.List.of("no", "on-failure", "always", "unless-stopped"))
                    .map(c -> "Did you mean " + c + "?").orElse("Valid values: no, on-failure[:N], always, unless-stopped.");
            ctx.error(n, "invalid restart policy " + Text.q(s), hint);
            return null;
        }
        return new Values.Restart(p, max);
    });
}
