package io.coerouter.bench;

import io.coerouter.router.CoeRouterApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long the console's experts page takes to render with many experts, and how many admin API calls one load
 * makes (issue 17: 200 experts in under 300 ms; a handful of calls). A router runs in this JVM on in-memory state;
 * the benchmark registers {@code experts} echo experts through the admin API, each with a description, then loads {@code /console/#/experts} in Debian's headless Chromium (Selenium, the system
 * chromedriver) {@code loads} times after {@code warmup} loads, each a fresh navigation with the browser cache on (as
 * an operator's browser has it).
 *
 * <p>Per load it reads: <b>render</b>, the console's own timer ({@code window.__coeRender.ms}: from the router
 * choosing the page to the page's DOM built, so it includes the page's API calls and building every row);
 * <b>ready</b>, from the navigation's start to the page marked ready (fetching the HTML and scripts and reading the
 * session too; {@code __coeRender.at}, stamped by the page, not when this driver notices), and of that the part until
 * the HTML's scripts have run ({@code DOMContentLoaded}); <b>admin calls</b>, the {@code /admin/} requests the page
 * made (resource timing entries); and the number of expert rows on the page (checked against {@code experts}).
 *
 * <p>Options ({@code --name=value}): {@code experts} (200), {@code loads} (20), {@code warmup} (5), {@code chromium}
 * (/usr/bin/chromium), {@code chromedriver} (/usr/bin/chromedriver).
 */
public final class ConsoleRenderBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int experts = Integer.parseInt(option(args, "experts", "200"));
        int loads = Integer.parseInt(option(args, "loads", "20"));
        int warmup = Integer.parseInt(option(args, "warmup", "5"));
        Path chromium = Path.of(option(args, "chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(option(args, "chromedriver", "/usr/bin/chromedriver"));
        System.out.printf(
                "Console render: the experts page with %d experts, %d warm-up + %d measured loads, headless Chromium"
                        + " 1280x800, router in this JVM on in-memory state%n",
                experts, warmup, loads);
        System.out.printf(
                "Machine: %d cores, load average %s%n",
                Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).strip());
        try (ConfigurableApplicationContext router = start()) {
            String base = "http://127.0.0.1:" + router.getEnvironment().getProperty("local.server.port");
            for (int i = 0; i < experts; i++) {
                send(
                        base,
                        "POST",
                        "/admin/experts",
                        String.format(
                                Locale.ROOT,
                                "{\"id\":\"bench-%03d\",\"adapter\":\"echo\",\"description\":\"Benchmark expert %d,"
                                        + " says the prompt back.\"}",
                                i,
                                i));
            }
            ChromeDriver browser = browser(chromium, chromedriver);
            try {
                List<Double> render = new ArrayList<>();
                List<Double> ready = new ArrayList<>();
                List<Double> scripts = new ArrayList<>();
                List<Long> calls = new ArrayList<>();
                for (int i = 0; i < warmup + loads; i++) {
                    browser.get("about:blank");
                    browser.get(base + "/console/#/experts");
                    new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(10))
                            .until(d -> !d.findElements(By.cssSelector("main#page[data-page=experts][data-ready]"))
                                    .isEmpty());
                    @SuppressWarnings("unchecked")
                    Map<String, Object> seen = (Map<String, Object>) ((JavascriptExecutor) browser)
                            .executeScript("return {render: window.__coeRender.ms, ready: window.__coeRender.at,"
                                    + " scripts: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,"
                                    + " calls: performance.getEntriesByType('resource')"
                                    + ".filter(e => new URL(e.name).pathname.startsWith('/admin/')).length,"
                                    + " rows: document.querySelectorAll('#experts tr[data-id]').length}");
                    long rows = ((Number) seen.get("rows")).longValue();
                    if (rows < experts) {
                        throw new IllegalStateException("the page shows " + rows + " expert rows, not " + experts);
                    }
                    if (i >= warmup) {
                        render.add(((Number) seen.get("render")).doubleValue());
                        ready.add(((Number) seen.get("ready")).doubleValue());
                        scripts.add(((Number) seen.get("scripts")).doubleValue());
                        calls.add(((Number) seen.get("calls")).longValue());
                    }
                }
                report("render (page's API calls + DOM)", render);
                report("navigation start to scripts run", scripts);
                report("navigation start to page ready", ready);
                System.out.printf(
                        "admin API calls per load: min %d, max %d%n", Collections.min(calls), Collections.max(calls));
            } finally {
                browser.quit();
            }
        }
    }

    private static ChromeDriver browser(Path chromium, Path chromedriver) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static void report(String what, List<Double> ms) {
        Collections.sort(ms);
        System.out.printf(
                Locale.ROOT,
                "%-34s n=%d  p50 %.1f ms  p95 %.1f ms  max %.1f ms%n",
                what,
                ms.size(),
                at(ms, 0.50),
                at(ms, 0.95),
                ms.getLast());
    }

    private static double at(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CoeRouterApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--logging.level.root=WARN",
                        "--coe.skills.warm-up=false",
                        "--coe.default-expert=echo",
                        "--coe.experts[0].id=echo",
                        "--coe.experts[0].adapter=echo");
    }

    private static void send(String base, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
