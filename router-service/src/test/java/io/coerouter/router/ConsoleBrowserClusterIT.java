package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.console.Browser;
import io.coerouter.router.dispatch.ClusterDirectory;
import io.coerouter.router.dispatch.ExpertWorkQueue;
import io.coerouter.router.dispatch.ResidentModel;
import io.coerouter.router.dispatch.WorkItem;
import io.coerouter.router.dispatch.WorkerResidency;
import io.coerouter.router.state.RedisTestServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The model pool page of a gateway ({@code coe.role=gateway}, the demo pack's local experts dispatched, auth on) in a
 * real headless Chromium, with a cluster made in the shared store by the real {@link ClusterDirectory} and
 * {@link ExpertWorkQueue}: two workers' residency records, a placement claim and a waiting request. The page's cluster
 * section shows both workers with the models on their devices, their device memory, queue and calls in flight, the
 * gateway itself, and each local expert's queue with its waiting count, holders and claimant; it follows the queue
 * without a reload, fits a phone's width, and shows a model name from the store that is HTML as text. The cluster
 * screenshot of docs/console.md is taken here. No local expert is called: on a gateway they are dispatched ones, and
 * these workers are only records.
 */
class ConsoleBrowserClusterIT {

    private static final String ADMIN_KEY = "admin-secret-cluster-0123456789";
    private static final Duration TTL = Duration.ofMinutes(1);
    private static final long MB = 1024 * 1024;
    // Plain worker ids: the test's key prefix keeps them apart from any other test's.
    private static final String WORKER_A = "worker-a";
    private static final String WORKER_B = "worker-b";
    private static final String HOSTILE = "worker-hostile";

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static ConfigurableApplicationContext gateway;
    private static ClusterDirectory directory;
    private static ExpertWorkQueue queues;
    private static Browser browser;

    @BeforeAll
    static void start() {
        gateway = Routers.start(
                REDIS, "--coe.role=gateway", "--coe.auth.enabled=true", "--coe.auth.admin-key=" + ADMIN_KEY);
        directory = ClusterDirectory.redis(REDIS.url(), REDIS.prefix(), Duration.ofSeconds(2), Clock.systemUTC());
        queues = ExpertWorkQueue.redis(REDIS.url(), REDIS.prefix(), 100, Duration.ofSeconds(2));
        browser = Browser.open(Routers.port(gateway));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (directory != null) {
            directory.removeWorker(WORKER_A);
            directory.removeWorker(WORKER_B);
            directory.release("calendar-expert", WORKER_B);
            directory.close();
        }
        if (queues != null) {
            queues.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        REDIS.close(); // and every key under the test's prefix: the queues' streams, the gateway's record
    }

    @BeforeEach
    void signedInWithTwoWorkers() {
        long now = System.currentTimeMillis();
        // Worker a holds two models and keeps one in host memory; worker b holds one and claimed calendar-expert.
        directory.publishWorker(
                new WorkerResidency(
                        WORKER_A,
                        List.of(
                                new ResidentModel("arithmetic-expert", 1_200_000, now - 30_000),
                                new ResidentModel("capitals-expert", 900_000, now - 2_000)),
                        List.of(new ResidentModel("units-expert", 800_000, now - 120_000)),
                        3 * MB,
                        3 * MB - 2_100_000,
                        1,
                        2,
                        now),
                TTL);
        directory.publishWorker(
                new WorkerResidency(
                        WORKER_B,
                        List.of(new ResidentModel("strings-expert", 700_000, now - 5_000)),
                        List.of(),
                        3 * MB,
                        3 * MB - 700_000,
                        0,
                        1,
                        now),
                TTL);
        assertThat(directory.claim("calendar-expert", WORKER_B, TTL)).isTrue();
        ConsoleBrowsing.ensureSignedIn(browser, ADMIN_KEY);
    }

    @AfterEach
    void desktop() {
        browser.desktop();
    }

    @Test
    void thePoolPageShowsTheWorkersTheirModelsAndEachLocalExpertsQueue() {
        queues.enqueue("units-expert", item());
        browser.page("pool");

        browser.waitFor("#cluster-box[data-role=gateway] table#cluster-queues");
        assertThat(browser.find("#cluster-title").getText()).contains("coe.role=gateway");
        String replica = (String) ((Map<?, ?>)
                        browser.fetch("GET", "/admin/cluster", Map.of(), null).get("body"))
                .get("replica");
        WebElement a = worker(WORKER_A);
        assertThat(models(a)).containsExactly("arithmetic-expert", "capitals-expert");
        assertThat(a.findElement(By.cssSelector("td[data-col=device]")).getText())
                .contains("1.1 MiB") // 1,200,000 bytes
                .contains("host: units-expert");
        assertThat(cell(a, "memory")).contains("2.0 MiB of 3.0 MiB");
        assertThat(cell(a, "queued")).isEqualTo("1");
        assertThat(cell(a, "in_flight")).isEqualTo("2");
        assertThat(cell(a, "heartbeat")).endsWith("ago");
        WebElement b = worker(WORKER_B);
        assertThat(models(b)).containsExactly("strings-expert");
        assertThat(cell(b, "in_flight")).isEqualTo("1");

        assertThat(browser.find("#cluster-gateways li[data-id='" + replica + "']")
                        .getText())
                .contains(replica)
                .contains("this replica");

        WebElement units = queue("units-expert");
        assertThat(cell(units, "waiting")).isEqualTo("1");
        assertThat(cell(units, "oldest_wait")).isNotEqualTo("—");
        assertThat(cell(queue("arithmetic-expert"), "holders")).isEqualTo(WORKER_A);
        assertThat(cell(queue("arithmetic-expert"), "waiting")).isEqualTo("0");
        assertThat(cell(queue("calendar-expert"), "claimant")).isEqualTo(WORKER_B);
        assertThat(cell(queue("calendar-expert"), "holders")).isEqualTo("—");
        assertThat(browser.find("#cluster-summary").getText())
                .contains("is a gateway")
                .contains("2 workers, 1 gateway live");
        browser.script("window.scrollTo(0, document.getElementById('pool-cluster').offsetTop - 8)");
        browser.screenshot("pool-cluster");
        browser.assertNoErrors();

        browser.phone(390);
        browser.page("pool");
        browser.waitFor("table#cluster-workers tr[data-id='" + WORKER_A + "']");
        assertThat(browser.horizontalOverflow()).as("the pool page at 390 px").isZero();
        browser.assertNoErrors();
    }

    @Test
    void theClusterSectionFollowsTheQueueWithoutAReload() {
        browser.page("pool");
        browser.waitFor("table#cluster-queues tr[data-id='strings-expert']");
        String waitingBefore = cell(queue("strings-expert"), "waiting");
        browser.script("window.__sameDocument = true");

        queues.enqueue("strings-expert", item());
        queues.enqueue("strings-expert", item());

        long expected = Long.parseLong(waitingBefore) + 2;
        browser.waitUntil(
                "the new waiting requests in the queue table",
                "(document.querySelector(\"#cluster-queues tr[data-id='strings-expert'] td[data-col=waiting]\") || {})"
                        + ".textContent === '" + expected + "'");
        assertThat(browser.script("return window.__sameDocument === true")).isEqualTo(true);
        browser.assertNoErrors();
    }

    @Test
    void aModelNameFromTheStoreThatIsHtmlShowsAsText() {
        long now = System.currentTimeMillis();
        directory.publishWorker(
                new WorkerResidency(
                        HOSTILE,
                        List.of(new ResidentModel(ConsoleBrowsing.XSS, 1_000, now)),
                        List.of(new ResidentModel(ConsoleBrowsing.XSS + "-host", 1_000, now)),
                        MB,
                        MB - 1_000,
                        0,
                        0,
                        now),
                TTL);
        try {
            browser.page("pool");
            WebElement hostile = worker(HOSTILE);
            assertThat(models(hostile)).containsExactly(ConsoleBrowsing.XSS);
            assertThat(ConsoleBrowsing.showsPayloadAsText(browser)).isTrue();
            ConsoleBrowsing.assertInert(browser);
            browser.assertNoErrors();
        } finally {
            directory.removeWorker(HOSTILE);
        }
    }

    private static WorkItem item() {
        return new WorkItem(
                "req-" + UUID.randomUUID(), "console-test-gateway", "{\"model\":\"test\"}", System.currentTimeMillis());
    }

    /** Waits for worker {@code id}'s row in the workers table and returns it. */
    private static WebElement worker(String id) {
        return browser.waitFor("table#cluster-workers tr[data-id='" + id + "']");
    }

    /** Expert {@code expert}'s row in the queue table. */
    private static WebElement queue(String expert) {
        return browser.waitFor("table#cluster-queues tr[data-id='" + expert + "']");
    }

    /** The models a worker's row lists on its device, in order. */
    private static List<String> models(WebElement row) {
        return row.findElements(By.cssSelector("td[data-col=device] li[data-model]")).stream()
                .map(li -> li.getAttribute("data-model"))
                .toList();
    }

    private static String cell(WebElement row, String column) {
        return row.findElement(By.cssSelector("td[data-col=" + column + "]"))
                .getText()
                .strip();
    }
}
