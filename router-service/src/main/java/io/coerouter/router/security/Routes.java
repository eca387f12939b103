package io.coerouter.router.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The route families, matched as Spring MVC dispatches (path patterns on the decoded, normalized path), never on the
 * raw URI.
 */
final class Routes {

    private Routes() {}

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    /** The admin API and the actuator: the admin key (the viewer may read). */
    static final RequestMatcher ADMIN = new OrRequestMatcher(PATHS.matcher("/admin/**"), PATHS.matcher("/actuator/**"));

    /** The OpenAI-compatible API: gateway keys. */
    static final RequestMatcher GATEWAY = PATHS.matcher("/v1/**");

    /** What a worker ({@code coe.role=worker}) serves: the actuator and the admin API's views of the cluster and pool. */
    static final RequestMatcher WORKER_SERVED = new OrRequestMatcher(
            PATHS.matcher("/actuator/**"),
            PATHS.matcher("/admin/cluster"),
            PATHS.matcher("/admin/pool/**"),
            PATHS.matcher("/admin/pool"));

    /**
     * The admin console's static files (pages, scripts, styles) and the WebJars they load: public, they hold no
     * data (GET and HEAD only; the data comes from {@code /admin/**}).
     */
    static final String[] CONSOLE_FILES = {"/console", "/console/**", "/webjars/**"};

    /**
     * Reading the console's own files (pages, scripts, styles): they may be cached and revalidated (304 on an
     * unchanged {@code Last-Modified}), unlike every response carrying data.
     */
    static final RequestMatcher CONSOLE_FILE_READS = new OrRequestMatcher(
            PATHS.matcher(HttpMethod.GET, "/console/**"), PATHS.matcher(HttpMethod.HEAD, "/console/**"));

    /** Reading a WebJar: its path names its version, so it never changes. */
    static final RequestMatcher WEBJAR_READS = new OrRequestMatcher(
            PATHS.matcher(HttpMethod.GET, "/webjars/**"), PATHS.matcher(HttpMethod.HEAD, "/webjars/**"));

    /** Every console URL: the pages, the sign-in and the sign-out, whose responses carry the console's headers. */
    static final RequestMatcher CONSOLE = PATHS.matcher("/console/**");

    /** Signing in: public, limited per client address. */
    static final RequestMatcher LOGIN = PATHS.matcher(HttpMethod.POST, "/console/login");

    /** Signing out: needs the session (or the admin or viewer key). */
    static final RequestMatcher LOGOUT = PATHS.matcher(HttpMethod.POST, "/console/logout");

    /** Where a console session cookie stands for the admin or viewer key: the admin API and signing out; never /v1. */
    static final RequestMatcher SESSION = new OrRequestMatcher(PATHS.matcher("/admin/**"), LOGOUT);

    /** Reading: GET and HEAD. */
    static boolean reads(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    /**
     * The calls that start work, and so count against a key's rate, tokens and budget: a chat completion, a routing
     * decision, a new batch, a feedback (it changes routing for everyone, so it counts against the key's rate). Reading
     * models, files and batches does not, so a key over its budget can still fetch the
     * results it paid for.
     */
    static final RequestMatcher SPENDS = new OrRequestMatcher(
            PATHS.matcher(HttpMethod.POST, "/v1/chat/completions"),
            PATHS.matcher(HttpMethod.POST, "/v1/route"),
            PATHS.matcher(HttpMethod.POST, "/v1/batches"),
            PATHS.matcher(HttpMethod.POST, "/v1/feedback"));

    /**
     * Open to anyone, even with auth on: the probes and the API description (GET and HEAD only): the generated
     * OpenAPI document (YAML, JSON, Swagger UI's configuration) and Swagger UI.
     */
    static final String[] PUBLIC = {
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/openapi.yaml",
        "/openapi.json",
        "/openapi",
        "/openapi/swagger-config",
        "/swagger-ui.html",
        "/swagger-ui/**"
    };

    /**
     * Metrics for scrapers: open to anyone only on a management port of their own (inside the cluster); on the
     * application port they name every expert, so they need the admin or viewer key there like the other endpoints.
     */
    static final String[] SCRAPING = {"/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**"};

    /** The public routes: {@link #PUBLIC}, and {@link #SCRAPING} when the actuator has a port of its own. */
    static String[] open(boolean ownManagementPort) {
        if (!ownManagementPort) {
            return PUBLIC;
        }
        String[] all = Arrays.copyOf(PUBLIC, PUBLIC.length + SCRAPING.length);
        System.arraycopy(SCRAPING, 0, all, PUBLIC.length, SCRAPING.length);
        return all;
    }
}
