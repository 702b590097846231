package dev.unitgen.host.systemd;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** One change of EnableUnitFiles/DisableUnitFiles: (type, file, destination), e.g. ("symlink", link, target). */
public final class UnitFileChange extends Struct {
    @Position(0)
    private final String type;
    @Position(1)
    private final String file;
    @Position(2)
    private final String destination;

    public UnitFileChange(String type, String file, String destination) {
        this.type = type;
        this.file = file;
        this.destination = destination;
    }

    public String getType() {
        return type;
    }

    public String getFile() {
        return file;
    }

    public String getDestination() {
        return destination;
    }

    public String describe() {
        return type + " " + file + (destination.isEmpty() ? "" : " -> " + destination);
    }
}
