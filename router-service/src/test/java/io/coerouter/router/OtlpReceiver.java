package io.coerouter.router;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP traces endpoint on 127.0.0.1 standing in for a collector: it decodes every export (protobuf, as the
 * OpenTelemetry exporter sends it) and keeps the spans, with the headers each export came with.
 */
final class OtlpReceiver implements AutoCloseable {

    /** A received span, its ids in hex and its attributes as plain values (lists for arrays). */
    record Received(
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            String kind,
            String status,
            long startNanos,
            long endNanos,
            Map<String, Object> attributes) {

        Object attr(String key) {
            return attributes.get(key);
        }
    }

    private final HttpServer server;
    private final List<Received> spans = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                headers.add(Map.copyOf(exchange.getRequestHeaders()));
                ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(in.readAllBytes());
                for (ResourceSpans resource : export.getResourceSpansList()) {
                    for (ScopeSpans scope : resource.getScopeSpansList()) {
                        scope.getSpansList().forEach(s -> spans.add(received(s)));
                    }
                }
                exchange.sendResponseHeaders(200, -1);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The traces URL to configure as {@code coe.tracing.endpoint}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    List<Received> spans() {
        return List.copyOf(spans);
    }

    /** The spans of {@code traceId}. */
    List<Received> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** The headers of every export so far. */
    List<Map<String, List<String>>> exportHeaders() {
        return List.copyOf(headers);
    }

    void clear() {
        spans.clear();
        headers.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static Received received(Span s) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (KeyValue kv : s.getAttributesList()) {
            attributes.put(kv.getKey(), value(kv.getValue()));
        }
        HexFormat hex = HexFormat.of();
        return new Received(
                hex.formatHex(s.getTraceId().toByteArray()),
                hex.formatHex(s.getSpanId().toByteArray()),
                s.getParentSpanId().isEmpty()
                        ? ""
                        : hex.formatHex(s.getParentSpanId().toByteArray()),
                s.getName(),
                s.getKind().name(),
                s.getStatus().getCode().name(),
                s.getStartTimeUnixNano(),
                s.getEndTimeUnixNano(),
                attributes);
    }

    private static Object value(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> v.getBoolValue();
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case ARRAY_VALUE -> {
                List<Object> values = new ArrayList<>();
                v.getArrayValue().getValuesList().forEach(x -> values.add(value(x)));
                yield values;
            }
            default -> v.toString();
        };
    }
}
