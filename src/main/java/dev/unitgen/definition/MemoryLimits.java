package dev.unitgen.definition;

import dev.unitgen.diag.Diagnostics;
import dev.unitgen.util.Text;

/**
 * The memory limits docker's daemon refuses when it creates the container (at every start of
 * the unit): a limit or reservation below 6 MiB, a reservation above the limit.
 */
final class MemoryLimits {
    /** docker's linuxMinMemory: the smallest --memory and --memory-reservation it accepts. */
    static final long DOCKER_MINIMUM = 6L * 1024 * 1024;

    private MemoryLimits() {
    }

    static void check(ContainerDefinition c, Diagnostics d) {
        Size limit = c.get(ContainerKeys.MEM_LIMIT);
        Size reservation = c.get(ContainerKeys.MEM_RESERVATION);
        for (Key<Size> k : java.util.List.of(ContainerKeys.MEM_LIMIT, ContainerKeys.MEM_RESERVATION)) {
            Size s = c.get(k);
            if (s != null && s.bytes() < DOCKER_MINIMUM) {
                d.error(c.locationOf(k), k.name() + " of container " + Text.q(c.name()) + " is " + s.bytes()
                                + " bytes: docker refuses less than 6 MiB",
                        "Write the size with its unit, e.g. " + k.name() + ": 512m (a number without a unit is bytes, as in compose).");
            }
        }
        if (limit != null && reservation != null && reservation.bytes() > limit.bytes()
                && limit.bytes() >= DOCKER_MINIMUM) {
            d.error(c.locationOf(ContainerKeys.MEM_RESERVATION), "mem_reservation of container " + Text.q(c.name())
                            + " (" + reservation.text() + ") is above its mem_limit (" + limit.text() + ")",
                    "docker refuses a memory limit below the reservation; the reservation is the soft limit under mem_limit.");
        }
    }
}
