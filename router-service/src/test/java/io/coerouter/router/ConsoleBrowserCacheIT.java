package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.console.Browser;
import io.coerouter.router.state.RedisTestServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The console's Cache page in a real headless Chromium on a router with the response cache on (in memory): two gateway
 * keys fill it through the echo expert (one question HTML); the page shows this replica's counts and the entries,
 * filters them by key, shows an entry's question and answer as text (never markup) to the admin and neither to the
 * viewer, removes one entry and purges a key's entries or every entry after a confirmation, the admin only; the
 * overview's cache card shows the hit rate. (With the cache off the page shows the API's message:
 * ConsoleBrowserPagesIT.)
 */
class ConsoleBrowserCacheIT {

    private static final String ADMIN_KEY = "admin-secret-cache-0123456789";
    private static final String VIEWER_KEY = "viewer-secret-cache-0123456789";

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static ConfigurableApplicationContext router;
    private static DemoHttp admin;
    private static DemoHttp gatewayA;
    private static DemoHttp gatewayB;
    private static String idA;
    private static String idB;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        router = Routers.start(
                REDIS,
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.auth.viewer-key=" + VIEWER_KEY,
                "--coe.cache.enabled=true",
                "--coe.cache.store=memory",
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[0].input-price-per-1k=2",
                "--coe.experts[0].output-price-per-1k=4");
        DemoHttp http = Routers.http(router);
        admin = http.as(ADMIN_KEY);
        DemoHttp.Reply a = admin.post("/admin/keys", "{\"name\":\"cache-team-a\"}");
        DemoHttp.Reply b = admin.post("/admin/keys", "{\"name\":\"cache-team-b\"}");
        assertThat(a.status()).as(a.raw()).isEqualTo(201);
        assertThat(b.status()).as(b.raw()).isEqualTo(201);
        idA = a.body().path("id").asString();
        idB = b.body().path("id").asString();
        gatewayA = http.as(a.body().path("key").asString());
        gatewayB = http.as(b.body().path("key").asString());
        browser = Browser.open(Routers.port(router));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (router != null) {
            router.close();
        }
        REDIS.close();
    }

    @BeforeEach
    void signedInAndFilled() throws Exception {
        ConsoleBrowsing.ensureSignedIn(browser, ADMIN_KEY);
        // Each test starts from the same cache: one entry of key B, two of key A (the newest HTML), one hit.
        assertThat(admin.send("DELETE", "/admin/cache/entries?all=true", null).status())
                .isEqualTo(200);
        ask(gatewayB, "A question of team B " + UUID.randomUUID());
        String repeated = "A question of team A " + UUID.randomUUID();
        ask(gatewayA, repeated);
        ask(gatewayA, repeated);
        ask(gatewayA, ConsoleBrowsing.XSS);
    }

    private static void ask(DemoHttp gateway, String question) throws Exception {
        DemoHttp.Reply answer = gateway.post("/v1/chat/completions", DemoHttp.chat("echo", question, null));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    }

    private static int rows() {
        return browser.findAll("table#cache-table tr[data-id]").size();
    }

    private static void waitForRows(int n) {
        browser.waitUntil(
                n + " cache entries", "document.querySelectorAll('table#cache-table tr[data-id]').length === " + n);
    }

    @Test
    void thePageShowsTheCountsAndTheEntriesAndAnEntrysHtmlQuestionAsText() throws Exception {
        JsonNode stats = admin.get("/admin/cache").body().path("stats");

        browser.page("cache");

        waitForRows(3);
        browser.waitUntil("the counts", "document.querySelector('[data-cache-stat=exact_hits]').textContent !== '—'");
        assertThat(browser.find("[data-cache-stat=exact_hits]").getText())
                .isEqualTo(String.valueOf(stats.path("exact_hits").asLong()));
        assertThat(browser.find("[data-cache-stat=hit_rate]").getText()).endsWith("%");
        assertThat(browser.find("[data-cache-stat=saved_usd]").getText())
                .startsWith("$")
                .isNotEqualTo("$0.00");
        assertThat(browser.find("[data-cache-stat=entries]").getText()).isEqualTo("3");
        assertThat(browser.find("#cache-settings").getText()).contains("memory").contains("semantic on");
        assertThat(browser.findAll("table#cache-table td[data-col=key]"))
                .extracting(WebElement::getText)
                .containsExactly(idA, idA, idB);
        assertThat(browser.findAll("table#cache-table td[data-col=experts] [data-expert='echo']"))
                .hasSize(3);
        browser.screenshot("cache");

        // The newest entry's question was HTML: its record shows it as text.
        browser.find("table#cache-table tr[data-id] button[data-action=details]")
                .click();
        browser.waitVisible("#cache-detail pre[data-field=answer]");
        assertThat(browser.find("#cache-detail pre[data-field=question]").getText())
                .isEqualTo(ConsoleBrowsing.XSS);
        assertThat(browser.find("#cache-detail pre[data-field=answer]").getText())
                .isEqualTo(ConsoleBrowsing.XSS);
        assertThat(browser.find("#cache-detail dd[data-field=key]").getText()).isEqualTo(idA);
        assertThat(ConsoleBrowsing.showsPayloadAsText(browser)).isTrue();
        ConsoleBrowsing.assertInert(browser);
        browser.assertNoErrors();
    }

    @Test
    void theEntriesFilterByKeyAndAPurgeOfTheFilteredKeyAsksFirstAndRemovesOnlyItsEntries() throws Exception {
        browser.page("cache");
        waitForRows(3);

        ConsoleBrowsing.fill(browser.find("#cache-form"), "key", idB);
        ConsoleBrowsing.submit(browser.find("#cache-form"));
        waitForRows(1);
        assertThat(browser.find("table#cache-table td[data-col=key]").getText()).isEqualTo(idB);

        // Cancelled: nothing is purged.
        browser.waitVisible("#cache-purge-matching").click();
        browser.waitUntil("the confirmation dialog", "document.getElementById('confirm').open");
        assertThat(browser.find("#confirm-text").getText()).contains(idB);
        browser.find("#confirm-no").click();
        assertThat(admin.get("/admin/cache/entries?key=" + idB)
                        .body()
                        .path("data")
                        .size())
                .isEqualTo(1);

        browser.find("#cache-purge-matching").click();
        ConsoleBrowsing.confirm(browser);
        waitForRows(0);
        browser.waitVisible("#cache-empty");
        assertThat(admin.get("/admin/cache/entries?key=" + idB)
                        .body()
                        .path("data")
                        .size())
                .isZero();
        assertThat(admin.get("/admin/cache/entries?key=" + idA)
                        .body()
                        .path("data")
                        .size())
                .isEqualTo(2);
        browser.assertNoErrors();
    }

    @Test
    void oneEntryIsRemovedAndEveryEntryPurgedAfterAConfirmation() throws Exception {
        browser.page("cache");
        waitForRows(3);
        String newest = browser.find("table#cache-table tr[data-id]").getAttribute("data-id");

        browser.find("table#cache-table tr[data-id='" + newest + "'] button[data-action=remove]")
                .click();
        ConsoleBrowsing.confirm(browser);
        waitForRows(2);
        assertThat(admin.get("/admin/cache/entries/" + newest).status()).isEqualTo(404);
        browser.waitUntil(
                "the entries count", "document.querySelector('[data-cache-stat=entries]').textContent === '2'");

        browser.find("#cache-purge-all").click();
        ConsoleBrowsing.confirm(browser);
        waitForRows(0);
        assertThat(admin.get("/admin/cache/entries").body().path("data").size()).isZero();
        browser.assertNoErrors();
    }

    @Test
    void aBadFilterIsShownNextToItsField() {
        browser.page("cache");
        waitForRows(3);

        ConsoleBrowsing.fill(browser.find("#cache-form"), "skill", "s".repeat(201));
        ConsoleBrowsing.submit(browser.find("#cache-form"));
        WebElement error = browser.waitVisible("#cache-form [data-error-for=skill]");
        assertThat(error.getText()).contains("skill must be 1 to 200");
        assertThat(rows()).isEqualTo(3);
        browser.discardMessages();
    }

    @Test
    void theViewerSeesTheEntriesButNeitherTheirTextNorAnyPurge() {
        ConsoleBrowsing.signIn(browser, VIEWER_KEY);
        try {
            browser.page("cache");
            waitForRows(3);
            for (String control : new String[] {"#cache-purge-all", "#cache-purge-matching"}) {
                assertThat(browser.find(control).isEnabled()).as(control).isFalse();
            }
            assertThat(browser.findAll("table#cache-table button[data-action=remove]"))
                    .isNotEmpty()
                    .noneMatch(WebElement::isEnabled);

            browser.find("table#cache-table tr[data-id] button[data-action=details]")
                    .click();
            browser.waitVisible("#cache-detail-hidden");
            assertThat(browser.findAll("#cache-detail pre")).isEmpty();
            assertThat(browser.find("main#page").getText()).doesNotContain(ConsoleBrowsing.XSS);
            browser.assertNoErrors();
        } finally {
            ConsoleBrowsing.signOut(browser);
            ConsoleBrowsing.signIn(browser, ADMIN_KEY);
        }
    }

    @Test
    void theOverviewsCacheCardShowsTheHitRateAndTheEntriesFitAPhone() {
        browser.page("overview");
        browser.waitFor("#cache-card [data-cache-stat=hit_rate]");
        assertThat(browser.find("#cache-card [data-cache-stat=hit_rate]").getText())
                .endsWith("%");
        assertThat(browser.find("#cache-card [data-cache-stat=entries]").getText())
                .isEqualTo("3");

        try {
            browser.phone(390);
            browser.page("cache");
            waitForRows(3);
            assertThat(browser.horizontalOverflow())
                    .as("the cache page at 390 px")
                    .isZero();
        } finally {
            browser.desktop();
        }
        browser.assertNoErrors();
    }
}
