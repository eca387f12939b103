package io.coerouter.expert;

import java.util.Map;

/**
 * The W3C trace-context headers ({@code traceparent}) of the work a remote call is made for, read on the calling
 * thread when the request is sent, so a provider's own traces join the router's. The host supplies it; adapters add
 * what it returns to each request and nothing else.
 */
@FunctionalInterface
public interface TraceHeaders {

    /** No headers: nothing is traced. */
    TraceHeaders NONE = Map::of;

    /** The headers for a request sent now; empty when none. */
    Map<String, String> current();
}
