package io.coerouter.router.cache.web;

import io.coerouter.router.cache.CacheFilter;
import io.coerouter.router.cache.CacheStore;
import io.coerouter.router.cache.CachedAnswer;
import io.coerouter.router.cache.ResponseCache;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.QueryParameters;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.state.StateUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The response cache's admin API. Reading is the admin's and the viewer's (like every {@code /admin} read); an entry's
 * question and answer only the admin's; purging only the admin's (every {@code /admin} write is). Entries are listed
 * from the store every replica shares (Redis) or this replica's memory; the counts are this replica's.
 */
@RestController
class CacheAdminController {

    private static final Logger log = LoggerFactory.getLogger(CacheAdminController.class);

    /** The admin's role (security.Caller.Role.ADMIN). */
    private static final String ADMIN = "ADMIN";

    private static final Set<String> LIST_PARAMS = Set.of("key", "expert", "skill", "limit");
    /** The most entries one list answers, and how many when it does not say. */
    private static final int MAX_LIMIT = 500;

    private static final int DEFAULT_LIMIT = 50;

    private static final Set<String> PURGE_PARAMS = Set.of("key", "expert", "skill", "all");

    private final ResponseCache cache;
    private final Clock clock;

    CacheAdminController(ResponseCache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    @Operation(operationId = "getCache")
    @GetMapping("/admin/cache")
    CacheReport cache(HttpServletRequest request) {
        QueryParameters.onlyKnown(request.getParameterMap(), Set.of());
        return cache.enabled() ? CacheReport.of(cache.config(), cache.stats()) : CacheReport.off();
    }

    @Operation(operationId = "listCacheEntries")
    @GetMapping("/admin/cache/entries")
    CacheEntryList list(
            HttpServletRequest request,
            @Parameter(description = "only entries made by this API key's requests (its id)")
                    @RequestParam(name = "key", required = false)
                    String key,
            @Parameter(description = "only entries one of whose answering experts is this one")
                    @RequestParam(name = "expert", required = false)
                    String expert,
            @Parameter(description = "only entries whose question's top skill is this one")
                    @RequestParam(name = "skill", required = false)
                    String skill,
            @Parameter(description = "1 to 500, default 50") @RequestParam(name = "limit", required = false)
                    String limit) {
        QueryParameters.onlyKnown(request.getParameterMap(), LIST_PARAMS);
        CacheFilter filter = filter(key, expert, skill);
        int max = QueryParameters.whole("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        if (!cache.enabled()) {
            return CacheEntryList.off();
        }
        boolean content = mayReadContent(request);
        Instant now = clock.instant();
        return CacheEntryList.of(store(s -> s.list(filter, max)).stream()
                .map(e -> CacheEntryView.of(e, now, content))
                .toList());
    }

    @Operation(operationId = "getCacheEntry")
    @GetMapping("/admin/cache/entries/{id}")
    CacheEntryView get(HttpServletRequest request, @PathVariable String id) {
        QueryParameters.onlyKnown(request.getParameterMap(), Set.of());
        String checked = QueryParameters.id("id", id);
        if (!cache.enabled()) {
            throw notFound(checked, " (the response cache is off)");
        }
        CachedAnswer entry = store(s -> s.byId(checked)).orElseThrow(() -> notFound(checked, ""));
        return CacheEntryView.of(entry, clock.instant(), mayReadContent(request));
    }

    @Operation(operationId = "purgeCacheEntries")
    @DeleteMapping("/admin/cache/entries")
    CachePurged purge(
            HttpServletRequest request,
            @Parameter(description = "only entries made by this API key's requests (its id)")
                    @RequestParam(name = "key", required = false)
                    String key,
            @Parameter(description = "only entries one of whose answering experts is this one")
                    @RequestParam(name = "expert", required = false)
                    String expert,
            @Parameter(description = "only entries whose question's top skill is this one")
                    @RequestParam(name = "skill", required = false)
                    String skill,
            @Parameter(description = "true: every entry (required when no filter is given; not with a filter)")
                    @RequestParam(name = "all", required = false)
                    String all) {
        QueryParameters.onlyKnown(request.getParameterMap(), PURGE_PARAMS);
        CacheFilter filter = filter(key, expert, skill);
        boolean everything = QueryParameters.flag("all", all);
        boolean filtered = !filter.equals(CacheFilter.ALL);
        if (!filtered && !everything) {
            throw RouterException.invalid(
                    "all",
                    "missing_filter",
                    "Name the entries to purge with key, expert or skill, or purge every entry with all=true.");
        }
        if (filtered && everything) {
            throw RouterException.invalid(
                    "all",
                    "invalid_value",
                    "all=true purges every entry; it cannot be combined with key, expert or skill.");
        }
        if (!cache.enabled()) {
            return CachePurged.of(false, 0);
        }
        long purged = store(s -> s.purge(filter));
        log.info(
                "response cache: {} entries purged (key {}, expert {}, skill {})",
                purged,
                JsonBodies.echo(filter.keyId()),
                JsonBodies.echo(filter.expert()),
                JsonBodies.echo(filter.skill()));
        return CachePurged.of(true, purged);
    }

    @Operation(operationId = "deleteCacheEntry")
    @DeleteMapping("/admin/cache/entries/{id}")
    CacheEntryDeleted delete(HttpServletRequest request, @PathVariable String id) {
        QueryParameters.onlyKnown(request.getParameterMap(), Set.of());
        String checked = QueryParameters.id("id", id);
        if (!cache.enabled()) {
            throw notFound(checked, " (the response cache is off)");
        }
        if (!store(s -> s.remove(checked))) {
            throw notFound(checked, "");
        }
        return CacheEntryDeleted.of(checked);
    }

    private static CacheFilter filter(String key, String expert, String skill) {
        return new CacheFilter(
                QueryParameters.id("key", key),
                QueryParameters.id("expert", expert),
                QueryParameters.id("skill", skill));
    }

    /** {@code call} on the store; a store that cannot be reached is a 503 the admin may retry. */
    private <T> T store(Function<CacheStore, T> call) {
        CacheStore store = cache.store().orElseThrow();
        try {
            return call.apply(store);
        } catch (StateUnavailableException e) {
            log.warn("response cache: the store cannot be reached: {}", e.getMessage());
            throw new RouterException(
                    ErrorKind.UNAVAILABLE,
                    "The response cache's store cannot be reached; retry shortly. Chat requests are still served"
                            + " (without the cache).",
                    null,
                    "state_unavailable",
                    Duration.ofSeconds(5),
                    e);
        } catch (IllegalStateException e) {
            // An entry the store cannot read (damaged in Redis): named by its kind only, never its content.
            log.warn("response cache: an entry could not be read: {}", e.getMessage());
            throw new RouterException(
                    ErrorKind.UNAVAILABLE,
                    "The response cache's store holds an entry that cannot be read; purge the cache.",
                    null,
                    "cache_entry_unreadable",
                    null,
                    e);
        }
    }

    /**
     * Whether the caller may read cached questions and answers: the admin, or anyone when auth is off (no
     * authenticated caller); never the read-only viewer.
     */
    private static boolean mayReadContent(HttpServletRequest request) {
        return request.isUserInRole(ADMIN) || request.getUserPrincipal() == null;
    }

    private static RouterException notFound(String id, String why) {
        return new RouterException(
                ErrorKind.NOT_FOUND,
                "No cache entry '" + JsonBodies.echo(id) + "'" + why + ".",
                "id",
                "cache_entry_not_found");
    }
}
