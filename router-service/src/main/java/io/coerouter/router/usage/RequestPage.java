package io.coerouter.router.usage;

import java.util.List;

/** A page of the request log, newest first, and whether older requests match too. */
public record RequestPage(List<LoggedRequest> requests, boolean hasMore) {}
