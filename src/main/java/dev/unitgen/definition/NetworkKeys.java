package dev.unitgen.definition;

import java.util.List;
import java.util.Map;

/**
 * The mapping table of network keys (under the top-level {@code networks:}), compose's shape:
 * which keys a network declaration takes, their types, the {@code docker network create}
 * option each becomes, and their documentation (checked against unitgen.yaml(5), NETWORK KEYS).
 */
public final class NetworkKeys {
    private NetworkKeys() {
    }

    static final KeyTable TABLE = new KeyTable();

    private static <T> Key<T> row(String name, ValueType<T> type, Emitter<T> emitter, String maps, String doc) {
        return TABLE.add(new Key<>(name, type, emitter, maps, doc, true));
    }

    // ---------------------------------------------------------------- the table, in docker network create order

    public static final Key<String> NAME = row("name", Network.ENGINE_NAME, Emitter.none(), "the network\'s name: docker network create NAME",
            "The engine's name of the network (default: its key), e.g. an existing deployment's "
                    + "myproj_backend; containers still refer to it by its key, and its unit is KEY-network.service.");

    public static final Key<String> DRIVER = row("driver", Types.LINE, Emitter.value("--driver", s -> s), "--driver",
            "The network driver (default: the engine's, bridge).");
    public static final Key<Map<String, String>> DRIVER_OPTS = row("driver_opts",
            Types.stringMap("=", false, ContainerKeys::oneLineEntry), Emitter.pairs("--opt", (k, v) -> k + "=" + v), "--opt",
            "Options of the driver, NAME: VALUE (e.g. com.docker.network.bridge.name: br-app).");
    public static final Key<Ipam> IPAM = row("ipam", Ipam.TYPE, Emitter.whenSet((v, c, a) -> v.emit(a)),
            "--ipam-driver, --subnet, --gateway, --ip-range, --aux-address",
            "Address management: driver, and config, a list of pools {subnet, gateway, ip_range, aux_addresses}. "
                    + "A container's fixed ipv4_address must lie in a subnet given here.");
    public static final Key<Boolean> INTERNAL = row("internal", Types.BOOL, Emitter.when("--internal"), "--internal",
            "No route to the outside (default false).");
    public static final Key<Boolean> ENABLE_IPV6 = row("enable_ipv6", Types.BOOL, Emitter.when("--ipv6"), "--ipv6",
            "Give containers IPv6 addresses (default false).");
    public static final Key<Boolean> ATTACHABLE = row("attachable", Types.BOOL, Emitter.when("--attachable"), "--attachable",
            "Let containers not started by a unit join the network (swarm overlay networks; default false).");
    public static final Key<Map<String, String>> LABELS = row("labels",
            Types.stringMap("=", false, ContainerKeys::oneLineEntry), Emitter.pairs("--label", (k, v) -> k + "=" + v), "--label",
            "Labels of the network.");
    public static final Key<Boolean> EXTERNAL = row("external", Types.BOOL, Emitter.none(), "nothing: unitgen does not create it",
            "The network is made outside unitgen and must exist (default false); it takes no other key but name.");

    /** Every key in table order. */
    public static List<Key<?>> all() {
        return TABLE.all();
    }
}
