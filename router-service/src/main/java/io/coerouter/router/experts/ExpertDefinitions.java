package io.coerouter.router.experts;

import io.coerouter.router.config.ExpertProperties;
import io.coerouter.router.config.ResilienceProperties;
import io.coerouter.router.error.JsonBodies;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one check of an expert definition's fields, for {@code coe.experts} at start-up, the admin API and entries read
 * back from the shared store alike: an id grammar, finite numbers within bounds, bounded strings, an http(s) URL,
 * positive bounded durations. Deployment policies (which adapter, which key variable, where it may connect) are
 * checked when the expert is built.
 */
public final class ExpertDefinitions {

    /** An id: a letter or digit, then up to 63 letters, digits, '.', '_', ':' or '-'; never a number's spelling. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d*)?[dDfF]?|[+-]?(infinity|inf|nan)|0x[0-9a-f.p+-]*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ADAPTER = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern OPTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000");
    private static final int MAX_PRICE_SCALE = 12;
    private static final int MAX_MODEL = 256;
    private static final int MAX_MODEL_PATH = 1024;
    private static final int MAX_OPTION_VALUE = 1024;
    private static final int MAX_OPTIONS = 32;
    private static final int MAX_FALLBACKS = 16;
    private static final int MAX_CONCURRENCY = 10_000;
    private static final int MAX_CONTEXT_WINDOW = 100_000_000;
    private static final Duration MAX_CONNECT = Duration.ofMinutes(5);
    private static final Duration MAX_REQUEST = Duration.ofHours(1);
    private static final Duration MAX_RESILIENCE = Duration.ofDays(1);

    private ExpertDefinitions() {}

    /** Whether {@code id} is a valid expert id. */
    public static boolean validId(String id) {
        return id != null
                && ID.matcher(id).matches()
                && !NUMBER.matcher(id).matches()
                && !id.contains("..")
                && !id.toLowerCase(Locale.ROOT).equals(io.coerouter.expert.ExpertConfig.RESERVED_ID);
    }

    /**
     * Checks every field of {@code d}; a null id passes (the admin API may take it from the path).
     *
     * @throws InvalidExpertException naming the first field that is out of bounds
     */
    public static void check(ExpertProperties d) {
        if (d.id() != null) {
            checkId("id", d.id());
        }
        if (d.adapter() == null) {
            throw new InvalidExpertException("adapter", "Missing required parameter: 'adapter'.");
        }
        if (!ADAPTER.matcher(d.adapter()).matches()) {
            throw invalid("adapter", "must be an adapter name such as openai or djl", d.adapter());
        }
        ExpertTextChecks.url(d.baseUrl());
        checkText("model", d.model(), MAX_MODEL);
        ExpertTextChecks.model(d.model());
        checkText("model_path", d.modelPath(), MAX_MODEL_PATH);
        if (d.apiKeyEnv() != null && !ENV_NAME.matcher(d.apiKeyEnv()).matches()) {
            // The value is not echoed: it may be a pasted secret rather than a variable's name.
            throw new InvalidExpertException(
                    "api_key_env", "api_key_env must be the name of an environment variable (letters, digits, '_').");
        }
        checkPrice("input_price_per_1k", d.inputPricePer1k());
        checkPrice("output_price_per_1k", d.outputPricePer1k());
        checkRange("max_concurrency", d.maxConcurrency(), 1, MAX_CONCURRENCY);
        checkDuration("connect_timeout", d.connectTimeout(), MAX_CONNECT);
        checkDuration("request_timeout", d.requestTimeout(), MAX_REQUEST);
        if (d.firstTokenTimeout() != null) {
            checkDuration("first_token_timeout", d.firstTokenTimeout(), MAX_REQUEST);
        }
        checkRange("context_window", d.contextWindow(), 0, MAX_CONTEXT_WINDOW);
        if (d.fallbacks().size() > MAX_FALLBACKS) {
            throw new InvalidExpertException("fallbacks", "fallbacks may name at most " + MAX_FALLBACKS + " experts.");
        }
        for (String f : d.fallbacks()) {
            checkId("fallbacks", f);
        }
        if (d.options().size() > MAX_OPTIONS) {
            throw new InvalidExpertException("options", "options may hold at most " + MAX_OPTIONS + " settings.");
        }
        for (Map.Entry<String, String> o : d.options().entrySet()) {
            if (!OPTION.matcher(o.getKey()).matches()) {
                throw invalid("options", "keys must be 1-64 letters, digits, '.', '_' or '-'", o.getKey());
            }
            checkText("options." + o.getKey(), o.getValue(), MAX_OPTION_VALUE);
        }
        checkResilience(d.resilience());
        ExpertTextChecks.description(d.description());
    }

    /**
     * Checks every entry of {@code coe.experts}.
     *
     * @throws IllegalArgumentException naming the entry and the field
     */
    public static void checkEach(List<ExpertProperties> declared) {
        for (ExpertProperties p : declared) {
            try {
                check(p);
            } catch (InvalidExpertException e) {
                throw new IllegalArgumentException(
                        "coe.experts '" + JsonBodies.echo(p.id()) + "': " + e.getMessage(), e);
            }
        }
    }

    /**
     * Checks {@code coe.experts} as a whole: at least one entry, no id twice, a default and fallbacks that name
     * declared experts.
     *
     * @return the default expert's id: {@code defaultExpert}, or the first declared one when it is blank
     * @throws IllegalArgumentException naming the setting
     */
    public static String checkDeclaration(List<ExpertProperties> declared, String defaultExpert) {
        List<String> ids = new ArrayList<>();
        for (ExpertProperties p : declared) {
            if (ids.contains(p.id())) {
                throw new IllegalArgumentException("coe.experts declares the id '" + p.id() + "' twice");
            }
            ids.add(p.id());
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("coe.experts must declare at least one expert");
        }
        String chosen = defaultExpert == null || defaultExpert.isBlank() ? ids.getFirst() : defaultExpert;
        if (!ids.contains(chosen)) {
            throw new IllegalArgumentException(
                    "coe.default-expert must be one of " + ids + ", but was '" + chosen + "'");
        }
        for (ExpertProperties p : declared) {
            unknownFallback(p, ids).ifPresent(f -> {
                throw new IllegalArgumentException("coe.experts '" + p.id()
                        + "' fallbacks must name other declared experts " + ids + ", but named '" + f + "'");
            });
        }
        return chosen;
    }

    /** The first of {@code d}'s fallbacks that is {@code d} itself or not one of {@code ids}, if any. */
    public static Optional<String> unknownFallback(ExpertProperties d, Collection<String> ids) {
        return d.fallbacks().stream()
                .filter(f -> f.equals(d.id()) || !ids.contains(f))
                .findFirst();
    }

    private static void checkResilience(ResilienceProperties r) {
        if (r == null) {
            return;
        }
        checkFinite("resilience.failure_rate_threshold", r.failureRateThreshold(), 0, 100);
        checkFinite("resilience.slow_call_rate_threshold", r.slowCallRateThreshold(), 0, 100);
        checkFinite("resilience.backoff_multiplier", r.backoffMultiplier(), 0, 100);
        checkFinite("resilience.jitter", r.jitter(), 0, 1);
        checkSpan("resilience.slow_call_duration", r.slowCallDuration(), MAX_RESILIENCE);
        checkSpan("resilience.open_wait", r.openWait(), MAX_RESILIENCE);
        checkSpan("resilience.initial_backoff", r.initialBackoff(), MAX_RESILIENCE);
        checkSpan("resilience.max_backoff", r.maxBackoff(), MAX_RESILIENCE);
        checkSpan("resilience.max_retry_after", r.maxRetryAfter(), MAX_RESILIENCE);
        checkRange("resilience.sliding_window_size", r.slidingWindowSize(), 1, 100_000);
        checkRange("resilience.minimum_calls", r.minimumCalls(), 1, 100_000);
        checkRange("resilience.half_open_calls", r.halfOpenCalls(), 1, 10_000);
        checkRange("resilience.max_attempts", r.maxAttempts(), 1, 100);
        checkRange("resilience.requests_per_minute", r.requestsPerMinute(), 0, 100_000_000);
        checkRange("resilience.tokens_per_minute", r.tokensPerMinute(), 0, Integer.MAX_VALUE);
    }

    private static void checkId(String param, String id) {
        if (!validId(id)) {
            throw invalid(
                    param,
                    "must be 1-64 letters, digits, '.', '_', ':' or '-' starting with a letter or digit, not a number"
                            + " and not '" + io.coerouter.expert.ExpertConfig.RESERVED_ID + "'",
                    id);
        }
    }

    private static void checkText(String param, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.isBlank() || value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(param, "must be 1-" + max + " characters without control characters", value);
        }
    }

    private static void checkPrice(String param, BigDecimal price) {
        if (price == null) {
            throw new InvalidExpertException(param, param + " must be a number.");
        }
        if (price.signum() < 0
                || price.compareTo(MAX_PRICE) > 0
                || price.stripTrailingZeros().scale() > MAX_PRICE_SCALE) {
            throw invalid(
                    param,
                    "must be a price in USD per 1,000 tokens from 0 to " + MAX_PRICE + " with at most "
                            + MAX_PRICE_SCALE + " decimals",
                    price.toString());
        }
    }

    private static void checkRange(String param, long value, long min, long max) {
        if (value < min || value > max) {
            throw invalid(param, "must be from " + min + " to " + max, Long.toString(value));
        }
    }

    private static void checkFinite(String param, double value, double min, double max) {
        if (!Double.isFinite(value) || value < min || value > max) {
            throw invalid(param, "must be a number from " + min + " to " + max, Double.toString(value));
        }
    }

    private static void checkDuration(String param, Duration value, Duration max) {
        if (value == null || value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw invalid(
                    param,
                    "must be a duration > 0 and at most "
                            + max.toString().substring(2).toLowerCase(Locale.ROOT),
                    String.valueOf(value));
        }
    }

    /** A resilience duration: finite, not negative, at most {@code max}; its own config says where zero is refused. */
    private static void checkSpan(String param, Duration value, Duration max) {
        if (value == null || value.isNegative() || value.compareTo(max) > 0) {
            throw invalid(
                    param,
                    "must be a duration >= 0 and at most "
                            + max.toString().substring(2).toLowerCase(Locale.ROOT),
                    String.valueOf(value));
        }
    }

    static InvalidExpertException invalid(String param, String rule, String value) {
        return new InvalidExpertException(param, param + " " + rule + ", but was '" + JsonBodies.echo(value) + "'.");
    }
}
