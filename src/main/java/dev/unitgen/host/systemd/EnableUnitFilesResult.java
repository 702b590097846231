package dev.unitgen.host.systemd;

import java.util.List;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/** The (b, a(sss)) reply of EnableUnitFiles. */
public final class EnableUnitFilesResult extends Tuple {
    @Position(0)
    private final boolean carriesInstallInfo;
    @Position(1)
    private final List<UnitFileChange> changes;

    public EnableUnitFilesResult(boolean carriesInstallInfo, List<UnitFileChange> changes) {
        this.carriesInstallInfo = carriesInstallInfo;
        this.changes = changes;
    }

    public boolean isCarriesInstallInfo() {
        return carriesInstallInfo;
    }

    public List<UnitFileChange> getChanges() {
        return changes;
    }
}
