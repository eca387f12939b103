package io.coerouter.expert.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where experts may connect. Checked on a base URL when an expert is defined ({@link #checkUrl}) and on every address
 * its host resolves to before each call ({@link #checkHost}), so a name that later resolves elsewhere (DNS rebinding)
 * is refused too.
 *
 * <p>What is refused:
 *
 * <ul>
 *   <li>always, whatever is allowed: cloud metadata names and addresses ({@code metadata.google.internal},
 *       {@code 169.254.169.254}, {@code fd00:ec2::254}, {@code 100.100.100.200}), unspecified addresses ({@code
 *       0.0.0.0/8}, {@code ::}), multicast and broadcast, IPv4 written in other than dotted-decimal form ({@code
 *       2852039166}, {@code 0xa9fea9fe}, {@code 0251.0376.0251.0376}), and the configured denied networks and hosts;
 *   <li>unless an allowed network holds the address: link-local networks ({@code 169.254.0.0/16}, {@code
 *       fe80::/10}); and, for experts created through the admin API ({@link Origin#ADMIN}), loopback and private
 *       networks ({@code 127.0.0.0/8}, {@code ::1}, {@code 10.0.0.0/8}, {@code 172.16.0.0/12}, {@code 192.168.0.0/16},
 *       {@code 100.64.0.0/10}, {@code fc00::/7});
 *   <li>for admin-created experts, when allowed hosts are configured, any host not among them.
 * </ul>
 */
public final class EgressPolicy {

    /** Who defined an expert: the operator's configuration file, or a caller of the admin API. */
    public enum Origin {
        DECLARED,
        ADMIN
    }

    /** Looks a host name up; injected so tests can answer as a rebinding DNS server would. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Set<String> METADATA_HOSTS = Set.of(
            "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal");
    private static final List<Cidr> ALWAYS_DENIED = List.of(
            Cidr.parse("169.254.169.254"),
            Cidr.parse("169.254.170.2"),
            Cidr.parse("fd00:ec2::254"),
            Cidr.parse("100.100.100.200"),
            Cidr.parse("0.0.0.0/8"),
            Cidr.parse("::/128"),
            Cidr.parse("224.0.0.0/4"),
            Cidr.parse("255.255.255.255"),
            Cidr.parse("ff00::/8"));
    private static final List<Cidr> LINK_LOCAL = List.of(Cidr.parse("169.254.0.0/16"), Cidr.parse("fe80::/10"));
    private static final List<Cidr> LOCAL = List.of(
            Cidr.parse("127.0.0.0/8"),
            Cidr.parse("::1"),
            Cidr.parse("10.0.0.0/8"),
            Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"),
            Cidr.parse("100.64.0.0/10"),
            Cidr.parse("fc00::/7"));
    /** IETF protocol assignments, benchmarking and the old class E: no provider lives there. */
    private static final List<Cidr> RESERVED =
            List.of(Cidr.parse("192.0.0.0/24"), Cidr.parse("198.18.0.0/15"), Cidr.parse("240.0.0.0/4"));
    /** The documentation networks (TEST-NET-1, -2 and -3): no provider lives there either. */
    private static final List<Cidr> DOCUMENTATION =
            List.of(Cidr.parse("192.0.2.0/24"), Cidr.parse("198.51.100.0/24"), Cidr.parse("203.0.113.0/24"));

    private static final Pattern NUMERIC_LABEL = Pattern.compile("(0[xX][0-9a-fA-F]*|[0-9]+)");
    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    private final List<Cidr> allowedNetworks;
    private final List<Cidr> deniedNetworks;
    private final Set<String> allowedHosts;
    private final Set<String> deniedHosts;
    private final Origin origin;
    private final Resolver resolver;

    private EgressPolicy(
            List<Cidr> allowedNetworks,
            List<Cidr> deniedNetworks,
            Set<String> allowedHosts,
            Set<String> deniedHosts,
            Origin origin,
            Resolver resolver) {
        this.allowedNetworks = List.copyOf(allowedNetworks);
        this.deniedNetworks = List.copyOf(deniedNetworks);
        this.allowedHosts = Set.copyOf(allowedHosts);
        this.deniedHosts = Set.copyOf(deniedHosts);
        this.origin = Objects.requireNonNull(origin, "origin must not be null");
        this.resolver = Objects.requireNonNull(resolver, "resolver must not be null");
    }

    /**
     * A policy for declared experts.
     *
     * @param allowedNetworks networks exempt from the link-local and (admin) local-network denials
     * @param deniedNetworks networks no expert may reach
     * @param allowedHosts when not empty, the only hosts admin-created experts may name ({@code host} exactly, or
     *     {@code *.example.com} for its subdomains)
     * @param deniedHosts hosts no expert may name (the same forms)
     */
    public static EgressPolicy of(
            List<String> allowedNetworks,
            List<String> deniedNetworks,
            Set<String> allowedHosts,
            Set<String> deniedHosts) {
        return new EgressPolicy(
                allowedNetworks.stream().map(EgressPolicy::network).toList(),
                deniedNetworks.stream().map(EgressPolicy::network).toList(),
                hosts(allowedHosts),
                hosts(deniedHosts),
                Origin.DECLARED,
                InetAddress::getAllByName);
    }

    /** The defaults, nothing configured: for declared experts. */
    public static EgressPolicy defaults() {
        return of(List.of(), List.of(), Set.of(), Set.of());
    }

    /** This policy applied to experts of {@code next} origin. */
    public EgressPolicy forOrigin(Origin next) {
        return new EgressPolicy(allowedNetworks, deniedNetworks, allowedHosts, deniedHosts, next, resolver);
    }

    /** This policy looking host names up with {@code next}. */
    public EgressPolicy withResolver(Resolver next) {
        return new EgressPolicy(allowedNetworks, deniedNetworks, allowedHosts, deniedHosts, origin, next);
    }

    public Origin origin() {
        return origin;
    }

    /**
     * Checks a base URL when an expert is defined: its host's form and name, and the address when it is a literal.
     * A name is not looked up here (it is at every call).
     *
     * @throws IllegalArgumentException saying why, naming the URL's host
     */
    public void checkUrl(URI url) {
        String host = host(url);
        if (url.getPort() == 0 || url.getPort() > 65535) {
            throw new IllegalArgumentException("the URL's port must be between 1 and 65535, but was " + url.getPort());
        }
        String refusal = hostRefusal(host);
        if (refusal == null && isLiteral(host)) {
            refusal = addressRefusal(literal(host));
        }
        if (refusal == null && (host.equals("localhost") || host.endsWith(".localhost"))) {
            // Such names are loopback whatever DNS says (RFC 6761): refused now, not only at the first call.
            refusal = addressRefusal(InetAddress.getLoopbackAddress());
        }
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
    }

    /**
     * Checks a host before a connection: its name, and every address it resolves to now.
     *
     * @throws EgressRefusedException when the name or any of its addresses is refused, or it cannot be resolved
     */
    public void checkHost(String rawHost) throws EgressRefusedException {
        String host = normalize(rawHost);
        String refusal = hostRefusal(host);
        if (refusal != null) {
            throw new EgressRefusedException(refusal);
        }
        InetAddress[] addresses;
        try {
            addresses = isLiteral(host) ? new InetAddress[] {literal(host)} : resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new EgressRefusedException("cannot resolve host '" + host + "'");
        }
        if (addresses == null || addresses.length == 0) {
            throw new EgressRefusedException("cannot resolve host '" + host + "'");
        }
        for (InetAddress address : addresses) {
            String why = addressRefusal(address);
            if (why != null) {
                throw new EgressRefusedException("host '" + host + "' resolves to a refused address: " + why);
            }
        }
    }

    private String hostRefusal(String host) {
        if (host.isEmpty()) {
            return "the URL has no host";
        }
        if (METADATA_HOSTS.contains(host)) {
            return "host '" + host + "' is a cloud metadata service";
        }
        if (matches(deniedHosts, host)) {
            return "host '" + host + "' is denied by coe.egress.denied-hosts";
        }
        String[] labels = host.split("\\.");
        if (!host.contains(":")
                && NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()
                && !DOTTED_QUAD.matcher(host).matches()) {
            return "host '" + host + "' is an IPv4 address in other than dotted-decimal form";
        }
        if (origin == Origin.ADMIN && !allowedHosts.isEmpty() && !matches(allowedHosts, host)) {
            return "host '" + host + "' is not among coe.egress.allowed-hosts";
        }
        return null;
    }

    /** Why {@code address} is refused, or null when it is allowed. */
    String addressRefusal(InetAddress address) {
        String refusal = ownRefusal(address);
        if (refusal != null) {
            return refusal;
        }
        InetAddress embedded = embeddedIpv4(address);
        if (embedded == null) {
            return null;
        }
        String inner = ownRefusal(embedded);
        return inner == null ? null : address.getHostAddress() + " embeds " + inner;
    }

    private String ownRefusal(InetAddress address) {
        String shown = address.getHostAddress();
        if (ALWAYS_DENIED.stream().anyMatch(n -> n.contains(address))) {
            return shown + " is a metadata, unspecified, multicast or broadcast address";
        }
        if (deniedNetworks.stream().anyMatch(n -> n.contains(address))) {
            return shown + " is in coe.egress.denied-networks";
        }
        boolean allowed = allowedNetworks.stream().anyMatch(n -> n.contains(address));
        if (!allowed && LINK_LOCAL.stream().anyMatch(n -> n.contains(address))) {
            return shown + " is link-local";
        }
        if (!allowed && RESERVED.stream().anyMatch(n -> n.contains(address))) {
            return shown + " is in a reserved network (192.0.0.0/24, 198.18.0.0/15, 240.0.0.0/4)";
        }
        if (!allowed && origin == Origin.ADMIN && LOCAL.stream().anyMatch(n -> n.contains(address))) {
            return shown + " is a loopback or private address, which experts created through the admin API may"
                    + " not reach unless coe.egress.allowed-networks holds it";
        }
        if (!allowed && origin == Origin.ADMIN && DOCUMENTATION.stream().anyMatch(n -> n.contains(address))) {
            return shown + " is a documentation address, which experts created through the admin API may not reach"
                    + " unless coe.egress.allowed-networks holds it";
        }
        return null;
    }

    /**
     * The IPv4 address an IPv6 address carries, so it is checked by the IPv4 rules: NAT64 ({@code 64:ff9b::/96},
     * {@code 64:ff9b:1::/48}), 6to4 ({@code 2002::/16}), IPv4-compatible ({@code ::/96}), SIIT ({@code
     * ::ffff:0:0:0/96}) and Teredo's client ({@code 2001::/32}, the last four bytes inverted). Null when none.
     */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof java.net.Inet6Address)) {
            return null;
        }
        byte[] b = address.getAddress();
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            boolean wellKnown = zero(b, 4, 12);
            boolean localUse = b[4] == 0x00 && b[5] == 0x01;
            return wellKnown || localUse ? ipv4(b, 12, 0) : null;
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return ipv4(b, 2, 0);
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) {
            return ipv4(b, 12, 0xff);
        }
        if (zero(b, 0, 12) && !zero(b, 12, 15)) {
            return ipv4(b, 12, 0); // IPv4-compatible; :: and ::1 (and ::2 to ::ff) are left to the IPv6 rules
        }
        if (zero(b, 0, 8) && b[8] == (byte) 0xff && b[9] == (byte) 0xff && b[10] == 0 && b[11] == 0) {
            return ipv4(b, 12, 0);
        }
        return null;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte[] b, int from, int mask) {
        byte[] v4 = new byte[4];
        for (int i = 0; i < 4; i++) {
            v4[i] = (byte) (b[from + i] ^ mask);
        }
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    private static boolean matches(Set<String> patterns, String host) {
        for (String p : patterns) {
            if (p.startsWith("*.") ? host.endsWith(p.substring(1)) : host.equals(p)) {
                return true;
            }
        }
        return false;
    }

    private static String host(URI url) {
        if (url == null || url.getHost() == null) {
            throw new IllegalArgumentException("the URL must have a host");
        }
        return normalize(url.getHost());
    }

    private static String normalize(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || DOTTED_QUAD.matcher(host).matches();
    }

    private static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host '" + host + "' is not a valid address");
        }
    }

    private static Cidr network(String text) {
        return Cidr.parse(text);
    }

    private static Set<String> hosts(Set<String> names) {
        return names.stream().map(EgressPolicy::normalize).collect(java.util.stream.Collectors.toSet());
    }
}
