package dev.unitgen.definition;

import java.util.List;
import java.util.Map;

/**
 * The mapping table of volume keys (under the top-level {@code volumes:}), compose's shape:
 * which keys a volume declaration takes, their types, the {@code docker volume create} option
 * each becomes, and their documentation (checked against unitgen.yaml(5), VOLUME KEYS).
 */
public final class VolumeKeys {
    private VolumeKeys() {
    }

    static final KeyTable TABLE = new KeyTable();

    private static <T> Key<T> row(String name, ValueType<T> type, Emitter<T> emitter, String maps, String doc) {
        return TABLE.add(new Key<>(name, type, emitter, maps, doc, true));
    }

    // ---------------------------------------------------------------- the table, in docker volume create order

    public static final Key<String> NAME = row("name", Network.ENGINE_NAME, Emitter.none(), "the volume\'s name: docker volume create NAME",
            "The engine's name of the volume (default: its key), e.g. an existing deployment's "
                    + "myproj_dbdata; containers still refer to it by its key, and its unit is KEY-volume.service.");

    public static final Key<String> DRIVER = row("driver", Types.LINE, Emitter.value("--driver", s -> s), "--driver",
            "The volume driver (default: local).");
    public static final Key<Map<String, String>> DRIVER_OPTS = row("driver_opts",
            Types.stringMap("=", false, ContainerKeys::oneLineEntry), Emitter.pairs("--opt", (k, v) -> k + "=" + v), "--opt",
            "Options of the driver, NAME: VALUE (for local: type, device, o, as mount(8) takes them).");
    public static final Key<Map<String, String>> LABELS = row("labels",
            Types.stringMap("=", false, ContainerKeys::oneLineEntry), Emitter.pairs("--label", (k, v) -> k + "=" + v), "--label",
            "Labels of the volume.");
    public static final Key<Boolean> EXTERNAL = row("external", Types.BOOL, Emitter.none(), "nothing: unitgen does not create it",
            "The volume is made outside unitgen and must exist (default false); it takes no other key but name.");

    /** Every key in table order. */
    public static List<Key<?>> all() {
        return TABLE.all();
    }
}
