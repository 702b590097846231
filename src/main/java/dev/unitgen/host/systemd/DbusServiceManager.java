package dev.unitgen.host.systemd;

import dev.unitgen.host.HostException;
import dev.unitgen.host.ServiceManager;
import dev.unitgen.host.UnitState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * systemd over D-Bus: one connection, one subscription; jobs are queued in mode "replace" and
 * waited for through JobRemoved signals.
 */
public final class DbusServiceManager implements ServiceManager {
    public static final String DEFAULT_ADDRESS = "unix:path=/run/dbus/system_bus_socket";
    private static final String UNIT_IFACE = "org.freedesktop.systemd1.Unit";
    private static final String SERVICE_IFACE = "org.freedesktop.systemd1.Service";

    private final String address;
    private final DBusConnection connection;
    private final Systemd1Manager manager;
    private final Map<String, String> finishedJobs = new ConcurrentHashMap<>();
    private final Object jobsChanged = new Object();

    private DbusServiceManager(String address, DBusConnection connection, Systemd1Manager manager) {
        this.address = address;
        this.connection = connection;
        this.manager = manager;
    }

    /** Connects and subscribes; a manager that cannot be reached is a {@link HostException}. */
    public static DbusServiceManager connect(String address) {
        java.util.regex.Matcher socket = java.util.regex.Pattern.compile("^unix:path=([^,;]+)").matcher(address);
        if (socket.find() && !java.nio.file.Files.exists(java.nio.file.Path.of(socket.group(1)))) {
            // dbus-java takes about 10 s to give up on a socket that is not there
            throw new HostException("cannot reach the systemd manager over D-Bus at " + address + ": no socket "
                    + socket.group(1), HINT, null);
        }
        DBusConnection c = null;
        try {
            c = DBusConnectionBuilder.forAddress(address).withShared(false).build();
            Systemd1Manager m = c.getRemoteObject(Systemd1Manager.BUS_NAME, Systemd1Manager.OBJECT_PATH, Systemd1Manager.class);
            DbusServiceManager sm = new DbusServiceManager(address, c, m);
            c.addSigHandler(Systemd1Manager.JobRemoved.class, sig -> {
                sm.finishedJobs.put(sig.job().getPath(), sig.result());
                synchronized (sm.jobsChanged) {
                    sm.jobsChanged.notifyAll();
                }
            });
            m.Subscribe();
            return sm;
        } catch (DBusException | RuntimeException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new HostException("cannot reach the systemd manager over D-Bus at " + address + ": " + message(e),
                    HINT, e);
        }
    }

    /** What to do when the manager cannot be reached. */
    static final String HINT = "Check that systemd runs as PID 1 and the system bus is up (systemctl status dbus), or pass "
            + "--bus-address; --offline works on the files under --root (default /) instead: apply writes them, plan "
            + "and status read them.";

    static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.strip();
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public boolean live() {
        return true;
    }

    @Override
    public void reload() {
        try {
            manager.Reload();
        } catch (DBusExecutionException e) {
            throw new HostException("the systemd manager refused Reload: " + message(e), null, e);
        }
    }

    @Override
    public ManagerInfo info() {
        try {
            Properties p = connection.getRemoteObject(Systemd1Manager.BUS_NAME, Systemd1Manager.OBJECT_PATH, Properties.class);
            Map<String, Variant<?>> all = p.GetAll("org.freedesktop.systemd1.Manager");
            return new ManagerInfo(str(all.get("Version")), str(all.get("SystemState")));
        } catch (DBusException | DBusExecutionException e) {
            throw new HostException("cannot read the manager's properties: " + message(e), null, e);
        }
    }

    @Override
    public Map<String, String> runJobs(Map<String, JobType> jobs, Duration timeout) {
        Map<String, String> results = new LinkedHashMap<>();
        Map<String, String> pathToUnit = new LinkedHashMap<>();
        for (Map.Entry<String, JobType> j : jobs.entrySet()) {
            String unit = j.getKey();
            try {
                DBusPath job = switch (j.getValue()) {
                    case START -> manager.StartUnit(unit, "replace");
                    case RESTART -> manager.RestartUnit(unit, "replace");
                    case STOP -> manager.StopUnit(unit, "replace");
                };
                pathToUnit.put(job.getPath(), unit);
            } catch (DBusExecutionException e) {
                results.put(unit, "refused: " + message(e));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (jobsChanged) {
            while (!finishedJobs.keySet().containsAll(pathToUnit.keySet())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(jobsChanged, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (Map.Entry<String, String> e : pathToUnit.entrySet()) {
            String result = finishedJobs.remove(e.getKey());
            results.put(e.getValue(), result == null ? "timeout waiting (" + timeout.toSeconds() + "s)" : result);
        }
        return results;
    }

    @Override
    public void enable(List<String> units) {
        if (units.isEmpty()) {
            return;
        }
        try {
            manager.EnableUnitFiles(units, false, false);
        } catch (DBusExecutionException e) {
            throw new HostException("the systemd manager could not enable " + String.join(", ", units) + ": " + message(e), null, e);
        }
    }

    @Override
    public void disable(List<String> units) {
        if (units.isEmpty()) {
            return;
        }
        try {
            manager.DisableUnitFiles(units, false);
        } catch (DBusExecutionException e) {
            throw new HostException("the systemd manager could not disable " + String.join(", ", units) + ": " + message(e), null, e);
        }
    }

    @Override
    public void resetFailed(String unit) {
        try {
            manager.ResetFailedUnit(unit);
        } catch (DBusExecutionException e) {
            // not loaded or not failed: nothing to reset
        }
    }

    private Properties properties(String unit) throws DBusException {
        DBusPath path = manager.LoadUnit(unit);
        return connection.getRemoteObject(Systemd1Manager.BUS_NAME, path.getPath(), Properties.class);
    }

    @Override
    public UnitState state(String unit) {
        try {
            Properties p = properties(unit);
            Map<String, Variant<?>> u = p.GetAll(UNIT_IFACE);
            String load = str(u.get("LoadState"));
            if (!load.equals("loaded")) {
                return new UnitState(load, str(u.get("ActiveState")), str(u.get("SubState")), "", 0, 0, 0);
            }
            Map<String, Variant<?>> s = p.GetAll(SERVICE_IFACE);
            return new UnitState(load, str(u.get("ActiveState")), str(u.get("SubState")), str(s.get("Result")),
                    num(s.get("ExecMainStatus")).intValue(), num(s.get("NRestarts")).longValue(),
                    num(u.get("ActiveEnterTimestamp")).longValue());
        } catch (DBusException | DBusExecutionException e) {
            throw new HostException("cannot read the state of " + unit + ": " + message(e), null, e);
        }
    }

    @Override
    public Map<String, UnitState> states(List<String> units) {
        Map<String, UnitState> out = new LinkedHashMap<>();
        if (units.isEmpty()) {
            return out;
        }
        List<ListedUnit> listed;
        try {
            listed = manager.ListUnitsByNames(units);
        } catch (DBusExecutionException e) {
            return ServiceManager.super.states(units); // an old manager without ListUnitsByNames
        }
        Map<String, ListedUnit> byName = new LinkedHashMap<>();
        listed.forEach(l -> byName.put(l.getName(), l));
        for (String u : units) {
            ListedUnit l = byName.get(u);
            if (l != null && l.getLoadState().equals("loaded") && l.getActiveState().equals("active")) {
                out.put(u, new UnitState("loaded", "active", l.getSubState(), "success", 0, 0, 1));
            } else if (l != null && l.getLoadState().equals("not-found")) {
                out.put(u, new UnitState("not-found", l.getActiveState(), l.getSubState(), "", 0, 0, 0));
            } else {
                out.put(u, state(u)); // not active: the details tell why
            }
        }
        return out;
    }

    @Override
    public List<List<String>> execArgv(String unit, String setting) {
        try {
            Object v = properties(unit).Get(SERVICE_IFACE, setting);
            List<List<String>> out = new ArrayList<>();
            if (v instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Object[] fields && fields.length > 1 && fields[1] instanceof List<?> argv) {
                        out.add(argv.stream().map(String::valueOf).toList());
                    }
                }
            }
            return out;
        } catch (DBusException | DBusExecutionException e) {
            throw new HostException("cannot read " + setting + " of " + unit + ": " + message(e), null, e);
        }
    }

    private static String str(Variant<?> v) {
        return v == null ? "" : String.valueOf(v.getValue());
    }

    private static Number num(Variant<?> v) {
        return v != null && v.getValue() instanceof Number n ? n : 0;
    }

    @Override
    public void close() {
        try {
            try {
                manager.Unsubscribe();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
            connection.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
