package dev.unitgen.definition;

import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import dev.unitgen.yaml.YSeq;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's variable syntax in a definition: {@code ${VAR}}, {@code ${VAR:-default}}, ...
 * unitgen never substitutes variables (a value reaches the container exactly as written), so
 * each key whose value holds one gets a warning that says so; in {@code image:} it is an
 * error, because docker refuses such a reference.
 */
public final class Variables {
    private static final String WARNING = "unitgen never substitutes variables: ";

    /** ${NAME}, ${NAME:-x}, ${NAME-x}, ${NAME:?x}, ${NAME?x}, ${NAME:+x}, ${NAME+x}; not $${...} (compose's escape). */
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{[A-Za-z_][A-Za-z0-9_]*(?:[:]?[-?+][^}]*)?}");

    private Variables() {
    }

    /**
     * Checks the value of one key of a container (or of defaults); false when it is an error
     * (only for {@code image}).
     */
    static boolean check(Key<?> key, YNode value, ReadContext ctx) {
        YScalar first = first(value);
        if (first == null) {
            return true;
        }
        Matcher m = VARIABLE.matcher(first.value());
        m.find();
        String variable = m.group();
        if (key == ContainerKeys.IMAGE) {
            ctx.error(first, "the image reference contains the variable " + variable,
                    "unitgen never substitutes variables, and docker refuses an image reference with ${...}: "
                            + "write the image with its tag, e.g. image: nginx:1.27.");
            return false;
        }
        ctx.warning(first, WARNING + variable + " is passed literally",
                "Unlike docker compose, unitgen reads no .env file and no environment of its own: the value reaches "
                        + "docker as written. Write the value itself; where a shell in the container is meant to expand "
                        + "the variable, write $NAME without braces.");
        return true;
    }

    /** Whether {@code d} is the warning about a variable passed literally. */
    public static boolean isVariableWarning(dev.unitgen.diag.Diagnostic d) {
        return !d.isError() && d.summary().startsWith(WARNING);
    }

    /** The first scalar (in document order) under {@code node} that holds a variable, or null. */
    private static YScalar first(YNode node) {
        if (node instanceof YScalar s) {
            return !s.isNull() && s.value().contains("${") && VARIABLE.matcher(s.value()).find() ? s : null;
        }
        if (node instanceof YSeq seq) {
            for (YNode i : seq.items()) {
                YScalar f = first(i);
                if (f != null) {
                    return f;
                }
            }
        }
        if (node instanceof YMap map) {
            for (YMap.Entry e : map.entries()) {
                YScalar f = first(e.value());
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }
}
