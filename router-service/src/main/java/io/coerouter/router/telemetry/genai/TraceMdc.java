package io.coerouter.router.telemetry.genai;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/**
 * Makes a span current on this thread and its ids the log's ({@code trace_id}, {@code span_id} in the MDC) until
 * closed, then puts back what was there.
 */
final class TraceMdc implements Scope {

    /** The MDC keys of the current trace and span in log lines. */
    static final String TRACE_ID = GenAi.MDC_TRACE_ID;

    static final String SPAN_ID = GenAi.MDC_SPAN_ID;

    private final Scope scope;
    private final String previousTrace;
    private final String previousSpan;
    private final boolean set;

    private TraceMdc(Span span) {
        this.scope = span.makeCurrent();
        SpanContext context = span.getSpanContext();
        this.set = context.isValid() && context.isSampled(); // a trace id the backend will have
        this.previousTrace = set ? MDC.get(TRACE_ID) : null;
        this.previousSpan = set ? MDC.get(SPAN_ID) : null;
        if (set) {
            MDC.put(TRACE_ID, context.getTraceId());
            MDC.put(SPAN_ID, context.getSpanId());
        }
    }

    static Scope current(Span span) {
        return new TraceMdc(span);
    }

    @Override
    public void close() {
        scope.close();
        if (set) {
            restore(TRACE_ID, previousTrace);
            restore(SPAN_ID, previousSpan);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
