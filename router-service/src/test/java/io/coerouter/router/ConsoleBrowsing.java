package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.console.Browser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** What the console's browser tests do again and again: sign in and out, fill the pages' forms, ask the API. */
final class ConsoleBrowsing {

    /** The console's pages, in the navigation's order. */
    static final List<String> PAGES = List.of(
            "overview", "experts", "skills", "playground", "evaluations", "keys", "jobs", "pool", "usage", "cache");

    /** An HTML payload that would set {@code window.__xss} if it were ever parsed as markup. */
    static final String XSS = "<img src=x onerror=window.__xss=1>";

    private ConsoleBrowsing() {}

    /** Signs in on the login page with {@code credential} and waits for the overview. */
    static void signIn(Browser browser, String credential) {
        browser.get("/console/login");
        submitCredential(browser, credential);
        browser.waitForPage("overview");
    }

    /** Signs in unless the browser's session is still good (a test class signs in once, then checks). */
    static void ensureSignedIn(Browser browser, String credential) {
        browser.get("/console/");
        browser.waitUntil(
                "the console or the login page",
                "document.querySelector('main#page[data-ready]') || document.getElementById('login-form')");
        if (!browser.findAll("#login-form").isEmpty()) {
            submitCredential(browser, credential);
            browser.waitForPage("overview");
        }
        browser.discardMessages();
    }

    /** Types a credential into the login form and sends it. */
    static void submitCredential(Browser browser, String credential) {
        WebElement field = browser.waitVisible("#credential");
        field.clear();
        field.sendKeys(credential);
        browser.find("#login-submit").click();
    }

    /** Signs out with the console's button and waits for the login page. */
    static void signOut(Browser browser) {
        browser.waitVisible("#logout").click();
        browser.waitUntil(
                "the login page after signing out",
                "location.pathname === '/console/login' && document.getElementById('login-form')");
    }

    /** Sets a form control by name: a select by value, a checkbox by "true", anything else by typing. */
    static void fill(WebElement form, String name, String value) {
        WebElement control = form.findElement(By.name(name));
        if (control.getTagName().equals("select")) {
            new Select(control).selectByValue(value);
        } else if ("checkbox".equals(control.getAttribute("type"))) {
            if (control.isSelected() != Boolean.parseBoolean(value)) {
                control.click();
            }
        } else {
            control.clear();
            control.sendKeys(value);
        }
    }

    /** Submits a form with its submit button. */
    static void submit(WebElement form) {
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** Clicks {@code button[data-action=<action>]} in the row of {@code id} of the table {@code table}. */
    static void rowAction(Browser browser, String table, String id, String action) {
        browser.waitVisible(table + " tr[data-id='" + id + "'] button[data-action='" + action + "']")
                .click();
    }

    /** Answers yes in dialog#confirm once it is open. */
    static void confirm(Browser browser) {
        browser.waitUntil("the confirmation dialog", "document.getElementById('confirm').open");
        browser.find("#confirm-yes").click();
    }

    /** No element in the document was made from the payload, its text shows, and its handler never ran. */
    static void assertInert(Browser browser) {
        assertThat(
                        browser.script(
                                "return Array.from(document.querySelectorAll('img')).filter((i) => i.getAttribute('src') === 'x').length"))
                .as("an <img src=x> made from the payload")
                .isEqualTo(0L);
        assertThat(browser.script("return window.__xss === undefined"))
                .as("the payload's onerror ran")
                .isEqualTo(true);
    }

    /** Whether the visible text of main#page shows the payload as text. */
    static boolean showsPayloadAsText(Browser browser) {
        return browser.find("main#page").getText().contains(XSS)
                || Boolean.TRUE.equals(browser.script(
                        "return Array.from(document.querySelectorAll('main#page input, main#page textarea'))"
                                + ".some((c) => c.value.includes(arguments[0]))",
                        XSS));
    }

    /** The ids {@code GET /v1/models} lists for {@code gatewayKey}. */
    static List<String> models(DemoHttp http, String gatewayKey) throws Exception {
        DemoHttp.Reply reply = http.as(gatewayKey).get("/v1/models");
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.body().path("data").forEach(m -> ids.add(m.path("id").asString()));
        return ids;
    }

    /** A new gateway key's secret, made with the admin key. */
    static String gatewayKey(DemoHttp http, String adminKey, String name) throws Exception {
        DemoHttp.Reply created = http.as(adminKey).post("/admin/keys", "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().path("key").asString();
    }

    /** {@code fetch} headers for a JSON body. */
    static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }
}
