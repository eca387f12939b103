package io.coerouter.router.usage.web;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.QueryParameters;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.usage.LoggedRequest;
import io.coerouter.router.usage.RequestPage;
import io.coerouter.router.usage.RequestSearch;
import io.coerouter.router.usage.UsageHistory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/requests} and {@code GET /admin/requests/{id}}: the request log (opt-in, {@code
 * coe.usage.request-log.enabled}), searched by key, expert, status and time, newest first, a page at a time. A list
 * never carries captured content; one request does, to the admin only (the viewer gets it without).
 */
@RestController
class RequestLogAdminController {

    /** The admin's role (security.Caller.Role.ADMIN). */
    private static final String ADMIN = "ADMIN";

    private static final Set<String> PARAMS = Set.of("key", "expert", "status", "from", "to", "limit", "before");

    /** The default search window: the request log's longest sensible retention. */
    private static final Duration WINDOW = Duration.ofDays(3650);

    private final UsageHistory history;

    RequestLogAdminController(UsageHistory history) {
        this.history = history;
    }

    @Operation(operationId = "listRequests")
    @GetMapping("/admin/requests")
    RequestList list(
            HttpServletRequest request,
            @Parameter(description = "only this API key's requests (its id)")
                    @RequestParam(name = "key", required = false)
                    String key,
            @Parameter(description = "only requests that called this expert")
                    @RequestParam(name = "expert", required = false)
                    String expert,
            @Parameter(description = "ok or error") @RequestParam(name = "status", required = false) String status,
            @Parameter(description = "ISO-8601 instant: requests started at or after it")
                    @RequestParam(name = "from", required = false)
                    String from,
            @Parameter(description = "ISO-8601 instant: requests started before it; default now")
                    @RequestParam(name = "to", required = false)
                    String to,
            @Parameter(description = "1 to 500, default 50") @RequestParam(name = "limit", required = false)
                    String limit,
            @Parameter(description = "a request id: only requests older than it (the previous page's last_id)")
                    @RequestParam(name = "before", required = false)
                    String before) {
        QueryParameters.onlyKnown(request.getParameterMap(), PARAMS);
        String keyId = QueryParameters.id("key", key);
        String expertId = QueryParameters.id("expert", expert);
        Status wanted = QueryParams.choice("status", status, Status.class, null);
        Instant now = history.clock().instant();
        Instant[] range = QueryParams.range(from, to, now, WINDOW);
        int pageSize = QueryParameters.whole("limit", limit, 1, 500, 50);
        String beforeId = QueryParameters.id("before", before);
        if (!history.requestLogEnabled()) {
            return RequestList.off();
        }
        RequestSearch.Position position = null;
        if (beforeId != null) {
            LoggedRequest last = history.request(beforeId)
                    .orElseThrow(() -> RouterException.invalid(
                            "before",
                            "invalid_value",
                            "before must be the id of a logged request, but no request '" + JsonBodies.echo(beforeId)
                                    + "' is logged."));
            position = new RequestSearch.Position(last.startedAt(), last.id());
        }
        RequestPage page = history.requests(new RequestSearch(
                keyId,
                expertId,
                wanted == null ? null : wanted.name().toLowerCase(java.util.Locale.ROOT),
                range[0],
                range[1],
                pageSize,
                position));
        return RequestList.of(
                page.requests().stream().map(r -> RequestView.of(r, false)).toList(), page.hasMore());
    }

    @Operation(operationId = "getRequest")
    @GetMapping("/admin/requests/{id}")
    RequestView get(HttpServletRequest request, @PathVariable String id) {
        String checked = QueryParameters.id("id", id);
        if (!history.requestLogEnabled()) {
            throw notFound(checked, " (the request log is off)");
        }
        boolean content = mayReadContent(request);
        return history.request(checked).map(r -> RequestView.of(r, content)).orElseThrow(() -> notFound(checked, ""));
    }

    /**
     * Whether the caller may read captured prompts and answers: the admin, or anyone when auth is off (no
     * authenticated caller); never the read-only viewer.
     */
    static boolean mayReadContent(HttpServletRequest request) {
        return request.isUserInRole(ADMIN) || request.getUserPrincipal() == null;
    }

    private static RouterException notFound(String id, String why) {
        return new RouterException(
                ErrorKind.NOT_FOUND,
                "No logged request '" + JsonBodies.echo(id) + "'" + why + ".",
                "id",
                "request_not_found");
    }

    /** How a request ended. */
    enum Status {
        OK,
        ERROR
    }
}
