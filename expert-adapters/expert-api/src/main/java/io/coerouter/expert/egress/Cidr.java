package io.coerouter.expert.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A network in CIDR notation, {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a network of one.
 *
 * @param base the network's address bytes (4 or 16)
 * @param prefix how many leading bits are fixed
 */
public record Cidr(byte[] base, int prefix) {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F.:]+");

    public Cidr {
        Objects.requireNonNull(base, "base must not be null");
        if (prefix < 0 || prefix > base.length * 8) {
            throw new IllegalArgumentException("prefix must be 0-" + base.length * 8 + ", but was " + prefix);
        }
        base = base.clone();
    }

    /**
     * Parses {@code text}, an IP literal with an optional {@code /prefix}.
     *
     * @throws IllegalArgumentException naming the text when it is not a network
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "network must not be null");
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (address.isEmpty() || !LITERAL.matcher(address).matches()) {
            throw new IllegalArgumentException(
                    "a network must be an IP address with an optional /prefix, but was '" + text + "'");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "a network must be an IP address with an optional /prefix, but was '" + text + "'");
        }
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the prefix of network '" + text + "' is not a number");
        }
        return new Cidr(bytes, prefix);
    }

    /** Whether {@code address} is in this network (an IPv4 address is never in an IPv6 network, nor back). */
    public boolean contains(InetAddress address) {
        byte[] other = address.getAddress();
        if (other.length != base.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (other[i] != base[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (other[full] & mask) == (base[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.base, base);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(base) * 31 + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(base).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
