package io.coerouter.router.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the console's browser tests: Debian's {@code /usr/bin/chromium} driven by its
 * {@code /usr/bin/chromedriver} (both named explicitly, so Selenium Manager never looks for or downloads either), in a
 * 1280×800 window. It opens console pages and waits for {@code main#page[data-ready]}, collects the page's console
 * messages (any {@code SEVERE} one fails {@link #assertNoErrors()}), narrows the viewport to a phone's width, and
 * takes screenshots: into {@code docs/console/} with {@code -Dconsole.screenshots.update=true}, otherwise into
 * {@code target/console-screenshots/}.
 */
public final class Browser implements AutoCloseable {

    /** The desktop viewport the pages are checked and photographed at. */
    public static final int WIDTH = 1280;

    public static final int HEIGHT = 800;

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(20);

    /**
     * Failed loads that are no page's error: the evaluations page asking for the aggregator selection in force, which
     * is a 404 until a selection has run (the page shows "No aggregator selection has run yet").
     */
    private static final List<String> EXPECTED_FAILED_LOADS =
            List.of("https?://[^/ ]+/admin/aggregators/selection - Failed to load resource: .* 404 .*");

    private final ChromeDriver driver;
    private final String origin;

    private Browser(ChromeDriver driver, String origin) {
        this.driver = driver;
        this.origin = origin;
    }

    /** A fresh browser (its own profile: no cookies) for the router on {@code port}. */
    public static Browser open(int port) {
        for (String file : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!new File(file).canExecute()) {
                throw new IllegalStateException(
                        file + " is missing: the browser tests need Debian's chromium and chromium-driver"
                                + " (apt-get install chromium chromium-driver)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--lang=en-US",
                "--window-size=" + WIDTH + "," + HEIGHT);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
        Browser browser = new Browser(driver, "http://127.0.0.1:" + port);
        browser.desktop();
        return browser;
    }

    /**
     * This browser pointed at another router (same window, cookies and log): for tests of several replicas. Close only
     * the browser {@link #open} gave.
     */
    public Browser on(int port) {
        return new Browser(driver, "http://127.0.0.1:" + port);
    }

    /** The WebDriver, for what this class does not wrap. */
    public ChromeDriver driver() {
        return driver;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String origin() {
        return origin;
    }

    /**
     * Loads a path of the router (e.g. {@code /console/login}) afresh: by way of {@code about:blank}, so that a URL
     * differing from the current one only in its {@code #fragment} is a new document too, not a hash change.
     */
    public void get(String path) {
        driver.get("about:blank");
        driver.get(origin + path);
    }

    /** Loads the console afresh on a page ({@code overview}, {@code experts}, ...) and waits until it has rendered. */
    public void page(String name) {
        get("/console/#/" + name);
        waitForPage(name);
    }

    /** Reloads the document and waits for the page it shows to render again. */
    public void reload(String name) {
        driver.navigate().refresh();
        waitForPage(name);
    }

    /** Waits until {@code main#page} shows {@code name} and has rendered. */
    public void waitForPage(String name) {
        waitFor("main#page[data-page='" + name + "'][data-ready]");
    }

    /** Waits until an element matching the CSS selector is in the document, and returns it. */
    public WebElement waitFor(String css) {
        return waiting(css).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until an element matching the CSS selector is visible, and returns it. */
    public WebElement waitVisible(String css) {
        return waiting(css).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until the JavaScript expression is truthy. */
    public void waitUntil(String description, String expression) {
        waiting(description)
                .until(d ->
                        Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return !!(" + expression + ")")));
    }

    /** Waits until the condition holds (a Java check, e.g. on the router's API). */
    public void waitUntil(String description, java.util.function.BooleanSupplier condition) {
        waiting(description).until(d -> condition.getAsBoolean());
    }

    /** A wait whose timeout message says where the browser was, what the page logged and what it showed. */
    private WebDriverWait waiting(String what) {
        WebDriverWait wait = new NavigationTolerantWait(driver, WAIT);
        wait.withMessage(() -> what + "; at " + driver.getCurrentUrl() + "; console: " + messages() + "; main: "
                + driver.executeScript(
                        "const m = document.querySelector('main'); return m ? m.outerHTML.slice(0, 1500) : null"));
        return wait;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Runs JavaScript in the page and returns its result. */
    public Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /**
     * Calls {@code fetch} inside the page (same origin, with its cookie) and returns {@code {status, body}}, the body
     * parsed when it is JSON. {@code headers} may be empty.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> fetch(String method, String path, Map<String, String> headers, String body) {
        return (Map<String, Object>) driver.executeAsyncScript(
                """
                const [method, path, headers, body, done] = arguments;
                fetch(path, {method, headers, body: body === null ? undefined : body, credentials: 'same-origin'})
                    .then(async (r) => {
                        const text = await r.text();
                        let parsed = text;
                        try { parsed = JSON.parse(text); } catch (e) { /* not JSON */ }
                        done({status: r.status, body: parsed});
                    }, (e) => done({status: -1, body: String(e)}));
                """,
                method,
                path,
                headers,
                body);
    }

    /** The page's console messages since the last call (each as "LEVEL message"). */
    public List<String> messages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage())
                .toList();
    }

    /**
     * The page's SEVERE console messages since the last call: JavaScript errors, CSP violations, failed loads (but
     * for the expected ones listed above).
     */
    public List<String> errors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> EXPECTED_FAILED_LOADS.stream().noneMatch(m::matches))
                .toList();
    }

    /** Fails on any SEVERE console message since the last check; a test that provokes a refusal drains them first. */
    public void assertNoErrors() {
        assertThat(errors()).as("JavaScript console errors").isEmpty();
    }

    /** Forgets the console messages so far (after a step that is meant to fail a request). */
    public void discardMessages() {
        driver.manage().logs().get(LogType.BROWSER);
    }

    /** The 1280×800 viewport. */
    public void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
    }

    /** A phone's viewport: {@code width} CSS pixels wide (390 for the tests), 844 high, touch-style layout. */
    public void phone(int width) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    }

    /** The viewport's width in CSS pixels, as the page sees it. */
    public long viewportWidth() {
        return ((Number) script("return document.documentElement.clientWidth")).longValue();
    }

    /** How far the body is wider than the viewport (0 when it fits: no horizontal scrolling). */
    public long horizontalOverflow() {
        return ((Number) script("return Math.max(document.body.scrollWidth, document.documentElement.scrollWidth)"
                        + " - document.documentElement.clientWidth"))
                .longValue();
    }

    /**
     * Saves a screenshot of the viewport as {@code <name>.png}: in {@code docs/console/} when the build runs with
     * {@code -Dconsole.screenshots.update=true}, else in {@code target/console-screenshots/}. Returns the file.
     */
    public Path screenshot(String name) {
        Path dir = screenshotDir();
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path screenshotDir() {
        if (Boolean.getBoolean("console.screenshots.update")) {
            // The tests run in the module's directory; the docs live beside it.
            Path docs = Path.of("").toAbsolutePath().getParent().resolve("docs");
            if (!Files.isDirectory(docs)) {
                throw new IllegalStateException("no docs directory at " + docs);
            }
            return docs.resolve("console");
        }
        return Path.of("target", "console-screenshots");
    }

    @Override
    public void close() {
        driver.quit();
    }

    /**
     * A wait that polls again when a poll lands while the document is being replaced (a form's redirect, a reload):
     * Chrome then aborts the command with "aborted by navigation", which says nothing about the condition.
     */
    private static final class NavigationTolerantWait extends WebDriverWait {
        NavigationTolerantWait(WebDriver driver, Duration timeout) {
            super(driver, timeout);
        }

        @Override
        public <V> V until(java.util.function.Function<? super WebDriver, ? extends V> isTrue) {
            return super.until((WebDriver d) -> {
                try {
                    V value = isTrue.apply(d);
                    return value;
                } catch (org.openqa.selenium.WebDriverException e) {
                    if (e.getMessage() != null && e.getMessage().contains("aborted by navigation")) {
                        return null;
                    }
                    throw e;
                }
            });
        }
    }
}
