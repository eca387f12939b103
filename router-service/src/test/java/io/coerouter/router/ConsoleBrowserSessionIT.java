package io.coerouter.router;

import static io.coerouter.router.ConsoleBrowsing.PAGES;
import static io.coerouter.router.ConsoleBrowsing.XSS;
import static io.coerouter.router.ConsoleBrowsing.assertInert;
import static io.coerouter.router.ConsoleBrowsing.confirm;
import static io.coerouter.router.ConsoleBrowsing.fill;
import static io.coerouter.router.ConsoleBrowsing.json;
import static io.coerouter.router.ConsoleBrowsing.models;
import static io.coerouter.router.ConsoleBrowsing.rowAction;
import static io.coerouter.router.ConsoleBrowsing.showsPayloadAsText;
import static io.coerouter.router.ConsoleBrowsing.signIn;
import static io.coerouter.router.ConsoleBrowsing.signOut;
import static io.coerouter.router.ConsoleBrowsing.submit;
import static io.coerouter.router.ConsoleBrowsing.submitCredential;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.console.Browser;
import io.coerouter.router.state.RedisTestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console in a real headless Chromium with auth on (one router on Redis, the {@code echo} expert): signing in and
 * out, a wrong key, the experts page's create, edit, disable and delete followed by {@code GET /v1/models}, a key's
 * secret shown once, HTML payloads in an expert, a skill, a key name and a model's answer rendered as text, a write
 * without the CSRF token refused, and the viewer seeing every page with every write control disabled.
 */
class ConsoleBrowserSessionIT {

    private static final String ADMIN_KEY = "admin-secret-browser-0123456789";
    private static final String VIEWER_KEY = "viewer-secret-browser-0123456789";
    /** The pages with write controls whatever the data (the viewer must see them disabled). */
    private static final List<String> WRITE_PAGES = List.of("experts", "skills", "playground", "evaluations", "keys");

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static ConfigurableApplicationContext router;
    private static DemoHttp http;
    private static DemoHttp admin;
    private static String gatewayKey;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        router = Routers.start(
                REDIS,
                "--coe.auth.enabled=true",
                "--coe.auth.admin-key=" + ADMIN_KEY,
                "--coe.auth.viewer-key=" + VIEWER_KEY,
                "--coe.default-expert=echo",
                "--coe.experts[0].id=echo",
                "--coe.experts[0].adapter=echo");
        http = Routers.http(router);
        admin = http.as(ADMIN_KEY);
        gatewayKey = ConsoleBrowsing.gatewayKey(http, ADMIN_KEY, "browser-session-tests");
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

    @AfterEach
    void signOutIfSignedIn() {
        browser.desktop();
        browser.driver().manage().deleteAllCookies();
        browser.discardMessages();
    }

    private static String unique(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theAdminSignsInAndOutAndAfterwardsEveryPageGoesToTheLogin() {
        browser.get("/console/#/keys");
        browser.waitUntil("the login page for a visitor without a session", "document.getElementById('login-form')");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/login");
        browser.discardMessages(); // the 401 that sent it there

        signIn(browser, ADMIN_KEY);

        assertThat(browser.find("#whoami").getText()).isEqualTo("signed in as admin");
        assertThat(browser.find("#auth-banner").isDisplayed())
                .as("the auth-off banner")
                .isFalse();
        Map<String, Object> session = browser.fetch("GET", "/admin/session", Map.of(), null);
        assertThat(session.get("status")).isEqualTo(200L);
        assertThat(browser.driver().manage().getCookieNamed("COE_CONSOLE").isHttpOnly())
                .isTrue();
        browser.assertNoErrors();

        signOut(browser);

        assertThat(browser.driver().manage().getCookieNamed("COE_CONSOLE")).isNull();
        for (String page : List.of("overview", "experts", "keys")) {
            browser.get("/console/#/" + page);
            browser.waitUntil(
                    "the login page instead of " + page,
                    "location.pathname === '/console/login' && document.getElementById('login-form')");
        }
        browser.discardMessages(); // the 401s that sent the pages to the login
    }

    @Test
    void aWrongCredentialShowsAnErrorAndOpensNothing() {
        browser.get("/console/login");

        submitCredential(browser, "not-the-admin-key-0123456789");

        browser.waitUntil("the login error", "document.getElementById('login-error').textContent.trim() !== ''");
        assertThat(browser.find("#login-error").isDisplayed()).isTrue();
        assertThat(browser.find("#login-error").getText()).doesNotContain("not-the-admin-key");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/login");
        assertThat(browser.driver().manage().getCookieNamed("COE_CONSOLE")).isNull();
        browser.screenshot("login");
        browser.discardMessages(); // the 401 of the refused sign-in
    }

    @Test
    void aWriteWithoutTheCsrfTokenIsRefusedInsideTheSignedInBrowser() throws Exception {
        signIn(browser, ADMIN_KEY);
        String name = unique("no-csrf");

        Map<String, Object> refused = browser.fetch("POST", "/admin/keys", json(), "{\"name\":\"" + name + "\"}");
        Map<String, Object> wrongToken =
                browser.fetch("POST", "/admin/keys", withToken("not-the-token"), "{\"name\":\"" + name + "\"}");
        Map<String, Object> disable = browser.fetch("POST", "/admin/experts/echo/disable", Map.of(), null);

        for (Map<String, Object> reply : List.of(refused, wrongToken, disable)) {
            assertThat(reply.get("status")).as("%s", reply).isEqualTo(403L);
            assertThat(error(reply).get("code")).isEqualTo("csrf_token_invalid");
        }
        assertThat(admin.get("/admin/keys").raw()).doesNotContain(name);
        assertThat(admin.get("/admin/experts/echo").body().path("state").asString())
                .isEqualTo("enabled");
        Map<String, Object> withIt =
                browser.fetch("POST", "/admin/keys", withToken(csrfToken()), "{\"name\":\"" + name + "\"}");
        assertThat(withIt.get("status")).as("the same write with the token").isEqualTo(201L);
        deleteKeysNamed(name);
        browser.discardMessages();
    }

    @Test
    void theViewerSeesEveryPageButEveryWriteControlIsDisabledAndAForcedWriteIsRefused() throws Exception {
        signIn(browser, VIEWER_KEY);
        assertThat(browser.find("#whoami").getText()).isEqualTo("signed in as viewer");

        for (String page : PAGES) {
            browser.page(page);
            List<WebElement> writes = browser.findAll("main#page [data-write]");
            if (WRITE_PAGES.contains(page)) {
                assertThat(writes).as("the write controls of %s", page).isNotEmpty();
            }
            if (page.equals("experts")) {
                browser.screenshot("experts-viewer");
            }
            for (WebElement control : writes) {
                assertThat(control.isEnabled())
                        .as("%s: %s '%s' is disabled for the viewer", page, control.getTagName(), control.getText())
                        .isFalse();
            }
            browser.assertNoErrors();
        }

        Map<String, Object> forced = browser.fetch("POST", "/admin/experts/echo/disable", withToken(csrfToken()), null);
        Map<String, Object> forcedKey =
                browser.fetch("POST", "/admin/keys", withToken(csrfToken()), "{\"name\":\"viewer-made\"}");

        for (Map<String, Object> reply : List.of(forced, forcedKey)) {
            assertThat(reply.get("status")).as("%s", reply).isEqualTo(403L);
            assertThat(error(reply).get("code")).isEqualTo("admin_key_required");
        }
        assertThat(admin.get("/admin/experts/echo").body().path("state").asString())
                .isEqualTo("enabled");
        assertThat(admin.get("/admin/keys").raw()).doesNotContain("viewer-made");
        browser.discardMessages();
    }

    @Test
    void anExpertCreatedEditedDisabledAndDeletedInTheExpertsPageIsFollowedByV1Models() throws Exception {
        String id = unique("browser-expert");
        signIn(browser, ADMIN_KEY);
        browser.page("experts");

        browser.waitVisible("button#new-expert").click();
        WebElement form = browser.waitVisible("form#expert-form");
        fill(form, "id", id);
        fill(form, "adapter", "echo");
        fill(form, "description", "made in the browser");
        submit(form);
        browser.waitVisible("table#experts tr[data-id='" + id + "']");

        assertThat(models(http, gatewayKey)).contains(id);
        assertThat(admin.get("/admin/experts/" + id).body().path("description").asString())
                .isEqualTo("made in the browser");

        rowAction(browser, "table#experts", id, "edit");
        form = browser.waitVisible("form#expert-form");
        WebElement idField = form.findElement(By.name("id"));
        assertThat(idField.getAttribute("readonly") != null || !idField.isEnabled())
                .as("the id is read-only when editing")
                .isTrue();
        fill(form, "description", "edited in the browser");
        submit(form);
        browser.waitUntil("the edit reaches the registry", () -> uncheckedGet("/admin/experts/" + id)
                .contains("edited in the browser"));
        assertThat(models(http, gatewayKey))
                .as("an edited expert is still offered")
                .contains(id);

        rowAction(browser, "table#experts", id, "disable");
        String disabled = "(document.querySelector(\"table#experts tr[data-id='" + id
                + "'] td[data-col=state]\") || {}).textContent === 'disabled'";
        browser.waitUntil(
                "the expert disabled, or a confirmation", disabled + " || document.getElementById('confirm').open");
        if (browser.find("#confirm").isDisplayed()) {
            browser.find("#confirm-yes").click();
        }
        browser.waitUntil("the row shows the expert disabled", disabled);
        assertThat(models(http, gatewayKey))
                .as("a disabled expert is not offered")
                .doesNotContain(id);

        rowAction(browser, "table#experts", id, "delete");
        confirm(browser);
        browser.waitUntil("the row is gone", "!document.querySelector(\"table#experts tr[data-id='" + id + "']\")");
        assertThat(models(http, gatewayKey)).doesNotContain(id);
        assertThat(http.as(gatewayKey).get("/v1/models/" + id).status()).isEqualTo(404);
        assertThat(admin.get("/admin/experts/" + id).status()).isEqualTo(404);
        browser.assertNoErrors();
    }

    @Test
    void aKeysSecretIsShownOnceAndNeverAgain() throws Exception {
        String name = unique("shown-once");
        signIn(browser, ADMIN_KEY);
        browser.page("keys");

        browser.waitVisible("button#new-key").click();
        WebElement form = browser.waitVisible("form#key-form");
        fill(form, "name", name);
        submit(form);
        WebElement shown = browser.waitVisible("#key-secret");
        browser.waitUntil("the secret", "document.getElementById('key-secret').textContent.trim() !== ''");
        String secret = secretIn(shown.getText());
        assertThat(browser.find("button#copy-secret").isDisplayed()).isTrue();
        assertThat(models(http, secret)).as("the shown secret is the key's").contains("echo");

        browser.reload("keys");
        browser.waitVisible("table#keys tr[data-id]");
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
        browser.page("overview");
        browser.page("keys");
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
        assertThat(browser.find("main#page").getText()).contains(name);
        browser.assertNoErrors();
        deleteKeysNamed(name);
    }

    @Test
    void htmlInAnExpertASkillAKeyNameAndAModelsAnswerStaysText() throws Exception {
        String expert = unique("xss-expert");
        DemoHttp.Reply made = admin.post(
                "/admin/experts",
                "{\"id\":\"" + expert + "\",\"adapter\":\"echo\",\"description\":"
                        + DemoHttp.JSON.writeValueAsString(XSS) + "}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        DemoHttp.Reply key = admin.post("/admin/keys", "{\"name\":" + DemoHttp.JSON.writeValueAsString(XSS) + "}");
        assertThat(key.status()).as(key.raw()).isEqualTo(201);
        String taxonomy = admin.get("/admin/skills").raw();
        String withPayload = "{\"skills\":[{\"id\":\"xss-skill\",\"description\":"
                + DemoHttp.JSON.writeValueAsString(XSS) + ",\"examples\":[\"a first example\",\"a second example\"]}]}";
        DemoHttp.Reply skills = admin.send("PUT", "/admin/skills", withPayload);
        assertThat(skills.status()).as(skills.raw()).isEqualTo(200);
        try {
            signIn(browser, ADMIN_KEY);

            browser.page("experts");
            browser.waitVisible("table#experts tr[data-id='" + expert + "']");
            rowAction(browser, "table#experts", expert, "edit");
            browser.waitVisible("form#expert-form");
            assertThat(showsPayloadAsText(browser))
                    .as("the expert's description, as text")
                    .isTrue();
            assertInert(browser);

            browser.page("keys");
            browser.waitVisible("table#keys tr[data-id]");
            assertThat(browser.find("table#keys").getText())
                    .as("the key's name, as text")
                    .contains(XSS);
            assertInert(browser);

            browser.page("skills");
            browser.waitVisible("#taxonomy-history li[data-revision] button[data-action=view]")
                    .click();
            browser.waitVisible("#taxonomy-revision pre");
            assertThat(browser.find("#taxonomy-revision pre").getText()).contains(XSS);
            assertThat(showsPayloadAsText(browser))
                    .as("the skill's description, in the editor")
                    .isTrue();
            assertInert(browser);

            browser.page("playground");
            browser.find("#pg-query").sendKeys(XSS);
            browser.find("#pg-send").click();
            browser.waitVisible("#pg-final pre[data-field=answer]");
            assertThat(browser.find("#pg-final pre[data-field=answer]").getText())
                    .as("the echo expert's answer, as text")
                    .contains(XSS);
            assertInert(browser);

            browser.page("experts");
            rowAction(browser, "table#experts", "echo", "try");
            WebElement tryForm = browser.waitVisible("form#try-form");
            fill(tryForm, "prompt", XSS);
            submit(tryForm);
            browser.waitUntil(
                    "the expert's answer",
                    "(document.querySelector('#try-result [data-out=answer]') || {}).textContent");
            assertThat(browser.find("#try-result [data-out=answer]").getText()).contains(XSS);
            assertInert(browser);
            browser.assertNoErrors();
        } finally {
            admin.send("DELETE", "/admin/experts/" + expert, null);
            admin.send("PUT", "/admin/skills", taxonomy);
            deleteKeysNamed(XSS);
        }
    }

    // ---- helpers ----

    private static String csrfToken() {
        Map<String, Object> session = browser.fetch("GET", "/admin/session", Map.of(), null);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) session.get("body");
        return (String) body.get("csrf_token");
    }

    private static Map<String, String> withToken(String token) {
        Map<String, String> headers = new HashMap<>(json());
        headers.put("X-CSRF-Token", token);
        return headers;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(Map<String, Object> reply) {
        return (Map<String, Object>) ((Map<String, Object>) reply.get("body")).get("error");
    }

    /** The secret in the text of #key-secret: its longest word (the element may label it). */
    private static String secretIn(String text) {
        String longest = "";
        for (String word : text.split("\\s+")) {
            if (word.length() > longest.length()) {
                longest = word;
            }
        }
        assertThat(longest).as("a secret in '%s'", text).hasSizeGreaterThan(20);
        return longest;
    }

    private static String uncheckedGet(String path) {
        try {
            return admin.get(path).raw();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteKeysNamed(String name) throws Exception {
        for (var key : admin.get("/admin/keys").body().path("data")) {
            if (name.equals(key.path("name").asString())) {
                admin.send("DELETE", "/admin/keys/" + key.path("id").asString(), null);
            }
        }
    }
}
