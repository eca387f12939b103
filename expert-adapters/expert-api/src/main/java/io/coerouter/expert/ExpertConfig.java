package io.coerouter.expert;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one expert is declared: its id, adapter and the settings every adapter shares. Built with {@link #builder(String,
 * String)}; every value is validated with a message naming it.
 *
 * @param id the name clients use as {@code model}; letters, digits, '.', '_', ':', '/', '-'
 * @param adapter the adapter type, e.g. {@code openai}
 * @param baseUrl the provider's base URL, or null for adapters that need none
 * @param model the provider's model name, or null for adapters that need none
 * @param modelPath where a local model lives (a folder, a .zip archive, or {@code classpath:folder}), or null
 * @param apiKeyEnv the name of the environment variable holding the API key, or null
 * @param pricing prices per 1,000 tokens
 * @param maxConcurrency the most calls in flight at once, > 0
 * @param connectTimeout how long to wait for a connection, > 0
 * @param requestTimeout how long one whole call may take, > 0
 * @param firstTokenTimeout how long a stream may take to send its first text, > 0 and <= requestTimeout (null: the
 *     request timeout)
 * @param contextWindow the most tokens (prompt and answer) the model takes, >= 0; 0 when unknown. A prompt too long for
 *     one expert fails over to an expert known to take more.
 * @param options adapter-specific settings (for example {@code api-version} for {@code azure-openai}); never null
 */
public record ExpertConfig(
        String id,
        String adapter,
        URI baseUrl,
        String model,
        String modelPath,
        String apiKeyEnv,
        Pricing pricing,
        int maxConcurrency,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration firstTokenTimeout,
        int contextWindow,
        Map<String, String> options) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The model name that means "the composed router", which no expert may take. */
    public static final String RESERVED_ID = "coe";

    public ExpertConfig {
        Objects.requireNonNull(id, "id must not be null");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "id must be 1-128 letters, digits, '.', '_', ':', '/' or '-' starting with a letter or digit, but was '"
                            + id + "'");
        }
        if (id.toLowerCase(Locale.ROOT).equals(RESERVED_ID)) {
            throw new IllegalArgumentException("id must not be '" + RESERVED_ID + "': that name is the router itself");
        }
        Objects.requireNonNull(adapter, "adapter must not be null (expert '" + id + "')");
        if (adapter.isBlank()) {
            throw new IllegalArgumentException("adapter must not be blank (expert '" + id + "')");
        }
        if (baseUrl != null) {
            String scheme = baseUrl.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || baseUrl.getHost() == null) {
                throw new IllegalArgumentException(
                        "baseUrl must be an absolute http(s) URL, but was '" + baseUrl + "' (expert '" + id + "')");
            }
        }
        if (model != null && model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank (expert '" + id + "')");
        }
        if (modelPath != null && modelPath.isBlank()) {
            throw new IllegalArgumentException("modelPath must not be blank (expert '" + id + "')");
        }
        if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
            throw new IllegalArgumentException("apiKeyEnv must be the name of an environment variable, but was '"
                    + apiKeyEnv + "' (expert '" + id + "')");
        }
        Objects.requireNonNull(pricing, "pricing must not be null (expert '" + id + "')");
        if (maxConcurrency <= 0) {
            throw new IllegalArgumentException(
                    "maxConcurrency must be > 0, but was " + maxConcurrency + " (expert '" + id + "')");
        }
        requirePositive("connectTimeout", connectTimeout, id);
        requirePositive("requestTimeout", requestTimeout, id);
        if (firstTokenTimeout == null) {
            firstTokenTimeout = requestTimeout;
        }
        requirePositive("firstTokenTimeout", firstTokenTimeout, id);
        if (firstTokenTimeout.compareTo(requestTimeout) > 0) {
            throw new IllegalArgumentException("firstTokenTimeout must be <= requestTimeout (" + requestTimeout
                    + "), but was " + firstTokenTimeout + " (expert '" + id + "')");
        }
        if (contextWindow < 0) {
            throw new IllegalArgumentException(
                    "contextWindow must be >= 0 (0: unknown), but was " + contextWindow + " (expert '" + id + "')");
        }
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    private static void requirePositive(String name, Duration value, String id) {
        Objects.requireNonNull(value, name + " must not be null (expert '" + id + "')");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + value + " (expert '" + id + "')");
        }
    }

    public static Builder builder(String id, String adapter) {
        return new Builder(id, adapter);
    }

    /** The adapter-specific setting {@code name}, or {@code fallback} when it is not set. */
    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /**
     * Checks that every adapter-specific setting is one {@code adapter} takes.
     *
     * @throws IllegalArgumentException naming the first unknown setting and the known ones
     */
    public void requireKnownOptions(java.util.Set<String> known) {
        for (String name : new java.util.TreeSet<>(options.keySet())) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(
                        "options." + name + " is not a setting of adapter '" + adapter + "' (expert '" + id
                                + "'); it takes " + (known.isEmpty() ? "none" : new java.util.TreeSet<>(known)));
            }
        }
    }

    /**
     * Checks a setting an adapter needs.
     *
     * @param field the setting as messages name it, e.g. {@code model}
     * @throws IllegalArgumentException "{@code field} is required for adapter 'a' (expert 'id')" when {@code value}
     *     is null
     */
    public void require(String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(
                    field + " is required for adapter '" + adapter + "' (expert '" + id + "')");
        }
    }

    /** This config, or with {@code url} as its base URL when none is set (an adapter's default endpoint). */
    public ExpertConfig withDefaultBaseUrl(String url) {
        return baseUrl != null ? this : withBaseUrl(URI.create(url));
    }

    /** This config with another base URL (an adapter's default endpoint, for one). */
    public ExpertConfig withBaseUrl(URI baseUrl) {
        return new ExpertConfig(
                id,
                adapter,
                baseUrl,
                model,
                modelPath,
                apiKeyEnv,
                pricing,
                maxConcurrency,
                connectTimeout,
                requestTimeout,
                firstTokenTimeout,
                contextWindow,
                options);
    }

    /** Builds an {@link ExpertConfig} with the defaults: free, 16 concurrent calls, 10 s connect, 120 s request. */
    public static final class Builder {
        private final String id;
        private final String adapter;
        private URI baseUrl;
        private String model;
        private String modelPath;
        private String apiKeyEnv;
        private Pricing pricing = Pricing.FREE;
        private int maxConcurrency = 16;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(120);
        private Duration firstTokenTimeout;
        private int contextWindow;
        private Map<String, String> options = Map.of();

        private Builder(String id, String adapter) {
            this.id = id;
            this.adapter = adapter;
        }

        public Builder baseUrl(String baseUrl) {
            return baseUrl(baseUrl == null ? null : URI.create(baseUrl));
        }

        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder modelPath(String modelPath) {
            this.modelPath = modelPath;
            return this;
        }

        public Builder apiKeyEnv(String apiKeyEnv) {
            this.apiKeyEnv = apiKeyEnv;
            return this;
        }

        public Builder pricing(Pricing pricing) {
            this.pricing = pricing;
            return this;
        }

        public Builder pricing(String inputPer1k, String outputPer1k) {
            return pricing(new Pricing(new BigDecimal(inputPer1k), new BigDecimal(outputPer1k)));
        }

        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** How long a stream may take to send its first text; unset, the request timeout. */
        public Builder firstTokenTimeout(Duration firstTokenTimeout) {
            this.firstTokenTimeout = firstTokenTimeout;
            return this;
        }

        /** The most tokens the model takes, prompt and answer; 0 (the default) when unknown. */
        public Builder contextWindow(int contextWindow) {
            this.contextWindow = contextWindow;
            return this;
        }

        /** Adapter-specific settings, such as {@code api-version} for {@code azure-openai}. */
        public Builder options(Map<String, String> options) {
            this.options = options;
            return this;
        }

        public ExpertConfig build() {
            return new ExpertConfig(
                    id,
                    adapter,
                    baseUrl,
                    model,
                    modelPath,
                    apiKeyEnv,
                    pricing,
                    maxConcurrency,
                    connectTimeout,
                    requestTimeout,
                    firstTokenTimeout,
                    contextWindow,
                    options);
        }
    }
}
