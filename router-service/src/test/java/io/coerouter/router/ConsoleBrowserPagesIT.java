package io.coerouter.router;

import static io.coerouter.router.ConsoleBrowsing.PAGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.console.Browser;
import io.coerouter.router.state.RedisTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every console page in a real headless Chromium, on the README's router (the demo pack's local experts and skill
 * routing) with auth on and some traffic, a key and an evaluation behind it: each page renders its live data without
 * a JavaScript error at 1280×800 and at 390 pixels wide (the body never scrolls sideways), the navigation is reachable
 * with Tab and opens a page with Enter, a profiling job started from an uploaded JSONL file shows its progress bar
 * reach 100%, the playground explains a query, and the model pool page says a router of role all runs alone. The
 * screenshots of docs/console.md are taken here.
 */
class ConsoleBrowserPagesIT {

    private static final String ADMIN_KEY = "admin-secret-pages-0123456789";
    private static final int PHONE = 390;
    /** Pages photographed at the phone's width too. */
    private static final List<String> PHONE_SHOTS = List.of("overview", "experts", "playground");

    /** For each page, an element that only its live data makes. */
    private static final Map<String, String> LIVE = Map.of(
            "overview", "table#replicas tr[data-id] td[data-col=health]",
            "experts", "table#experts tr[data-id='arithmetic-expert'] td[data-col=adapter]",
            "skills", "#heatmap td[data-skill='arithmetic'][data-expert='arithmetic-expert']",
            "playground", "form#pg-form #pg-query",
            "evaluations", "#eval-recent li[data-id]",
            "keys", "table#keys tr[data-id] td[data-col=budget]",
            "jobs", "table#jobs tr[data-id] td[data-col=progress] progress",
            "pool", "table#pool tr[data-id] td[data-col=tier]",
            "usage", "#usage-off[data-usage=off]",
            "cache", "#cache-off[data-cache=off]");

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static ConfigurableApplicationContext router;
    private static DemoHttp admin;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        router = Routers.start(REDIS, "--coe.auth.enabled=true", "--coe.auth.admin-key=" + ADMIN_KEY);
        DemoHttp http = Routers.http(router);
        admin = http.as(ADMIN_KEY);
        // Live data for the pages: a key with a budget, traffic that loads a local model, an evaluation job.
        DemoHttp.Reply key = admin.post("/admin/keys", "{\"name\":\"ops-team\",\"budget_usd\":5}");
        assertThat(key.status()).as(key.raw()).isEqualTo(201);
        DemoHttp gateway = http.as(key.body().path("key").asString());
        for (String question : List.of("What is 17 + 6?", "What is the capital of Peru?")) {
            DemoHttp.Reply answer = gateway.post("/v1/chat/completions", DemoHttp.chat("coe", question, null));
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        }
        DemoHttp.Reply evaluation = admin.post(
                "/admin/evaluations",
                "{\"eval_set\":" + DemoHttp.JSON.writeValueAsString(evalSet())
                        + ",\"experts\":[\"arithmetic-expert\",\"echo\"]}");
        assertThat(evaluation.status()).as(evaluation.raw()).isEqualTo(202);
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

    @AfterEach
    void desktop() {
        browser.desktop();
    }

    /** A few labelled questions of two skills, as a JSONL evaluation set. */
    private static String evalSet() {
        return String.join(
                "\n",
                "{\"question\":\"What is 2 + 3?\",\"answer\":\"5\",\"skill\":\"arithmetic\"}",
                "{\"question\":\"What is 10 + 4?\",\"answer\":\"14\",\"skill\":\"arithmetic\"}",
                "{\"question\":\"What is 7 + 8?\",\"answer\":\"15\",\"skill\":\"arithmetic\"}",
                "{\"question\":\"What is the capital of France?\",\"answer\":\"Paris\",\"skill\":\"capitals\"}",
                "{\"question\":\"What is the capital of Japan?\",\"answer\":\"Tokyo\",\"skill\":\"capitals\"}",
                "{\"question\":\"What is the capital of Peru?\",\"answer\":\"Lima\",\"skill\":\"capitals\"}");
    }

    @Test
    void everyPageRendersItsLiveDataWithoutErrorsOnADesktopAndAPhone() {
        List<String> problems = new ArrayList<>();
        for (String page : PAGES) {
            browser.page(page);
            browser.waitFor(LIVE.get(page));
            browser.assertNoErrors();
            assertThat(browser.viewportWidth()).isEqualTo(Browser.WIDTH);
            assertThat(browser.horizontalOverflow())
                    .as("%s at %d px", page, Browser.WIDTH)
                    .isZero();
            if (page.equals("evaluations")) { // the seeded evaluation's report: a table and a chart
                browser.find("#eval-recent li[data-id] a").click();
                browser.waitFor("#eval-table tr[data-method]");
                browser.waitFor("#eval-chart [data-method]");
                browser.script("document.getElementById('eval-result-title').scrollIntoView()");
                browser.assertNoErrors();
            }
            browser.screenshot(page);

            browser.phone(PHONE);
            browser.page(page);
            browser.waitFor(LIVE.get(page));
            browser.assertNoErrors();
            assertThat(browser.viewportWidth()).isEqualTo(PHONE);
            if (browser.horizontalOverflow() > 0) {
                problems.add(page + " is " + browser.horizontalOverflow() + " px wider than " + PHONE + " px");
            }
            if (PHONE_SHOTS.contains(page)) {
                browser.screenshot(page + "-" + PHONE);
            }
            browser.desktop();
        }
        assertThat(problems).as("pages that scroll sideways on a phone").isEmpty();
    }

    @Test
    void thePoolPageSaysARouterOfRoleAllRunsAloneAndAsksForTheClusterOnlyOnce() {
        browser.page("pool");

        WebElement alone = browser.waitVisible("#pool-cluster #cluster-alone");
        assertThat(alone.getText()).contains("runs alone").contains("coe.role=all");
        assertThat(browser.find("#cluster-box").getAttribute("data-role")).isEqualTo("all");
        assertThat(browser.findAll("#cluster-workers, #cluster-gateways, #cluster-queues"))
                .isEmpty();
        // The page refreshes the pool every 5 s; a router of role all has no cluster to refresh.
        browser.waitUntil("a refresh of the pool", adminCalls("/admin/pool") + " >= 2");
        assertThat(browser.script("return " + adminCalls("/admin/cluster"))).isEqualTo(1L);
        browser.assertNoErrors();
    }

    /** A JavaScript expression: how many requests this document made to {@code path}. */
    private static String adminCalls(String path) {
        return "performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === '" + path
                + "').length";
    }

    @Test
    void theNavigationIsReachableWithTabAndOpensAPageWithEnter() {
        browser.page("overview");
        browser.script("document.activeElement.blur(); window.scrollTo(0, 0);");
        Actions keys = new Actions(browser.driver());

        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 20 && reached.size() < PAGES.size(); i++) {
            keys.sendKeys(Keys.TAB).perform();
            Object nav = browser.script("return document.activeElement.getAttribute('data-nav')");
            if (nav != null) {
                reached.add((String) nav);
            }
        }
        assertThat(reached).as("the nav links reached with Tab, in order").containsExactlyElementsOf(PAGES);

        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform(); // back to "Usage"
        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform(); // back to "Model pool"
        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform(); // back to "Jobs & batches"
        assertThat(browser.script("return document.activeElement.getAttribute('data-nav')"))
                .isEqualTo("jobs");
        keys.sendKeys(Keys.ENTER).perform();
        browser.waitForPage("jobs");
        assertThat(browser.find("[data-nav=jobs]").getAttribute("aria-current")).isEqualTo("page");
        browser.assertNoErrors();
    }

    @Test
    void aProfilingJobStartedFromAnUploadedFileShowsItsProgressBarReach100Percent(@TempDir Path dir) throws Exception {
        Path upload = Files.writeString(dir.resolve("profile-set.jsonl"), evalSet() + "\n");
        browser.page("skills");

        browser.find("#profile-file").sendKeys(upload.toString());
        browser.find("#profile-experts").sendKeys("arithmetic-expert, capitals-expert");
        browser.find("#profile-start").click();

        browser.waitUntil("a job in the page", "document.querySelector('#profile-job [data-state]')");
        WebElement bar = browser.find("#profile-progress");
        assertThat(bar.isDisplayed()).isTrue();
        browser.waitUntil(
                "the progress bar at 100%",
                "(() => { const p = document.getElementById('profile-progress');"
                        + " return p.max > 1 && p.value === p.max; })()");
        browser.waitUntil("the job succeeded", "document.querySelector('#profile-job [data-state=succeeded]')");
        assertThat(browser.find("#profile-progress-label").getText()).matches("(\\d+)/\\1 · 100% · succeeded");
        for (WebElement expert : browser.findAll("#profile-job progress[data-expert]")) {
            assertThat(expert.getAttribute("value")).isEqualTo(expert.getAttribute("max"));
        }
        assertThat(browser.driver().getCurrentUrl()).contains("#/skills?job=");
        browser.screenshot("skills-profiling");
        browser.assertNoErrors();
    }

    @Test
    void thePlaygroundExplainsAQueryWithSkillsCandidatesMethodKAndAggregator() {
        browser.page("playground");

        browser.find("#pg-query").sendKeys("What is 17 + 6?");
        browser.find("#pg-explain").click();

        browser.waitVisible("#pg-skills li[data-skill]");
        WebElement top = browser.findAll("#pg-skills li[data-skill]").getFirst();
        assertThat(top.getAttribute("data-skill")).isEqualTo("arithmetic");
        assertThat(Double.parseDouble(top.getAttribute("data-score"))).isPositive();
        assertThat(top.getText()).containsPattern("\\d+(\\.\\d)?%");
        assertThat(browser.find("#pg-candidates tr.chosen[data-id]").getAttribute("data-id"))
                .isEqualTo("arithmetic-expert");
        assertThat(browser.find("#pg-decision dd[data-field=method]").getText()).isEqualTo("category");
        assertThat(browser.find("#pg-decision dd[data-field=k]").getText()).isEqualTo("1");
        assertThat(browser.find("#pg-decision dd[data-field=aggregator]").getText())
                .isEqualTo("none (one expert)");

        WebElement query = browser.find("#pg-query");
        query.clear();
        query.sendKeys("What is the capital of Peru?");
        new Select(browser.find("#pg-method")).selectByValue("symbolic-moe");
        browser.find("#pg-k").sendKeys("2");
        browser.find("#pg-explain").click();
        browser.waitUntil(
                "the symbolic-moe decision",
                "(document.querySelector('#pg-decision dd[data-field=method]') || {}).textContent === 'symbolic-moe'");
        assertThat(browser.find("#pg-decision dd[data-field=k]").getText()).isEqualTo("2");
        assertThat(browser.find("#pg-decision dd[data-field=aggregator]").getText())
                .isNotBlank()
                .isNotEqualTo("none (one expert)");
        assertThat(browser.findAll("#pg-candidates tr.chosen[data-id]")).hasSize(2);
        browser.screenshot("playground-explained");
        browser.assertNoErrors();
    }
}
