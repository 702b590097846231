package dev.unitgen.definition;

import static dev.unitgen.definition.Readers.isIp;
import static dev.unitgen.definition.Readers.isIpv6;
import static dev.unitgen.definition.Readers.mapWithKeys;
import static dev.unitgen.definition.Readers.opt;

import dev.unitgen.util.Text;
import dev.unitgen.yaml.YMap;
import dev.unitgen.yaml.YNode;
import dev.unitgen.yaml.YScalar;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A published port, {@code [host_ip:][published:]target[/protocol]} or the long form (target,
 * published, host_ip, protocol): its reader and its docker {@code --publish} argument.
 */
public record Port(String hostIp, String published, String target, String protocol) {
    private static final Pattern PORT_RANGE = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp");

    static final ValueType<List<Port>> LIST = Readers.listOf("a port", (n, ctx) -> {
        if (n instanceof YScalar s && !s.isNull()) {
            return parse(s, ctx);
        }
        YMap m = mapWithKeys(n, ctx, "a port", Set.of("target", "published", "host_ip", "protocol", "mode", "name", "app_protocol"));
        if (m == null) {
            return null;
        }
        String target = opt(m, "target", Types.STRING, ctx);
        if (target == null) {
            ctx.error(n, "a port needs target", "Add target: the port inside the container.");
            return null;
        }
        String published = opt(m, "published", Types.STRING, ctx);
        String hostIp = opt(m, "host_ip", Types.STRING, ctx);
        String protocol = opt(m, "protocol", Types.STRING, ctx);
        String mode = opt(m, "mode", Types.STRING, ctx);
        if (mode != null && !mode.equals("host") && !mode.equals("ingress")) {
            ctx.error(m.get("mode").get(), "invalid port mode " + Text.q(mode), "Valid values: host, ingress.");
        }
        m.get("mode").ifPresent(x -> ctx.warning(x, "port mode has no effect outside swarm", "Remove mode."));
        return check(n, hostIp, published, target, protocol, ctx);
    });

    /** The argument of docker's --publish. */
    public String publishArg() {
        StringBuilder sb = new StringBuilder();
        if (hostIp != null) {
            sb.append(hostIp.contains(":") ? "[" + hostIp + "]" : hostIp).append(':');
        }
        if (published != null) {
            sb.append(published).append(':');
        } else if (hostIp != null) {
            sb.append(':');
        }
        sb.append(target);
        if (protocol != null && !protocol.equals("tcp")) {
            sb.append('/').append(protocol);
        }
        return sb.toString();
    }

    private static Port parse(YScalar s, ReadContext ctx) {
        String v = s.value();
        String protocol = null;
        int slash = v.lastIndexOf('/');
        if (slash >= 0) {
            protocol = v.substring(slash + 1);
            v = v.substring(0, slash);
        }
        String hostIp = null;
        if (v.startsWith("[")) {
            int close = v.indexOf("]:");
            if (close < 0) {
                ctx.error(s, "invalid port " + Text.q(s.value()), "Write an IPv6 host address in brackets: [::1]:8080:80.");
                return null;
            }
            hostIp = v.substring(1, close);
            v = v.substring(close + 2);
            if (!isIpv6(hostIp)) {
                ctx.error(s, "invalid IPv6 address " + Text.q(hostIp) + " in port " + Text.q(s.value()));
                return null;
            }
        }
        String[] parts = v.split(":", -1);
        String published = null;
        String target;
        if (parts.length == 1) {
            target = parts[0];
        } else if (parts.length == 2) {
            if (hostIp == null && isIp(parts[0]) && parts[0].contains(".")) {
                ctx.error(s, "invalid port " + Text.q(s.value()), "Write HOST_IP:PUBLISHED:TARGET, e.g. 127.0.0.1:8080:80.");
                return null;
            }
            published = parts[0].isEmpty() ? null : parts[0];
            target = parts[1];
        } else if (parts.length == 3 && hostIp == null) {
            hostIp = parts[0];
            published = parts[1].isEmpty() ? null : parts[1];
            target = parts[2];
            if (!isIp(hostIp)) {
                ctx.error(s, "invalid host address " + Text.q(hostIp) + " in port " + Text.q(s.value()),
                        "The form is [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]; an IPv6 address goes in brackets.");
                return null;
            }
        } else {
            ctx.error(s, "invalid port " + Text.q(s.value()),
                    "The form is [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL], e.g. 8080:80 or 127.0.0.1:8080:80/tcp.");
            return null;
        }
        return check(s, hostIp, published, target, protocol, ctx);
    }

    private static Port check(YNode n, String hostIp, String published, String target, String protocol, ReadContext ctx) {
        boolean ok = true;
        if (protocol != null && !PROTOCOLS.contains(protocol)) {
            ctx.error(n, "invalid protocol " + Text.q(protocol), "Valid protocols: tcp, udp, sctp.");
            ok = false;
        }
        if (hostIp != null && !isIp(hostIp)) {
            ctx.error(n, "invalid host address " + Text.q(hostIp));
            ok = false;
        }
        int[] t = range(n, target, "container port", ctx);
        int[] p = published == null ? null : range(n, published, "published port", ctx);
        if (t == null || (published != null && p == null)) {
            return null;
        }
        if (p != null && p[1] - p[0] != t[1] - t[0] && t[0] != t[1]) {
            ctx.error(n, "port ranges differ in length: " + published + " and " + target,
                    "Publish a range on a range of the same length, or a range on one container port.");
            ok = false;
        }
        return ok ? new Port(hostIp, published, target, protocol == null ? "tcp" : protocol) : null;
    }

    private static int[] range(YNode n, String text, String what, ReadContext ctx) {
        Matcher m = PORT_RANGE.matcher(text);
        if (!m.matches()) {
            ctx.error(n, "invalid " + what + " " + Text.q(text), "A port is a number from 1 to 65535, or a range like 8000-8010.");
            return null;
        }
        int lo = Integer.parseInt(m.group(1));
        int hi = m.group(2) == null ? lo : Integer.parseInt(m.group(2));
        if (lo < 1 || hi > 65535 || hi < lo) {
            ctx.error(n, "invalid " + what + " " + Text.q(text), "A port is a number from 1 to 65535, and a range goes up.");
            return null;
        }
        return new int[] {lo, hi};
    }
}
