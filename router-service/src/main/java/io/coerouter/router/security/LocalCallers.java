package io.coerouter.router.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * With auth off every caller is the admin, so the router must not be driven by a web page its user happens to visit:
 * a cross-site request (CSRF, a {@code text/plain} POST needs no preflight) or a page whose own host name was
 * re-pointed at the router (DNS rebinding). This decides, from the request's {@code Host}, {@code Origin} and
 * {@code Sec-Fetch-Site}, whether a request may be served: addressed to {@code localhost}, an IP address or a host
 * the operator allowed ({@code coe.auth.allowed-hosts}), and not sent by a page of another origin.
 */
final class LocalCallers {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<String> allowedHosts;

    private LocalCallers(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .toList();
    }

    /** @param allowedHosts host names (or {@code .suffix} domains) served besides localhost and IP addresses */
    static LocalCallers of(List<String> allowedHosts) {
        return new LocalCallers(allowedHosts == null ? List.of() : allowedHosts);
    }

    /** Why the request is refused, or empty when it may be served. */
    Optional<Refusal> refusal(String host, int port, String scheme, String origin, String fetchSite) {
        if (!hostAllowed(host)) {
            return Optional.of(Refusal.HOST);
        }
        if ("cross-site".equalsIgnoreCase(fetchSite) || "same-site".equalsIgnoreCase(fetchSite)) {
            return Optional.of(Refusal.CROSS_ORIGIN);
        }
        if (origin != null && !sameOrigin(origin, host, port, scheme)) {
            return Optional.of(Refusal.CROSS_ORIGIN);
        }
        return Optional.empty();
    }

    enum Refusal {
        HOST,
        CROSS_ORIGIN
    }

    boolean hostAllowed(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        if (IPV4.matcher(name).matches() || name.startsWith("[") || name.contains(":")) {
            return true; // an address, not a name: no DNS to re-point
        }
        for (String allowed : allowedHosts) {
            if (allowed.startsWith(".") ? name.endsWith(allowed) : name.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameOrigin(String origin, String host, int port, String scheme) {
        try {
            URI uri = new URI(origin);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false; // "null" (a sandboxed frame, a file) or garbage
            }
            int originPort = uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
            return uri.getHost().equalsIgnoreCase(stripBrackets(host))
                    && originPort == port
                    && uri.getScheme().equalsIgnoreCase(scheme);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
