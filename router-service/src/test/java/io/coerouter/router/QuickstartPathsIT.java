package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With auth off (the quickstart) every route stays open, but ambiguous paths are still refused first, and every
 * error, from whichever layer, is OpenAI-format JSON (never Tomcat's or Spring's HTML pages).
 */
class QuickstartPathsIT extends GatewayTestSupport {

    private RawHttp raw() {
        return new RawHttp(port);
    }

    @Test
    void theAdminApiIsOpenButAmbiguousPathsAreRefused() throws Exception {
        assertThat(raw().send("GET", "/admin/keys", null, null).status()).isEqualTo(200);

        for (String path :
                List.of("/admin;/keys", "/admin/./keys", "//admin/keys", "/admin/x/../keys", "/admin%25/keys")) {
            RawHttp.Reply refused = raw().send("GET", path, null, null);
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.isOpenAiError()).as(path).isTrue();
            assertThat(refused.code()).as(path).isEqualTo("invalid_url");
        }
    }

    @Test
    void errorsFromEveryLayerAreOpenAiJsonEvenForABrowser() throws Exception {
        Map<String, String> browser = Map.of("Accept", "text/html");
        List<RawHttp.Reply> replies = List.of(
                raw().send("GET", "/nowhere", browser, null, false),
                raw().send("GET", "/error", browser, null, false),
                raw().send("DELETE", "/v1/models", browser, null, false),
                raw().send("GET", "/v1/models/%", browser, null, false),
                raw().send("GET", "/admin%2fkeys", browser, null, false),
                raw().send("GET", "/v1/models", Map.of("X-Big", "b".repeat(20_000)), null, false));

        for (RawHttp.Reply reply : replies) {
            assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
            assertThat(reply.isOpenAiError()).as(reply.body()).isTrue();
            assertThat(reply.body()).doesNotContain("<").doesNotContainIgnoringCase("exception");
        }
    }

    @Test
    void connectIsTheClientsMistakeNotAServerError() throws Exception {
        for (String target : List.of("/v1/models", "/admin/keys")) {
            RawHttp.Reply refused = raw().send("CONNECT", target, null, null);

            assertThat(refused.status()).as(refused.body()).isEqualTo(405);
            assertThat(refused.isOpenAiError()).isTrue();
            assertThat(refused.code()).isEqualTo("method_not_allowed");
        }
    }

    @Test
    void anUnusualMethodIsRefusedBeforeRouting() throws Exception {
        RawHttp.Reply refused = raw().send("PROPFIND", "/admin/keys", null, null);

        assertThat(refused.status()).as(refused.body()).isEqualTo(405);
        assertThat(refused.isOpenAiError()).isTrue();
        assertThat(refused.code()).isEqualTo("method_not_allowed");
    }
}
