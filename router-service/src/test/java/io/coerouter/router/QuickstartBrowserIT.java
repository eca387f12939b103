package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With auth off every caller is the admin, so a web page the user visits must not drive the router: a cross-site
 * request (CSRF: a {@code text/plain} POST needs no preflight) and a request to a re-pointed host name (DNS
 * rebinding) are refused, while curl, SDKs and same-origin pages keep working.
 */
class QuickstartBrowserIT extends GatewayTestSupport {

    private static final String EXPERT = "{\"id\":\"csrf-x\",\"adapter\":\"echo\"}";

    private RawHttp raw() {
        return new RawHttp(port);
    }

    @Test
    void aCrossSitePageCannotCreateAnExpertEvenWithTextPlain() throws Exception {
        RawHttp.Reply refused = raw().send(
                        "POST",
                        "/admin/experts",
                        Map.of("Origin", "http://evil.example", "Content-Type", "text/plain;charset=UTF-8"),
                        EXPERT,
                        false);

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.isOpenAiError()).isTrue();
        assertThat(refused.code()).isEqualTo("cross_origin_refused");
        assertThat(raw().send("GET", "/admin/experts/csrf-x", null, null).status())
                .isEqualTo(404);
    }

    @Test
    void fetchMetadataMarkingACrossSiteRequestIsRefused() throws Exception {
        RawHttp.Reply refused =
                raw().send("POST", "/admin/experts/echo/disable", Map.of("Sec-Fetch-Site", "cross-site"), null, false);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("cross_origin_refused");
    }

    @Test
    void aSameOriginPageAndClientsWithoutOriginAreServed() throws Exception {
        assertThat(raw().send("GET", "/v1/models", Map.of("Origin", "http://127.0.0.1:" + port), null, false)
                        .status())
                .isEqualTo(200);
        assertThat(raw().send("GET", "/v1/models", Map.of("Sec-Fetch-Site", "same-origin"), null, false)
                        .status())
                .isEqualTo(200);
        assertThat(raw().send("GET", "/v1/models", null, null).status()).isEqualTo(200);
    }

    @Test
    void aRequestForAHostNameOtherThanLocalhostIsRefused() throws Exception {
        String rebound = hostRequest("attacker.example:" + port);
        assertThat(rebound).startsWith("HTTP/1.1 403").contains("host_not_allowed");

        assertThat(hostRequest("localhost:" + port)).startsWith("HTTP/1.1 200");
        assertThat(hostRequest("127.0.0.1:" + port)).startsWith("HTTP/1.1 200");
    }

    private String hostRequest(String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /admin/keys HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
