package io.coerouter.router.warmup;

import io.coerouter.router.config.ExpertProperties;
import io.coerouter.router.experts.ExpertRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

/**
 * The warm-up at readiness. Before the router reports ready it lends the registry an unlisted {@code openai} expert
 * whose upstream is a {@link WarmupUpstream} in this process, opens the {@link WarmupPass}, and sends itself {@code
 * requests} chat completions over loopback HTTP to its own port (every fourth streamed), through the real filters,
 * controller, routing, expert client, aggregation and JSON. Then it closes the pass, takes the expert back and drops
 * the meters tagged with its id. It never fails the start: a failure or the timeout is logged as a warning and the
 * router becomes ready anyway.
 */
public final class Warmup {

    private static final Logger log = LoggerFactory.getLogger(Warmup.class);

    /**
     * What a warm-up did.
     *
     * @param ran whether it ran (false: disabled, or this process serves no API)
     * @param sent requests sent
     * @param answered requests answered 200
     * @param upstreamCalls completions the stub upstream answered: calls that went through the expert's client
     * @param millis how long it took
     * @param timedOut whether it stopped at the timeout
     * @param readinessDuring the readiness state while it ran
     * @param livenessDuring the liveness state while it ran
     * @param finished when it finished
     * @param upstreamPort the loopback port its stub listened on (0 when it did not start)
     */
    public record Report(
            boolean ran,
            int sent,
            int answered,
            long upstreamCalls,
            long millis,
            boolean timedOut,
            ReadinessState readinessDuring,
            LivenessState livenessDuring,
            Instant finished,
            int upstreamPort) {}

    private final WarmupConfig config;
    private final ExpertRegistry registry;
    private final WarmupPass pass;
    private final MeterRegistry meters;
    private final ApplicationAvailability availability;
    private final Clock clock;
    private volatile Report report;

    private Warmup(
            WarmupConfig config,
            ExpertRegistry registry,
            WarmupPass pass,
            MeterRegistry meters,
            ApplicationAvailability availability,
            Clock clock) {
        this.config = config;
        this.registry = registry;
        this.pass = pass;
        this.meters = meters;
        this.availability = availability;
        this.clock = clock;
    }

    static Warmup of(
            WarmupConfig config,
            ExpertRegistry registry,
            WarmupPass pass,
            MeterRegistry meters,
            ApplicationAvailability availability,
            Clock clock) {
        return new Warmup(config, registry, pass, meters, availability, clock);
    }

    /** The last warm-up's report; null before one ran or was skipped. */
    public Report report() {
        return report;
    }

    /** Skips the warm-up, saying why. */
    void skip(String why) {
        log.info("warm-up skipped: {}", why);
        report = new Report(
                false,
                0,
                0,
                0,
                0,
                false,
                availability.getReadinessState(),
                availability.getLivenessState(),
                clock.instant(),
                0);
    }

    /** Warms the router listening on {@code host:port} up; returns when done, failed or timed out. */
    void run(String host, int port) {
        ReadinessState readiness = availability.getReadinessState();
        LivenessState liveness = availability.getLivenessState();
        long start = System.nanoTime();
        long deadline = start + config.timeout().toNanos();
        String id = "coe-warmup-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        int sent = 0;
        int answered = 0;
        long upstreamCalls = 0;
        int upstreamPort = 0;
        String failure = null;
        boolean timedOut = false;
        try (WarmupUpstream upstream = WarmupUpstream.start(id);
                ExpertRegistry.Loan loan = registry.lendUnlisted(definition(id, upstream.baseUrl()));
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(2))
                        .build()) {
            upstreamPort = upstream.baseUrl().getPort();
            String secret = pass.open();
            URI uri = URI.create("http://" + hostForUri(host) + ":" + port + WarmupPass.PATH);
            // Stops early when the path is broken: ten failures are enough to say so.
            while (sent < config.requests() && sent - answered < 10 && System.nanoTime() < deadline) {
                boolean stream = sent % 4 == 3;
                Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .timeout(left)
                        .header("Content-Type", "application/json")
                        .header("Cache-Control", "no-store")
                        .header(WarmupPass.HEADER, secret)
                        .POST(HttpRequest.BodyPublishers.ofString(body(id, sent, stream)))
                        .build();
                sent++;
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        answered++;
                    } else if (failure == null) {
                        failure = "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
                    }
                } catch (java.io.IOException e) {
                    if (failure == null) {
                        failure = e.toString();
                    }
                }
            }
            upstreamCalls = upstream.answered();
            // Only a loop that ran out of time: one stopped by an exception (an interrupt, a stub that did not start)
            // or by ten failures reports its failure instead.
            timedOut = sent < config.requests() && sent - answered < 10 && System.nanoTime() >= deadline;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (Exception e) {
            failure = e.toString();
        } finally {
            pass.close();
            forgetMeters(id);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        report = new Report(
                true,
                sent,
                answered,
                upstreamCalls,
                millis,
                timedOut,
                readiness,
                liveness,
                clock.instant(),
                upstreamPort);
        if (failure != null || timedOut) {
            log.warn(
                    "warm-up incomplete, becoming ready anyway: {} of {} requests answered in {} ms{}{}",
                    answered,
                    config.requests(),
                    millis,
                    timedOut ? " (coe.warmup.timeout " + config.timeout() + " reached)" : "",
                    failure == null ? "" : "; first failure: " + failure);
        } else {
            log.info("warm-up: {} requests answered in {} ms before readiness", answered, millis);
        }
    }

    /** An {@code openai} expert on the stub, without credentials, retries or failover. */
    private static ExpertProperties definition(String id, URI baseUrl) {
        return new ExpertProperties(
                id,
                "openai",
                baseUrl,
                id,
                null,
                null,
                null,
                null,
                8,
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                null,
                List.of(),
                null,
                null,
                null,
                "warm-up only");
    }

    private static String body(String model, int n, boolean stream) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Warm-up request " + n + ": say hello in one short sentence.\"}],"
                + "\"max_tokens\":16,\"temperature\":0.2"
                + (stream ? ",\"stream\":true,\"stream_options\":" + "{\"include_usage\":true}" : "") + "}";
    }

    /** Drops the meters the warm-up's expert left (tagged with its id), so no series names it. */
    private void forgetMeters(String id) {
        for (Meter meter : List.copyOf(meters.getMeters())) {
            if (meter.getId().getTags().stream().anyMatch(t -> t.getValue().equals(id))) {
                meters.remove(meter);
            }
        }
    }

    private static String hostForUri(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
