package io.coerouter.expert.egress;

import java.util.List;

/** The networks {@link EgressPolicy} refuses or exempts whatever is configured. */
final class FixedNetworks {

    /** Cloud metadata, unspecified, multicast and broadcast addresses: refused whatever is allowed. */
    static final List<Cidr> ALWAYS_DENIED = List.of(
            Cidr.parse("169.254.169.254"),
            Cidr.parse("169.254.170.2"),
            Cidr.parse("fd00:ec2::254"),
            Cidr.parse("100.100.100.200"),
            Cidr.parse("0.0.0.0/8"),
            Cidr.parse("::/128"),
            Cidr.parse("224.0.0.0/4"),
            Cidr.parse("255.255.255.255"),
            Cidr.parse("ff00::/8"));

    static final List<Cidr> LINK_LOCAL = List.of(Cidr.parse("169.254.0.0/16"), Cidr.parse("fe80::/10"));

    /** Loopback and private networks. */
    static final List<Cidr> LOCAL = List.of(
            Cidr.parse("127.0.0.0/8"),
            Cidr.parse("::1"),
            Cidr.parse("10.0.0.0/8"),
            Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"),
            Cidr.parse("100.64.0.0/10"),
            Cidr.parse("fc00::/7"));

    /** IETF protocol assignments, benchmarking and the old class E: no provider lives there. */
    static final List<Cidr> RESERVED =
            List.of(Cidr.parse("192.0.0.0/24"), Cidr.parse("198.18.0.0/15"), Cidr.parse("240.0.0.0/4"));

    /** The documentation networks (TEST-NET-1, -2 and -3): no provider lives there either. */
    static final List<Cidr> DOCUMENTATION =
            List.of(Cidr.parse("192.0.2.0/24"), Cidr.parse("198.51.100.0/24"), Cidr.parse("203.0.113.0/24"));

    private FixedNetworks() {}
}
