package io.coerouter.router.config;

import java.util.List;

/**
 * Where experts may connect. Metadata, unspecified, multicast and broadcast addresses are always refused,
 * link-local ones unless allowed, and loopback and private ones for experts created through the admin API unless
 * allowed. See {@link io.coerouter.expert.egress.EgressPolicy}.
 *
 * @param allowedNetworks CIDR networks exempt from the link-local and (admin) private-network denials
 * @param deniedNetworks CIDR networks no expert may reach
 * @param allowedHosts when not empty, the only hosts admin-created experts may name ({@code *.example.com} for
 *     subdomains)
 * @param deniedHosts hosts no expert may name
 */
public record EgressProperties(
        List<String> allowedNetworks,
        List<String> deniedNetworks,
        List<String> allowedHosts,
        List<String> deniedHosts) {

    public EgressProperties {
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
        deniedNetworks = deniedNetworks == null ? List.of() : List.copyOf(deniedNetworks);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        deniedHosts = deniedHosts == null ? List.of() : List.copyOf(deniedHosts);
        try {
            io.coerouter.expert.egress.EgressPolicy.of(
                    allowedNetworks,
                    deniedNetworks,
                    java.util.Set.copyOf(allowedHosts),
                    java.util.Set.copyOf(deniedHosts));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("coe.egress: " + e.getMessage(), e);
        }
    }

    public io.coerouter.expert.egress.EgressPolicy toPolicy() {
        return io.coerouter.expert.egress.EgressPolicy.of(
                allowedNetworks, deniedNetworks, java.util.Set.copyOf(allowedHosts), java.util.Set.copyOf(deniedHosts));
    }
}
