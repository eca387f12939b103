package io.coerouter.expert.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Host names for {@link EgressPolicy}: their normal form, the patterns they match and whether they are literals. */
final class HostNames {

    static final Set<String> METADATA_HOSTS = Set.of(
            "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal");

    static final Pattern NUMERIC_LABEL = Pattern.compile("(0[xX][0-9a-fA-F]*|[0-9]+)");
    static final Pattern DOTTED_QUAD = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    private HostNames() {}

    static boolean matches(Set<String> patterns, String host) {
        for (String p : patterns) {
            if (p.startsWith("*.") ? host.endsWith(p.substring(1)) : host.equals(p)) {
                return true;
            }
        }
        return false;
    }

    static String host(URI url) {
        if (url == null || url.getHost() == null) {
            throw new IllegalArgumentException("the URL must have a host");
        }
        return normalize(url.getHost());
    }

    static String normalize(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    static boolean isLiteral(String host) {
        return host.contains(":") || DOTTED_QUAD.matcher(host).matches();
    }

    static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host '" + host + "' is not a valid address");
        }
    }

    static Set<String> hosts(Set<String> names) {
        return names.stream().map(HostNames::normalize).collect(java.util.stream.Collectors.toSet());
    }
}
