package dev.unitgen.host.systemd;

import java.util.List;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;

/**
 * The part of org.freedesktop.systemd1.Manager (org.freedesktop.systemd1(5)) unitgen uses.
 * No Java library ships systemd's D-Bus bindings; these follow systemd 252's introspection.
 */
@DBusInterfaceName("org.freedesktop.systemd1.Manager")
public interface Systemd1Manager extends DBusInterface {
    String BUS_NAME = "org.freedesktop.systemd1";
    String OBJECT_PATH = "/org/freedesktop/systemd1";

    void Reload();

    DBusPath StartUnit(String name, String mode);

    DBusPath RestartUnit(String name, String mode);

    DBusPath StopUnit(String name, String mode);

    /** The unit's object path, loading the unit if needed (GetUnit fails for garbage-collected units). */
    DBusPath LoadUnit(String name);

    void ResetFailedUnit(String name);

    /** The state of many units in one call (loads them as needed). */
    List<ListedUnit> ListUnitsByNames(List<String> names);

    void Subscribe();

    void Unsubscribe();

    /** Returns (carries_install_info, changes). */
    EnableUnitFilesResult EnableUnitFiles(List<String> files, boolean runtime, boolean force);

    List<UnitFileChange> DisableUnitFiles(List<String> files, boolean runtime);

    /** enabled, disabled, static, masked, ...; fails for an unknown file. */
    String GetUnitFileState(String file);

    /** Sent when a job finished: result is done, canceled, timeout, failed, dependency or skipped. */
    class JobRemoved extends DBusSignal {
        private final long id;
        private final DBusPath job;
        private final String unit;
        private final String result;

        public JobRemoved(String path, UInt32 id, DBusPath job, String unit, String result) throws DBusException {
            super(path, id, job, unit, result);
            this.id = id.longValue();
            this.job = job;
            this.unit = unit;
            this.result = result;
        }

        public long id() {
            return id;
        }

        public DBusPath job() {
            return job;
        }

        public String unit() {
            return unit;
        }

        public String result() {
            return result;
        }
    }

    /** Sent before (true) and after (false) a daemon reload. */
    class Reloading extends DBusSignal {
        private final boolean active;

        public Reloading(String path, boolean active) throws DBusException {
            super(path, active);
            this.active = active;
        }

        public boolean active() {
            return active;
        }
    }
}
