package dev.unitgen.definition;

import static dev.unitgen.definition.Readers.mapWithKeys;
import static dev.unitgen.definition.Readers.opt;

import dev.unitgen.util.Text;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A network's IP address management, compose's {@code ipam:}: a driver and address pools
 * (subnet, gateway, ip_range, aux_addresses); its reader and its {@code docker network create}
 * options.
 */
public record Ipam(String driver, List<Pool> config) {

    /** One address pool: a subnet (CIDR), its gateway, the range containers get addresses from, reserved addresses. */
    public record Pool(String subnet, String gateway, String ipRange, Map<String, String> auxAddresses) {
    }

    /** --ipam-driver, then per pool --subnet, --gateway, --ip-range, --aux-address NAME=IP (sorted by name). */
    void emit(DockerArgs args) {
        if (driver != null) {
            args.option("--ipam-driver", driver);
        }
        for (Pool p : config) {
            args.option("--subnet", p.subnet());
            if (p.gateway() != null) {
                args.option("--gateway", p.gateway());
            }
            if (p.ipRange() != null) {
                args.option("--ip-range", p.ipRange());
            }
            new TreeMap<>(p.auxAddresses()).forEach((k, v) -> args.option("--aux-address", k + "=" + v));
        }
    }

    static boolean isCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0 || !s.substring(slash + 1).matches("\\d{1,3}")) {
            return false;
        }
        String ip = s.substring(0, slash);
        int bits = Integer.parseInt(s.substring(slash + 1));
        return Readers.IPV4.matcher(ip).matches() ? bits <= 32 : Readers.isIpv6(ip) && bits <= 128;
    }

    private static Pool pool(YNode node, ReadContext ctx) {
        YMap m = mapWithKeys(node, ctx, "an address pool", Set.of("subnet", "gateway", "ip_range", "aux_addresses"));
        if (m == null) {
            return null;
        }
        String subnet = opt(m, "subnet", Types.STRING, ctx);
        String gateway = opt(m, "gateway", Types.STRING, ctx);
        String range = opt(m, "ip_range", Types.STRING, ctx);
        Map<String, String> aux = opt(m, "aux_addresses", Types.stringMap("=", false, ContainerKeys::oneLineEntry), ctx);
        boolean ok = true;
        if (m.get("subnet").isEmpty()) {
            ctx.error(node, "an address pool needs a subnet", "Write e.g. {subnet: 172.28.0.0/16, gateway: 172.28.0.1}.");
            return null;
        }
        if (subnet != null && !isCidr(subnet)) {
            ctx.error(m.get("subnet").get(), "invalid subnet " + Text.q(subnet), "Write an address and a prefix length, e.g. 172.28.0.0/16.");
            ok = false;
        }
        if (gateway != null && !Readers.isIp(gateway)) {
            ctx.error(m.get("gateway").get(), "invalid gateway " + Text.q(gateway), "Write an IP address, e.g. 172.28.0.1.");
            ok = false;
        }
        if (range != null && !isCidr(range)) {
            ctx.error(m.get("ip_range").get(), "invalid ip_range " + Text.q(range), "Write an address and a prefix length, e.g. 172.28.5.0/24.");
            ok = false;
        }
        if (aux != null) {
            for (Map.Entry<String, String> e : aux.entrySet()) {
                if (!Readers.isIp(e.getValue())) {
                    ctx.error(m.get("aux_addresses").get(), "invalid address " + Text.q(e.getValue()) + " of aux_addresses "
                            + Text.q(e.getKey()), "Write NAME: IP, e.g. router: 172.28.1.5.");
                    ok = false;
                }
            }
        }
        if (!ok || subnet == null || (m.get("gateway").isPresent() && gateway == null)
                || (m.get("ip_range").isPresent() && range == null) || (m.get("aux_addresses").isPresent() && aux == null)) {
            return null;
        }
        return new Pool(subnet, gateway, range, aux == null ? Map.of() : Map.copyOf(aux));
    }

    static final ValueType<Ipam> TYPE = new ValueType<>() {
        @Override
        public Ipam read(YNode node, ReadContext ctx) {
            YMap m = mapWithKeys(node, ctx, "ipam", Set.of("driver", "config"));
            if (m == null) {
                return null;
            }
            String driver = opt(m, "driver", Types.LINE, ctx);
            List<Pool> pools = opt(m, "config", Readers.listOf("an address pool", Ipam::pool), ctx);
            if ((m.get("driver").isPresent() && driver == null) || (m.get("config").isPresent() && pools == null)) {
                return null;
            }
            return new Ipam(driver, pools == null ? List.of() : pools);
        }

        @Override
        public String describe() {
            return "a mapping {driver, config: [{subnet, gateway, ip_range, aux_addresses}]}";
        }
    };
}
