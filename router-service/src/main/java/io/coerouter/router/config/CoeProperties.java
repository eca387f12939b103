package io.coerouter.router.config;

import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.Pricing;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything under {@code coe.*}. Operators script against these names; keep them stable.
 *
 * @param defaultExpert the expert that answers {@code model: coe} until skill routing has profiles; defaults to the
 *     first declared expert
 * @param gateway limits of the HTTP API
 * @param local settings of local (DJL) experts and their model pool
 * @param experts the declared experts, in the spirit of LiteLLM's {@code model_list}
 */
@ConfigurationProperties("coe")
public record CoeProperties(
        String defaultExpert,
        @DefaultValue Gateway gateway,
        @DefaultValue Local local,
        List<ExpertProperties> experts) {

    public CoeProperties {
        experts = experts == null ? List.of() : List.copyOf(experts);
    }

    /**
     * Limits of the HTTP API.
     *
     * @param maxRequestSize the largest request body accepted; larger ones get HTTP 413
     */
    public record Gateway(@DefaultValue("1MB") DataSize maxRequestSize) {

        public Gateway {
            if (maxRequestSize.toBytes() <= 0) {
                throw new IllegalArgumentException(
                        "coe.gateway.max-request-size must be > 0, but was " + maxRequestSize);
            }
        }
    }

    /**
     * Local models and their pool.
     *
     * @param device {@code auto} (a GPU when the engine sees one), {@code cpu} or {@code gpu}
     * @param cacheDir where class-path and archived models are unpacked and DJL keeps libtorch; unset: {@code
     *     ~/.cache/coe-router}
     * @param deviceMemoryBudget the most bytes of loaded models; unset: half the memory available at start
     * @param hostMemoryBudget the most bytes of model files kept in RAM for fast reloads; unset: a quarter of it
     * @param roomWait how long a load waits for busy models to free room before answering 503
     * @param pinned expert ids never evicted once loaded
     */
    public record Local(
            @DefaultValue("auto") String device,
            Path cacheDir,
            DataSize deviceMemoryBudget,
            DataSize hostMemoryBudget,
            @DefaultValue("30s") Duration roomWait,
            List<String> pinned) {

        public Local {
            // Not a @DefaultValue: those are not placeholder-resolved, so ${user.home} would be taken literally.
            cacheDir = cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".cache", "coe-router");
            pinned = pinned == null ? List.of() : List.copyOf(pinned);
        }
    }

    /**
     * One entry of {@code coe.experts[]}.
     *
     * @param id the name clients use as {@code model}
     * @param adapter the adapter type: {@code openai} or {@code echo}
     * @param baseUrl the provider's base URL (adapter {@code openai})
     * @param model the provider's model name (adapter {@code openai})
     * @param modelPath a local model's folder, .zip archive or {@code classpath:} folder (adapter {@code djl})
     * @param apiKeyEnv the name of the environment variable that holds the API key; never the key itself
     * @param inputPricePer1k US dollars per 1,000 prompt tokens
     * @param outputPricePer1k US dollars per 1,000 generated tokens
     * @param maxConcurrency the most calls in flight at once
     * @param connectTimeout how long to wait for a connection
     * @param requestTimeout how long one whole call may take
     */
    public record ExpertProperties(
            String id,
            String adapter,
            URI baseUrl,
            String model,
            String modelPath,
            String apiKeyEnv,
            @DefaultValue("0") BigDecimal inputPricePer1k,
            @DefaultValue("0") BigDecimal outputPricePer1k,
            @DefaultValue("16") int maxConcurrency,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("120s") Duration requestTimeout) {

        /** The library config; its validation names the offending field. */
        public ExpertConfig toConfig() {
            return new ExpertConfig(
                    id,
                    adapter,
                    baseUrl,
                    model,
                    modelPath,
                    apiKeyEnv,
                    new Pricing(inputPricePer1k, outputPricePer1k),
                    maxConcurrency,
                    connectTimeout,
                    requestTimeout);
        }
    }
}
