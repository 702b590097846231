package dev.unitgen.definition;

import static dev.unitgen.definition.Readers.NAME;
import static dev.unitgen.definition.Readers.mapWithKeys;
import static dev.unitgen.definition.Readers.opt;

import dev.unitgen.diag.Location;
import dev.unitgen.util.Text;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import dev.unitgen.yaml.YSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A user-defined network this container joins, with its aliases and fixed addresses. */
public record Network(String name, List<String> aliases, String ipv4, String ipv6, Location location) {

    /** docker run joins one network: its engine name, aliases and addresses. */
    void emit(DockerArgs args, String engineName) {
        args.option("--network", engineName);
        aliases.forEach(a -> args.option("--network-alias", a));
        if (ipv4 != null) {
            args.option("--ip", ipv4);
        }
        if (ipv6 != null) {
            args.option("--ip6", ipv6);
        }
    }

    /**
     * {@code DOCKER network connect [--alias A]... [--ip IP] [--ip6 IP] NETWORK CONTAINER}: how a
     * container joins a network after the first (docker run connects one network at creation);
     * NETWORK is the engine's name of it.
     */
    public List<String> connectArgv(String docker, String container, String engineName) {
        List<String> argv = new ArrayList<>(List.of(docker, "network", "connect"));
        aliases.forEach(a -> argv.addAll(List.of("--alias", a)));
        if (ipv4 != null) {
            argv.addAll(List.of("--ip", ipv4));
        }
        if (ipv6 != null) {
            argv.addAll(List.of("--ip6", ipv6));
        }
        argv.addAll(List.of(engineName, container));
        return argv;
    }

    static final ValueType<List<Network>> LIST = new ValueType<>() {
        @Override
        public List<Network> read(YNode node, ReadContext ctx) {
            List<Network> out = new ArrayList<>();
            if (node instanceof YSeq seq) {
                for (YNode item : seq.items()) {
                    String name = Types.STRING.read(item, ctx);
                    if (name != null && checkNetworkName(item, name, ctx)) {
                        out.add(new Network(name, List.of(), null, null, item.location()));
                    }
                }
                return out;
            }
            if (!(node instanceof YMap m)) {
                ctx.error(node, "expected a list of network names or a mapping, got " + node.kind());
                return null;
            }
            for (YMap.Entry e : m.entries()) {
                if (!checkNetworkName(e.key(), e.name(), ctx)) {
                    continue;
                }
                List<String> aliases = List.of();
                String v4 = null;
                String v6 = null;
                if (!(e.value() instanceof YScalar sv && sv.isNull())) {
                    YMap nm = mapWithKeys(e.value(), ctx, "network " + e.name(), Set.of("aliases", "ipv4_address", "ipv6_address"));
                    if (nm == null) {
                        continue;
                    }
                    List<String> a = opt(nm, "aliases", Types.strings(false, Types.STRING), ctx);
                    if (a != null) {
                        for (String alias : a) {
                            if (!NAME.matcher(alias).matches() && !alias.matches("[a-zA-Z0-9]")) {
                                ctx.error(nm.get("aliases").get(), "invalid network alias " + Text.q(alias));
                            }
                        }
                        aliases = a;
                    }
                    v4 = opt(nm, "ipv4_address", Types.STRING, ctx);
                    if (v4 != null && !Readers.IPV4.matcher(v4).matches()) {
                        ctx.error(nm.get("ipv4_address").get(), "invalid IPv4 address " + Text.q(v4));
                    }
                    v6 = opt(nm, "ipv6_address", Types.STRING, ctx);
                    if (v6 != null && !Readers.isIpv6(v6)) {
                        ctx.error(nm.get("ipv6_address").get(), "invalid IPv6 address " + Text.q(v6));
                    }
                }
                out.add(new Network(e.name(), aliases, v4, v6, e.key().location()));
            }
            return out;
        }

        @Override
        public String describe() {
            return "a list of network names, or a mapping name -> {aliases, ipv4_address, ipv6_address}";
        }
    };

    /** The name of a declared network or volume (a key under networks: or volumes:). */
    static boolean checkObjectName(YScalar key, String name, ObjectDefinition.Kind kind, dev.unitgen.diag.Diagnostics d) {
        if (!NAME.matcher(name).matches()) {
            d.error(key.location(), "invalid " + kind.word() + " name " + Text.q(name),
                    "A " + kind.word() + " name matches [a-zA-Z0-9][a-zA-Z0-9_.-]+.");
            return false;
        }
        if (kind == ObjectDefinition.Kind.NETWORK && MODES.contains(name)) {
            d.error(key.location(), "network " + Text.q(name) + " is a network mode, not a user-defined network",
                    "The engine has it already; a container chooses it with network_mode.");
            return false;
        }
        return true;
    }

    private static final Set<String> MODES = Set.of("host", "none", "bridge", "default");

    /** The value of a network's or volume's name: key: a name the engine takes. */
    static final ValueType<String> ENGINE_NAME = Types.simple("name", (s, n, ctx) -> {
        if (!NAME.matcher(s).matches()) {
            ctx.error(n, "invalid name " + Text.q(s), "An engine name matches [a-zA-Z0-9][a-zA-Z0-9_.-]+.");
            return null;
        }
        return s;
    });

    private static boolean checkNetworkName(YNode n, String name, ReadContext ctx) {
        if (!NAME.matcher(name).matches()) {
            ctx.error(n, "invalid network name " + Text.q(name), "A network name matches [a-zA-Z0-9][a-zA-Z0-9_.-]+.");
            return false;
        }
        if (MODES.contains(name)) {
            ctx.error(n, "network " + Text.q(name) + " is a network mode, not a user-defined network",
                    "Use network_mode: " + (name.equals("default") ? "bridge" : name) + ".");
            return false;
        }
        return true;
    }
}
