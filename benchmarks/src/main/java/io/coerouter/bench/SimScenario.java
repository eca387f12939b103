package io.coerouter.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * One configuration of the cluster simulation ({@link ClusterSimulation}).
 *
 * @param name what it is called in the output
 * @param workers W, the worker processes (one device each)
 * @param resident M, the models each worker's device holds at once (every model the same size)
 * @param experts E, the distinct experts requested
 * @param zipf the Zipf exponent s of expert popularity (0: uniform); the expert of rank k gets weight 1/k^s
 * @param hours simulated hours of arrivals (the run continues until every request is served)
 * @param rate the mean arrival rate, requests per second over the whole run
 * @param amplitude the diurnal swing: the rate at hour t is rate * (1 + amplitude * cos(2π (t - peakHour) / 24))
 * @param peakHour the hour of the day the rate peaks
 * @param load how long a model takes to load onto a device (host tier off: every load costs this)
 * @param genBase the fixed part of one batch's generation time
 * @param genPerRequest what each request of a batch adds to its generation time
 * @param batch the scheduler's max batch size
 * @param maxWait the scheduler's max wait
 * @param loadDelay the swap-aware scheduler's load delay
 * @param window the scheduler's batching window
 * @param spill for the spilling candidate dispatch: the queued plus in-flight requests at which a holder counts as busy
 * @param seed the random seed of the arrivals
 */
record SimScenario(
        String name,
        int workers,
        int resident,
        int experts,
        double zipf,
        double hours,
        double rate,
        double amplitude,
        double peakHour,
        Duration load,
        Duration genBase,
        Duration genPerRequest,
        int batch,
        Duration maxWait,
        Duration loadDelay,
        Duration window,
        int spill,
        long seed) {

    SimScenario {
        if (workers < 1 || resident < 1 || experts < 1 || batch < 1 || spill < 1) {
            throw new IllegalArgumentException("workers, resident, experts, batch and spill must be >= 1");
        }
        if (hours <= 0 || rate <= 0 || zipf < 0 || amplitude < 0 || amplitude > 1) {
            throw new IllegalArgumentException("hours and rate must be > 0, zipf >= 0, amplitude in [0, 1]: " + hours
                    + ", " + rate + ", " + zipf + ", " + amplitude);
        }
    }

    /** The time one batch of {@code size} requests generates for. */
    long genNanos(int size) {
        return genBase.toNanos() + size * genPerRequest.toNanos();
    }

    /** The arrival rate (requests per second) at {@code nanos} into the run. */
    double rateAt(long nanos) {
        double hour = nanos / 3.6e12;
        return rate * (1 + amplitude * Math.cos(2 * Math.PI * (hour - peakHour) / 24));
    }

    /** The assumptions, one per line, for the output. */
    String describe() {
        return String.format(
                Locale.ROOT,
                """
                scenario %s: W=%d workers, each device holding M=%d models (all models the same size; host tier off, \
                so every load costs the full load time); E=%d experts, Zipf popularity s=%.2f (the top expert gets \
                %.1f%% of requests, the top %d (= W*M) %.1f%%)
                arrivals: Poisson, %.1f simulated hours, mean %.2f req/s (%,d expected), diurnal rate \
                %.2f * (1 + %.2f cos(2pi (hour - %.0f) / 24)): %.2f req/s at the peak (hour %.0f), %.2f at the trough; \
                seed %d
                worker: load %s per model; a batch of b requests generates for %s + b * %s (%s at b=1, %s at b=%d); \
                swap-aware scheduler: max batch %d, max wait %s, load delay %s, batching window %s; eviction takes \
                models without queued work first, least recently used first (the pool's look-ahead eviction)
                spilling candidate: a holder with %d or more requests queued or in flight counts as busy""",
                name,
                workers,
                resident,
                experts,
                zipf,
                100 * share(1),
                Math.min(experts, workers * resident),
                100 * share(Math.min(experts, workers * resident)),
                hours,
                rate,
                Math.round(rate * hours * 3600),
                rate,
                amplitude,
                peakHour,
                rate * (1 + amplitude),
                peakHour,
                rate * (1 - amplitude),
                seed,
                human(load),
                human(genBase),
                human(genPerRequest),
                human(Duration.ofNanos(genNanos(1))),
                human(Duration.ofNanos(genNanos(batch))),
                batch,
                batch,
                human(maxWait),
                human(loadDelay),
                human(window),
                spill);
    }

    /** {@code 10 s}, {@code 6.1 s} or {@code 25 ms}. */
    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms >= 1000
                ? java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + " s"
                : ms + " ms";
    }

    /** The share of requests for the {@code top} most popular experts. */
    double share(int top) {
        double all = 0;
        double head = 0;
        for (int k = 1; k <= experts; k++) {
            double w = Math.pow(k, -zipf);
            all += w;
            if (k <= top) {
                head += w;
            }
        }
        return head / all;
    }
}
