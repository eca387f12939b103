package io.coerouter.router;

import static io.coerouter.router.ConsoleBrowsing.fill;
import static io.coerouter.router.ConsoleBrowsing.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.console.Browser;
import io.coerouter.router.state.RedisTestServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two routers on one Redis with auth off (the quickstart), in a real headless Chromium: the console says auth is off
 * in a visible banner, and an expert created in one router's console is in the other's, whose overview lists both
 * replicas.
 */
class ConsoleBrowserReplicasIT {

    private static final RedisTestServer REDIS = RedisTestServer.shared();
    private static final String[] ECHO_ONLY = {
        "--coe.default-expert=echo", "--coe.experts[0].id=echo", "--coe.experts[0].adapter=echo"
    };
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static Browser onFirst;
    private static Browser onSecond;

    @BeforeAll
    static void start() {
        first = Routers.start(REDIS, ECHO_ONLY);
        second = Routers.start(REDIS, ECHO_ONLY);
        onFirst = Browser.open(Routers.port(first));
        onSecond = onFirst.on(Routers.port(second));
    }

    @AfterAll
    static void stop() {
        if (onFirst != null) {
            onFirst.close(); // and onSecond, the same window
        }
        for (ConfigurableApplicationContext router : new ConfigurableApplicationContext[] {first, second}) {
            if (router != null) {
                router.close();
            }
        }
        REDIS.close();
    }

    @Test
    void withAuthOffABannerSaysSoAndNobodySignsIn() {
        onFirst.page("overview");

        WebElement banner = onFirst.find("#auth-banner");
        assertThat(banner.isDisplayed()).isTrue();
        assertThat(banner.getText()).contains("Authentication is off");
        assertThat(onFirst.find("#whoami").getText()).isEqualTo("auth off");
        assertThat(onFirst.find("#logout").isDisplayed()).isFalse();
        onFirst.screenshot("auth-off-banner");
        onFirst.assertNoErrors();
    }

    @Test
    void anExpertCreatedInOneRoutersConsoleIsInTheOthers() throws Exception {
        String id = "replicated-" + UUID.randomUUID().toString().substring(0, 8);
        onFirst.page("experts");

        onFirst.waitVisible("button#new-expert").click();
        WebElement form = onFirst.waitVisible("form#expert-form");
        fill(form, "id", id);
        fill(form, "adapter", "echo");
        fill(form, "description", "made on the first router");
        submit(form);
        onFirst.waitVisible("table#experts tr[data-id='" + id + "']");

        onSecond.page("experts");
        onSecond.waitUntil("the expert in the second router's registry", () -> {
            if (onSecond.findAll("table#experts tr[data-id='" + id + "']").isEmpty()) {
                onSecond.page("experts"); // a change reaches the other replica within a second
                return false;
            }
            return true;
        });
        assertThat(onSecond.find("table#experts tr[data-id='" + id + "'] td[data-col=source]")
                        .getText())
                .isNotBlank();
        onSecond.page("overview");
        onSecond.waitUntil(
                "both replicas in the overview",
                "document.querySelectorAll('table#replicas tr[data-id]').length === 2");
        assertThat(Routers.http(second).get("/admin/experts/" + id).status()).isEqualTo(200);
        onFirst.assertNoErrors(); // both routers' pages: one window
        Routers.http(first).send("DELETE", "/admin/experts/" + id, null);
    }
}
