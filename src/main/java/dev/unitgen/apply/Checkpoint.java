package dev.unitgen.apply;

/**
 * Failpoints for unitgen's own crash tests: with UNITGEN_TEST_PAUSE_AT=NAME in the
 * environment, apply prints "unitgen-checkpoint NAME" on standard error when it reaches
 * NAME and waits there, so a test can kill -9 it at that exact point. Unset (always, outside
 * those tests) it does nothing.
 */
final class Checkpoint {
    private static final String PAUSE_AT = System.getenv("UNITGEN_TEST_PAUSE_AT");

    private Checkpoint() {
    }

    static void reach(String name) {
        if (PAUSE_AT == null || !PAUSE_AT.equals(name)) {
            return;
        }
        System.err.println("unitgen-checkpoint " + name);
        System.err.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
