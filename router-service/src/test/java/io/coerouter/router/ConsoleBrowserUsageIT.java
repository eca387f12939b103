package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.console.Browser;
import io.coerouter.router.state.RedisTestServer;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console's Usage page in a real headless Chromium on a router with usage history on: a database of its own in
 * the PostgreSQL on {@code COE_TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * postgres), created for the class and dropped after it. A gateway key sends a few requests to the echo expert (the
 * last one's question HTML) and one to an expert whose server is down; the page then shows them per key and per
 * expert with their errors, tokens and latency percentiles, offers the same query as CSV, and lists them in the
 * Requests tab, filtered by status, with a request's record, whose captured HTML question shows as text and never runs.
 */
class ConsoleBrowserUsageIT {

    private static final String ADMIN_KEY = "admin-secret-usage-on-0123456789";
    /** Requests the echo expert answers; one more, to the expert that is down, fails. */
    private static final int REQUESTS = 3;

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final String SERVER =
            System.getenv().getOrDefault("COE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String DATABASE =
            "coe_console_usage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private static ConfigurableApplicationContext router;
    private static DemoHttp admin;
    private static String keyId;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        sql("CREATE DATABASE " + DATABASE);
        router = Routers.start(
                REDIS,
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo",
                "--coe.experts[0].input-price-per1k=2",
                "--coe.experts[0].output-price-per1k=4",
                "--coe.experts[1].id=down",
                "--coe.experts[1].adapter=openai",
                "--coe.experts[1].base-url=http://127.0.0.1:1/v1",
                "--coe.experts[1].model=nothing-listens",
                "--coe.experts[1].request-timeout=5s",
                "--coe.experts[1].resilience.max-attempts=1",
                "--coe.experts[1].resilience.circuit-breaker=false",
                "--coe.usage.datasource.url=" + database(),
                "--coe.usage.datasource.username=" + user(),
                "--coe.usage.request-log.enabled=true",
                "--coe.usage.request-log.capture-content=true",
                "--coe.usage.flush-interval=100ms");
        DemoHttp http = Routers.http(router);
        admin = http.as(ADMIN_KEY);
        DemoHttp.Reply key = admin.post("/admin/keys", "{\"name\":\"usage-team\"}");
        assertThat(key.status()).as(key.raw()).isEqualTo(201);
        keyId = key.body().path("id").asString();
        DemoHttp gateway = http.as(key.body().path("key").asString());
        for (int i = 0; i < REQUESTS; i++) {
            String question = i == REQUESTS - 1 ? ConsoleBrowsing.XSS : "Count me, please " + i;
            DemoHttp.Reply answer = gateway.post("/v1/chat/completions", DemoHttp.chat("echo", question, null));
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        }
        DemoHttp.Reply failed = gateway.post("/v1/chat/completions", DemoHttp.chat("down", "Anyone there?", null));
        assertThat(failed.status()).as(failed.raw()).isGreaterThanOrEqualTo(500);
        browser = Browser.open(Routers.port(router));
        // The writer flushes every 100 ms; wait until the rollup and the request log hold every request.
        browser.waitUntil("the usage history to hold the requests", () -> written() == REQUESTS + 1);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
            if (router != null) {
                router.close();
            }
            REDIS.close();
        } finally {
            sql("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    @BeforeEach
    void signedIn() {
        ConsoleBrowsing.ensureSignedIn(browser, ADMIN_KEY);
    }

    @Test
    void theSummaryShowsTheRequestsPerKeyAndPerExpertWithTokensLatencyAndACsvOfTheSameQuery() {
        browser.page("usage");

        String row = "table#usage-table tr[data-id='" + keyId + "']";
        browser.waitFor(row);
        assertThat(browser.find(row + " td[data-col=requests]").getText()).isEqualTo(String.valueOf(REQUESTS + 1));
        assertThat(browser.find(row + " td[data-col=errors]").getText()).isEqualTo("1 (25.0%)");
        assertThat(browser.find(row + " td[data-col=input_tokens]").getText()).matches("[1-9][0-9,]*");
        assertThat(browser.find(row + " td[data-col=p50]").getText()).endsWith("ms");
        assertThat(browser.find(row + " td[data-col=cache_hits]").getText())
                .as("the cache is off here")
                .isEqualTo("0 (0.0%)");
        assertThat(browser.find(row + " td[data-col=cost_usd]").getText())
                .startsWith("$")
                .isNotEqualTo("$0.00");
        assertThat(browser.find("#usage-summary-note").getText()).startsWith((REQUESTS + 1) + " requests, 1 error,");
        // Per hour: the charts are drawn.
        browser.waitFor("#usage-requests-chart .uplot");
        browser.waitFor("#usage-cost-chart .uplot");
        browser.screenshot("usage-history");
        assertThat(legend()).containsExactly(keyId);

        // Per skill (direct requests: one group, "", which uPlot labels by its default) the requests chart has as
        // many lines as per key: its legend no longer names the key it showed before.
        new Select(browser.find("#usage-group-by")).selectByValue("skill");
        browser.waitUntil("the table per skill", "document.querySelector('#usage-table th').textContent === 'Skill'");
        assertThat(legend()).hasSize(1).doesNotContain(keyId);

        new Select(browser.find("#usage-group-by")).selectByValue("expert");
        browser.waitUntil("the table per expert", "document.querySelector('#usage-table th').textContent === 'Expert'");
        assertThat(legend()).containsExactlyInAnyOrder("echo", "down");
        assertThat(browser.find("table#usage-table tr[data-id='echo'] td[data-col=requests]")
                        .getText())
                .isEqualTo(String.valueOf(REQUESTS));
        assertThat(browser.find("table#usage-table tr[data-id='down'] td[data-col=errors]")
                        .getText())
                .isEqualTo("1 (100.0%)");

        String csv = browser.find("#usage-csv").getAttribute("href");
        assertThat(URI.create(csv).getQuery()).contains("group_by=expert").contains("format=csv");
        Map<String, Object> download = browser.fetch(
                "GET", URI.create(csv).getRawPath() + "?" + URI.create(csv).getRawQuery(), Map.of(), null);
        assertThat(download.get("status")).isEqualTo(200L);
        assertThat(download.get("body").toString()).contains("echo");

        new Select(browser.find("#usage-bucket")).selectByValue("none");
        browser.waitUntil(
                "the charts to give way to their note", "!document.getElementById('usage-chart-note').hidden");
        assertThat(browser.find("table#usage-table tr[data-id='echo'] td[data-col=requests]")
                        .getText())
                .isEqualTo(String.valueOf(REQUESTS));
        browser.assertNoErrors();
    }

    @Test
    void theRequestsTabListsTheLoggedRequestsFiltersThemByStatusAndShowsARecordsHtmlAsText() {
        browser.page("usage");
        browser.find("#usage-tab-requests").click();

        browser.waitUntil(
                "the logged requests",
                "document.querySelectorAll('table#requests-table tr[data-id]').length === " + (REQUESTS + 1));
        List<WebElement> keys = browser.findAll("table#requests-table td[data-col=key]");
        assertThat(keys).extracting(WebElement::getText).containsOnly(keyId);
        assertThat(browser.findAll("table#requests-table td[data-col=experts] [data-expert='echo']"))
                .hasSize(REQUESTS);
        assertThat(browser.find("#usage-tab-requests").getAttribute("aria-selected"))
                .isEqualTo("true");
        browser.screenshot("usage-requests");

        new Select(browser.find("#requests-status")).selectByValue("error");
        browser.find("#requests-apply").click();
        browser.waitUntil(
                "only the failed request",
                "document.querySelectorAll('table#requests-table tr[data-id]').length === 1");
        assertThat(browser.find("table#requests-table td[data-col=model]").getText())
                .isEqualTo("down");
        assertThat(browser.find("table#requests-table td[data-col=status] [data-status]")
                        .getAttribute("data-status"))
                .isEqualTo("error");

        new Select(browser.find("#requests-status")).selectByValue("ok");
        browser.find("#requests-apply").click();
        browser.waitUntil(
                "only the answered requests",
                "document.querySelectorAll('table#requests-table tr[data-id]').length === " + REQUESTS);
        // The newest answered request is the one whose question was HTML: its record shows the captured messages.
        browser.find("table#requests-table tr[data-id] button[data-action=details]")
                .click();
        browser.waitVisible("#request-detail dd[data-field=model]");
        assertThat(browser.find("#request-detail dd[data-field=model]").getText())
                .isEqualTo("echo");
        assertThat(browser.find("#request-detail dd[data-field=key]").getText()).isEqualTo(keyId);
        assertThat(browser.find("#request-detail dd[data-field=status]")
                        .getText()
                        .toLowerCase(Locale.ROOT))
                .startsWith("ok");
        assertThat(browser.find("#request-detail pre").getText()).contains(ConsoleBrowsing.XSS);
        assertThat(ConsoleBrowsing.showsPayloadAsText(browser)).isTrue();
        ConsoleBrowsing.assertInert(browser);
        browser.assertNoErrors();
    }

    @Test
    void bothTabsWithTheirDataFitAPhoneWithoutScrollingSideways() {
        try {
            browser.phone(390);
            browser.page("usage");
            browser.waitFor("table#usage-table tr[data-id='" + keyId + "']");
            browser.waitFor("#usage-requests-chart .uplot");
            assertThat(browser.horizontalOverflow()).as("the summary at 390 px").isZero();
            browser.find("#usage-tab-requests").click();
            browser.waitFor("table#requests-table tr[data-id]");
            assertThat(browser.horizontalOverflow())
                    .as("the request log at 390 px")
                    .isZero();
            browser.assertNoErrors();
        } finally {
            browser.desktop();
        }
    }

    @Test
    void theOverviewsUsageCardSumsTheLast24HoursByModel() {
        browser.page("overview");

        browser.waitFor("#usage-card [data-usage-stat=requests]");
        assertThat(browser.find("#usage-card [data-usage-stat=requests]").getText())
                .isEqualTo(String.valueOf(REQUESTS + 1));
        assertThat(browser.find("#usage-card [data-usage-stat=errors]").getText())
                .isEqualTo("1");
        assertThat(browser.findAll("#usage-card-models li[data-model='echo']")).hasSize(1);
        browser.assertNoErrors();
    }

    /** The labels of the requests chart's lines, as its legend shows them (without the time axis). */
    private static List<String> legend() {
        Object labels = browser.script("return Array.from(document.querySelectorAll("
                + "'#usage-requests-chart .u-legend .u-series')).slice(1)"
                + ".map((row) => row.querySelector('.u-label').textContent);");
        return ((List<?>) labels).stream().map(String::valueOf).toList();
    }

    /** Requests in both the rollup (per key, whole range) and the request log; -1 until both agree. */
    private static int written() {
        try {
            DemoHttp.Reply usage = admin.get("/admin/usage?group_by=key&bucket=none");
            DemoHttp.Reply log = admin.get("/admin/requests");
            if (usage.status() != 200 || log.status() != 200) {
                return -1;
            }
            long rolled = 0;
            for (var row : usage.body().path("data")) {
                rolled += row.path("requests").asLong();
            }
            int logged = log.body().path("data").size();
            return rolled == logged ? logged : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static String user() {
        return System.getenv().getOrDefault("COE_TEST_POSTGRES_USER", "postgres");
    }

    /** The JDBC URL of this class's database on the same server. */
    private static String database() {
        URI server = URI.create(SERVER.substring("jdbc:".length()));
        return "jdbc:postgresql://" + server.getRawAuthority() + "/" + DATABASE;
    }

    /** Runs one statement on the server's maintenance database as the test user. */
    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(SERVER, user(), System.getenv("COE_TEST_POSTGRES_PASSWORD"));
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
