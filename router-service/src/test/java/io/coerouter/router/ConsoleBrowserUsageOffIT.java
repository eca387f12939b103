package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.console.Browser;
import io.coerouter.router.state.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console's Usage page and the overview's usage card in a real headless Chromium on a router without a usage
 * database (no {@code coe.usage.datasource.url}): both show the API's own message instead of figures, the tabs are
 * disabled, and the Requests tab opened directly shows the request log's message.
 */
class ConsoleBrowserUsageOffIT {

    private static final String ADMIN_KEY = "admin-secret-usage-off-0123456789";

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static ConfigurableApplicationContext router;
    private static DemoHttp admin;
    private static Browser browser;

    @BeforeAll
    static void start() {
        router = Routers.start(
                REDIS,
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo");
        admin = Routers.http(router).as(ADMIN_KEY);
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
    void signedIn() {
        ConsoleBrowsing.ensureSignedIn(browser, ADMIN_KEY);
    }

    @Test
    void theUsagePageShowsTheApisMessageWhenUsageHistoryIsOff() throws Exception {
        DemoHttp.Reply usage = admin.get("/admin/usage?group_by=key&bucket=hour");
        assertThat(usage.status()).as(usage.raw()).isEqualTo(200);
        assertThat(usage.body().path("enabled").asBoolean(true)).isFalse();
        String message = usage.body().path("message").asString();
        assertThat(message).contains("coe.usage.datasource.url");

        browser.page("usage");

        assertThat(browser.waitVisible("#usage-off").getText()).isEqualTo(message);
        assertThat(browser.findAll("#usage-table")).isEmpty();
        assertThat(browser.find("#usage-panel-summary").isDisplayed()).isFalse();
        assertThat(browser.find("#usage-tab-summary").isEnabled()).isFalse();
        assertThat(browser.find("#usage-tab-requests").isEnabled()).isFalse();
        assertThat(browser.find("[data-nav=usage]").getAttribute("aria-current"))
                .isEqualTo("page");
        browser.assertNoErrors();
    }

    @Test
    void theRequestsTabOpenedDirectlyShowsTheRequestLogsMessage() throws Exception {
        DemoHttp.Reply requests = admin.get("/admin/requests");
        assertThat(requests.status()).as(requests.raw()).isEqualTo(200);
        assertThat(requests.body().path("enabled").asBoolean(true)).isFalse();

        browser.get("/console/#/usage?tab=requests");
        browser.waitForPage("usage");

        assertThat(browser.waitVisible("#requests-off").getText())
                .isEqualTo(requests.body().path("message").asString());
        assertThat(browser.find("#requests-form").isDisplayed()).isFalse();
        assertThat(browser.findAll("#requests-table")).isEmpty();
        browser.assertNoErrors();
    }

    @Test
    void theOverviewsUsageCardSaysUsageHistoryIsOff() throws Exception {
        String message = admin.get("/admin/usage?group_by=model&bucket=none")
                .body()
                .path("message")
                .asString();

        browser.page("overview");

        assertThat(browser.waitVisible("#usage-card #usage-card-off").getText()).isEqualTo(message);
        assertThat(browser.findAll("#usage-card [data-usage-stat]")).isEmpty();
        browser.assertNoErrors();
    }
}
