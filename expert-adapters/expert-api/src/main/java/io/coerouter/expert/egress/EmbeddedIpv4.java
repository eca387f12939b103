package io.coerouter.expert.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The IPv4 address an IPv6 address carries (NAT64, 6to4, IPv4-compatible, SIIT, Teredo). */
final class EmbeddedIpv4 {

    private EmbeddedIpv4() {}

    /**
     * The IPv4 address an IPv6 address carries, so it is checked by the IPv4 rules: NAT64 ({@code 64:ff9b::/96},
     * {@code 64:ff9b:1::/48}), 6to4 ({@code 2002::/16}), IPv4-compatible ({@code ::/96}), SIIT ({@code
     * ::ffff:0:0:0/96}) and Teredo's client ({@code 2001::/32}, the last four bytes inverted). Null when none.
     */
    static InetAddress of(InetAddress address) {
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
}
