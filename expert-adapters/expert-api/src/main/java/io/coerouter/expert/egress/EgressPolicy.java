package io.coerouter.expert.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
                HostNames.hosts(allowedHosts),
                HostNames.hosts(deniedHosts),
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
        String host = HostNames.host(url);
        if (url.getPort() == 0 || url.getPort() > 65535) {
            throw new IllegalArgumentException("the URL's port must be between 1 and 65535, but was " + url.getPort());
        }
        String refusal = hostRefusal(host);
        if (refusal == null && HostNames.isLiteral(host)) {
            refusal = addressRefusal(HostNames.literal(host));
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
        String host = HostNames.normalize(rawHost);
        String refusal = hostRefusal(host);
        if (refusal != null) {
            throw new EgressRefusedException(refusal);
        }
        InetAddress[] addresses;
        try {
            addresses =
                    HostNames.isLiteral(host) ? new InetAddress[] {HostNames.literal(host)} : resolver.resolve(host);
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
        if (HostNames.METADATA_HOSTS.contains(host)) {
            return "host '" + host + "' is a cloud metadata service";
        }
        if (HostNames.matches(deniedHosts, host)) {
            return "host '" + host + "' is denied by coe.egress.denied-hosts";
        }
        String[] labels = host.split("\\.");
        if (!host.contains(":")
                && HostNames.NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()
                && !HostNames.DOTTED_QUAD.matcher(host).matches()) {
            return "host '" + host + "' is an IPv4 address in other than dotted-decimal form";
        }
        if (origin == Origin.ADMIN && !allowedHosts.isEmpty() && !HostNames.matches(allowedHosts, host)) {
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
        InetAddress embedded = EmbeddedIpv4.of(address);
        if (embedded == null) {
            return null;
        }
        String inner = ownRefusal(embedded);
        return inner == null ? null : address.getHostAddress() + " embeds " + inner;
    }

    private String ownRefusal(InetAddress address) {
        String shown = address.getHostAddress();
        if (FixedNetworks.ALWAYS_DENIED.stream().anyMatch(n -> n.contains(address))) {
            return shown + " is a metadata, unspecified, multicast or broadcast address";
        }
        if (deniedNetworks.stream().anyMatch(n -> n.contains(address))) {
            return shown + " is in coe.egress.denied-networks";
        }
        boolean allowed = allowedNetworks.stream().anyMatch(n -> n.contains(address));
        if (!allowed && FixedNetworks.LINK_LOCAL.stream().anyMatch(n -> n.contains(address))) {
            return shown + " is link-local";
        }
        if (!allowed && FixedNetworks.RESERVED.stream().anyMatch(n -> n.contains(address))) {
            return shown + " is in a reserved network (192.0.0.0/24, 198.18.0.0/15, 240.0.0.0/4)";
        }
        if (!allowed && origin == Origin.ADMIN && FixedNetworks.LOCAL.stream().anyMatch(n -> n.contains(address))) {
            return shown + " is a loopback or private address, which experts created through the admin API may"
                    + " not reach unless coe.egress.allowed-networks holds it";
        }
        if (!allowed
                && origin == Origin.ADMIN
                && FixedNetworks.DOCUMENTATION.stream().anyMatch(n -> n.contains(address))) {
            return shown + " is a documentation address, which experts created through the admin API may not reach"
                    + " unless coe.egress.allowed-networks holds it";
        }
        return null;
    }

    private static Cidr network(String text) {
        return Cidr.parse(text);
    }
}
