package dev.unitgen.host;

/**
 * A unit's state as the manager reports it (org.freedesktop.systemd1.Unit and .Service).
 *
 * @param loadState      loaded, not-found, error, masked
 * @param activeState    active, activating, deactivating, inactive, failed, reloading
 * @param subState       running, auto-restart, start-post, dead, failed, ...
 * @param result         success, exit-code, signal, timeout, start-limit-hit, ...
 * @param execMainStatus exit status of the main process (the docker client)
 * @param nRestarts      automatic restarts since the last manual start
 * @param since          ActiveEnterTimestamp (microseconds since the epoch), 0 when never active
 */
public record UnitState(String loadState, String activeState, String subState, String result, int execMainStatus,
                        long nRestarts, long since) {

    public static UnitState unknown() {
        return new UnitState("not-found", "inactive", "dead", "", 0, 0, 0);
    }

    public boolean isActiveRunning() {
        return activeState.equals("active") && subState.equals("running");
    }


    public String describe() {
        return activeState + "/" + subState + (result.isEmpty() || result.equals("success") ? "" : " (" + result
                + (execMainStatus != 0 ? ", status " + execMainStatus : "") + ")");
    }
}
