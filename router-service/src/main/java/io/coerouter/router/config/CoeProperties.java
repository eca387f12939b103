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
 * @param skills the skill taxonomy and the query classifier
 * @param routing how experts are recruited for {@code model: coe}
 * @param profiles where expert profiles come from and how many versions are kept
 * @param aggregation how several experts' answers become one
 * @param scheduler how local experts' work is batched
 * @param batch the Files and Batch APIs
 * @param redis the shared state's Redis server; none: state lives in this process's memory
 * @param auth gateway API keys and the admin credential
 * @param secrets which environment variables may hold experts' API keys
 * @param egress where experts may connect
 */
@ConfigurationProperties("coe")
public record CoeProperties(
        String defaultExpert,
        @DefaultValue Gateway gateway,
        @DefaultValue Local local,
        List<ExpertProperties> experts,
        @DefaultValue Skills skills,
        @DefaultValue Routing routing,
        @DefaultValue Profiles profiles,
        @DefaultValue Aggregation aggregation,
        @DefaultValue Scheduler scheduler,
        @DefaultValue Batch batch,
        @DefaultValue Redis redis,
        @DefaultValue Auth auth,
        @DefaultValue Secrets secrets,
        @DefaultValue Egress egress) {

    public CoeProperties {
        experts = experts == null ? List.of() : List.copyOf(experts);
    }

    /**
     * Which environment variables may hold an expert's API key ({@code api-key-env}): names ending in {@code _API_KEY},
     * names with an allowed prefix, and the allowed names; never the router's own secrets ({@code COE_ADMIN_KEY},
     * {@code REDIS_*}, {@code SPRING_*}...) whatever is listed here. See {@link io.coerouter.expert.egress.SecretPolicy}.
     *
     * @param allowedEnvPrefixes prefixes of allowed names; empty: {@code COE_PROVIDER_}
     * @param allowedEnvNames further allowed names
     */
    public record Secrets(List<String> allowedEnvPrefixes, List<String> allowedEnvNames) {

        public Secrets {
            allowedEnvPrefixes = allowedEnvPrefixes == null ? List.of() : List.copyOf(allowedEnvPrefixes);
            allowedEnvNames = allowedEnvNames == null ? List.of() : List.copyOf(allowedEnvNames);
        }

        public io.coerouter.expert.egress.SecretPolicy toPolicy() {
            return io.coerouter.expert.egress.SecretPolicy.of(
                    allowedEnvPrefixes, java.util.Set.copyOf(allowedEnvNames));
        }
    }

    /**
     * Where experts may connect. Metadata, unspecified, multicast and broadcast addresses are always refused,
     * link-local ones unless allowed, and loopback and private ones for experts created through the admin API unless
     * allowed. See {@link io.coerouter.expert.egress.EgressPolicy}.
     *
     * @param allowedNetworks CIDR networks exempt from the link-local and (admin) private-network denials
     * @param deniedNetworks CIDR networks no expert may reach
     * @param allowedHosts when not empty, the only hosts admin-created experts may name ({@code *.example.com} for
     *     subdomains)
     * @param deniedHosts hosts no expert may name
     */
    public record Egress(
            List<String> allowedNetworks,
            List<String> deniedNetworks,
            List<String> allowedHosts,
            List<String> deniedHosts) {

        public Egress {
            allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
            deniedNetworks = deniedNetworks == null ? List.of() : List.copyOf(deniedNetworks);
            allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
            deniedHosts = deniedHosts == null ? List.of() : List.copyOf(deniedHosts);
            try {
                io.coerouter.expert.egress.EgressPolicy.of(
                        allowedNetworks,
                        deniedNetworks,
                        java.util.Set.copyOf(allowedHosts),
                        java.util.Set.copyOf(deniedHosts));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("coe.egress: " + e.getMessage(), e);
            }
        }

        public io.coerouter.expert.egress.EgressPolicy toPolicy() {
            return io.coerouter.expert.egress.EgressPolicy.of(
                    allowedNetworks,
                    deniedNetworks,
                    java.util.Set.copyOf(allowedHosts),
                    java.util.Set.copyOf(deniedHosts));
        }
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
     * Where replicas share their state.
     *
     * @param url a {@code redis://} or {@code rediss://} URL; empty: in-memory state (one replica). application.yaml
     *     defaults it to the {@code REDIS_URL} environment variable, then {@code spring.data.redis.url}
     * @param keyPrefix the prefix of every key this router writes, so several deployments can share one server
     * @param timeout how long one Redis command may take before the store counts as unavailable
     */
    public record Redis(String url, @DefaultValue("coe:") String keyPrefix, @DefaultValue("2s") Duration timeout) {

        public Redis {
            if (keyPrefix == null || keyPrefix.isBlank()) {
                throw new IllegalArgumentException("coe.redis.key-prefix must not be blank");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("coe.redis.timeout must be > 0, but was " + timeout);
            }
        }

        /** Whether a Redis server is configured. */
        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * Who may call the router.
     *
     * @param enabled whether {@code /v1/*} needs a gateway API key and {@code /admin/*} the admin key; off (the
     *     quickstart's default, logged loudly) trusts every caller
     * @param adminKey the admin credential, distinct from every gateway key; application.yaml defaults it to the
     *     {@code COE_ADMIN_KEY} environment variable; required when auth is enabled
     * @param viewerKey an optional read-only credential: {@code GET} on {@code /admin/*} and the admin actuator
     *     endpoints, nothing else; application.yaml defaults it to {@code COE_VIEWER_KEY}; blank: no viewer
     */
    public record Auth(
            @DefaultValue("false") boolean enabled, String adminKey, String viewerKey, List<String> allowedHosts) {

        public Auth {
            allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
            for (String host : allowedHosts) {
                if (host == null || host.isBlank() || !host.strip().matches("\\.?[A-Za-z0-9]([A-Za-z0-9.-]{0,252})")) {
                    throw new IllegalArgumentException("coe.auth.allowed-hosts must hold host names (or .domain"
                            + " suffixes), but held '" + (host == null ? "" : host.strip()) + "'");
                }
            }
            if (enabled && (adminKey == null || adminKey.length() < 16)) {
                throw new IllegalArgumentException("coe.auth.admin-key (or COE_ADMIN_KEY) must be set to at least 16"
                        + " characters when coe.auth.enabled is true");
            }
            viewerKey = viewerKey == null || viewerKey.isBlank() ? null : viewerKey;
            if (viewerKey != null && viewerKey.length() < 16) {
                throw new IllegalArgumentException("coe.auth.viewer-key (or COE_VIEWER_KEY) must be at least 16"
                        + " characters when set, but was " + viewerKey.length() + " characters");
            }
            if (viewerKey != null && viewerKey.equals(adminKey)) {
                throw new IllegalArgumentException(
                        "coe.auth.viewer-key must differ from coe.auth.admin-key, but they are the same");
            }
        }
    }

    /**
     * The Files and Batch APIs.
     *
     * @param maxFileSize the largest file {@code POST /v1/files} accepts; larger ones get HTTP 413
     * @param maxRequests the most requests (lines) in one batch input file
     * @param concurrentBatches batches run at once; later ones wait as {@code validating}
     * @param aggregationParallelism lines aggregated at once in a batch's aggregation stage
     * @param lease how long a router's claim on a running batch or admin job lasts without renewal (renewed every
     *     third of it); past it, another router resumes the batch or marks the admin job failed
     * @param maxStoredBytes the most bytes all files together may hold; an upload past it gets HTTP 429
     * @param maxKeyBytes the most bytes one API key's files may hold; an upload past it gets HTTP 429
     * @param maxKeyFiles the most files one API key may hold; an upload past it gets HTTP 429
     * @param maxConcurrentUploads uploads this router receives at once; more get HTTP 429 with Retry-After
     * @param maxConcurrentUploadsPerKey uploads one API key sends this router at once (at most {@code
     *     maxConcurrentUploads}); more get HTTP 429 with Retry-After. Uploads without a key (auth off)
     *     are one owner and only {@code maxConcurrentUploads} applies to them
     * @param uploadTimeout how long one upload may take to arrive; past it the upload is cut off with HTTP 408, nothing
     *     kept and its place freed (a client that sends nothing at all is cut off by {@code
     *     server.tomcat.connection-timeout})
     */
    public record Batch(
            @DefaultValue("100MB") DataSize maxFileSize,
            @DefaultValue("50000") int maxRequests,
            @DefaultValue("1") int concurrentBatches,
            @DefaultValue("32") int aggregationParallelism,
            @DefaultValue("30s") Duration lease,
            @DefaultValue("512MB") DataSize maxStoredBytes,
            @DefaultValue("200MB") DataSize maxKeyBytes,
            @DefaultValue("100") int maxKeyFiles,
            @DefaultValue("4") int maxConcurrentUploads,
            @DefaultValue("2") int maxConcurrentUploadsPerKey,
            @DefaultValue("2m") Duration uploadTimeout) {

        public Batch {
            if (maxConcurrentUploadsPerKey <= 0) {
                throw new IllegalArgumentException(
                        "coe.batch.max-concurrent-uploads-per-key must be > 0, but was " + maxConcurrentUploadsPerKey);
            }
            if (uploadTimeout == null || uploadTimeout.toMillis() < 100) {
                throw new IllegalArgumentException(
                        "coe.batch.upload-timeout must be at least 100ms, but was " + uploadTimeout);
            }
            if (maxStoredBytes == null || maxStoredBytes.toBytes() <= 0) {
                throw new IllegalArgumentException("coe.batch.max-stored-bytes must be > 0, but was " + maxStoredBytes);
            }
            if (maxKeyBytes == null || maxKeyBytes.toBytes() <= 0) {
                throw new IllegalArgumentException("coe.batch.max-key-bytes must be > 0, but was " + maxKeyBytes);
            }
            if (maxKeyFiles <= 0) {
                throw new IllegalArgumentException("coe.batch.max-key-files must be > 0, but was " + maxKeyFiles);
            }
            if (maxConcurrentUploads <= 0) {
                throw new IllegalArgumentException(
                        "coe.batch.max-concurrent-uploads must be > 0, but was " + maxConcurrentUploads);
            }
            if (maxFileSize.toBytes() <= 0) {
                throw new IllegalArgumentException("coe.batch.max-file-size must be > 0, but was " + maxFileSize);
            }
            if (maxRequests <= 0) {
                throw new IllegalArgumentException("coe.batch.max-requests must be > 0, but was " + maxRequests);
            }
            if (concurrentBatches <= 0) {
                throw new IllegalArgumentException(
                        "coe.batch.concurrent-batches must be > 0, but was " + concurrentBatches);
            }
            if (aggregationParallelism <= 0) {
                throw new IllegalArgumentException(
                        "coe.batch.aggregation-parallelism must be > 0, but was " + aggregationParallelism);
            }
            if (lease == null || lease.toMillis() < 300) {
                throw new IllegalArgumentException("coe.batch.lease must be at least 300ms, but was " + lease);
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
     * @param modelDirs the folders whose models experts created through the admin API may load (besides the demo
     *     models on the class path); empty: none
     * @param modelClasspathPrefixes class-path folders, besides {@code coe-demo-experts/}, whose models experts created
     *     through the admin API may load as {@code classpath:<prefix>/<model>}; empty: none
     */
    public record Local(
            @DefaultValue("auto") String device,
            Path cacheDir,
            DataSize deviceMemoryBudget,
            DataSize hostMemoryBudget,
            @DefaultValue("30s") Duration roomWait,
            List<String> pinned,
            List<Path> modelDirs,
            List<String> modelClasspathPrefixes) {

        public Local {
            modelDirs = modelDirs == null ? List.of() : List.copyOf(modelDirs);
            modelClasspathPrefixes = modelClasspathPrefixes == null ? List.of() : List.copyOf(modelClasspathPrefixes);
            // Not a @DefaultValue: those are not placeholder-resolved, so ${user.home} would be taken literally.
            cacheDir = cacheDir != null ? cacheDir : Path.of(System.getProperty("user.home"), ".cache", "coe-router");
            pinned = pinned == null ? List.of() : List.copyOf(pinned);
        }
    }

    /**
     * The skill taxonomy and the query classifier.
     *
     * @param taxonomy the taxonomy YAML: {@code classpath:...} or a file path
     * @param classifier {@code embedding} (MiniLM, in-process) or {@code keywords} (an expert names the skills)
     * @param embeddingMode {@code knn} (k nearest examples per skill) or {@code centroid}
     * @param neighbours examples averaged per skill in {@code knn} mode
     * @param temperature softmax temperature turning similarities into probabilities
     * @param cacheSize query embeddings kept (LRU)
     * @param keywordExpert the expert asked for keywords ({@code keywords} mode)
     * @param keywordSamples how many times it is asked
     * @param keywordTemperature its sampling temperature
     * @param warmUp whether to load the embedding model and embed the taxonomy at start-up, in the background
     */
    public record Skills(
            @DefaultValue("classpath:coe-demo-experts/skills.yaml") String taxonomy,
            @DefaultValue("embedding") String classifier,
            @DefaultValue("knn") String embeddingMode,
            @DefaultValue("3") int neighbours,
            @DefaultValue("0.05") double temperature,
            @DefaultValue("10000") int cacheSize,
            String keywordExpert,
            @DefaultValue("5") int keywordSamples,
            @DefaultValue("0.7") double keywordTemperature,
            @DefaultValue("true") boolean warmUp) {}

    /**
     * How experts are recruited for {@code model: coe}; see {@link io.coerouter.skills.recruit.RecruitConfig}.
     *
     * @param method {@code symbolic-moe} or {@code category}
     * @param k a fixed number of experts, or unset for dynamic k
     * @param minK experts when the classifier is confident of one skill
     * @param maxK experts when it is uncertain or skills are mixed
     * @param confidentAt top-skill probability from which the classifier counts as confident
     * @param uncertainBelow top-skill probability under which it counts as uncertain
     * @param selection {@code top-k} or {@code sample}
     * @param seed sampling seed, or unset
     * @param repeats whether one expert may be drawn twice
     * @param temperature global-competence temperature
     * @param skillMass probability mass of the skills kept per query
     * @param maxSkills skills kept per query at most
     * @param categoryThreshold category routing sends less confident queries to the generalist
     * @param generalist the generalist's id; unset: the default expert
     * @param categories a hand-set skill to expert ids map for category routing
     * @param maxFailovers how many other experts a failed single-expert call may fall over to
     */
    public record Routing(
            @DefaultValue("symbolic-moe") String method,
            Integer k,
            @DefaultValue("1") int minK,
            @DefaultValue("3") int maxK,
            @DefaultValue("0.8") double confidentAt,
            @DefaultValue("0.5") double uncertainBelow,
            @DefaultValue("top-k") String selection,
            Long seed,
            @DefaultValue("false") boolean repeats,
            @DefaultValue("0.5") double temperature,
            @DefaultValue("0.9") double skillMass,
            @DefaultValue("3") int maxSkills,
            @DefaultValue("0.5") double categoryThreshold,
            String generalist,
            java.util.Map<String, List<String>> categories,
            @DefaultValue("2") int maxFailovers) {}

    /**
     * Expert profiles.
     *
     * @param location a profile set JSON loaded at start-up ({@code classpath:...} or a file path); empty for none
     * @param keepVersions how many versions the store keeps
     * @param jobBatchSize questions per batch call in profiling and evaluation jobs
     * @param jobMaxTokens the answer length limit in those jobs
     * @param evalDir the folder whose JSONL files admin jobs may name in {@code eval_path}; unset: none (only the
     *     built-in sets and uploads in {@code eval_set})
     * @param evalMaxSize the largest evaluation set a job reads, uploaded or from the folder
     * @param evalMaxLines the most lines in one evaluation set
     */
    public record Profiles(
            @DefaultValue("classpath:coe-demo-experts/profiles.json") String location,
            @DefaultValue("10") int keepVersions,
            @DefaultValue("16") int jobBatchSize,
            @DefaultValue("64") int jobMaxTokens,
            String evalDir,
            @DefaultValue("8MB") DataSize evalMaxSize,
            @DefaultValue("20000") int evalMaxLines) {

        public Profiles {
            if (evalMaxSize == null || evalMaxSize.toBytes() <= 0) {
                throw new IllegalArgumentException("coe.profiles.eval-max-size must be > 0, but was " + evalMaxSize);
            }
            if (evalMaxLines <= 0) {
                throw new IllegalArgumentException("coe.profiles.eval-max-lines must be > 0, but was " + evalMaxLines);
            }
        }
    }

    /**
     * How local experts' work is batched (see {@code io.coerouter.router.scheduling}).
     *
     * @param maxWait the longest a request waits once its expert could run
     * @param maxBatchSize the most requests in one batch
     * @param batchWindow how long a short queue waits for more requests
     * @param queueCapacity the most requests queued per expert; more get HTTP 429
     * @param policy which expert's work runs next: {@code swap-aware}, {@code fcfs} or {@code group-by-model}
     * @param loadDelay how long work for an unloaded model may wait to gather a fuller batch before it loads; unset:
     *     half of {@code maxWait}
     */
    public record Scheduler(
            @DefaultValue("2s") Duration maxWait,
            @DefaultValue("16") int maxBatchSize,
            @DefaultValue("10ms") Duration batchWindow,
            @DefaultValue("256") int queueCapacity,
            @DefaultValue("swap-aware") String policy,
            Duration loadDelay) {

        /** The library config; its validation names the offending value. */
        public io.coerouter.router.scheduling.SchedulerConfig toConfig() {
            return new io.coerouter.router.scheduling.SchedulerConfig(
                    maxWait,
                    maxBatchSize,
                    batchWindow,
                    queueCapacity,
                    io.coerouter.router.scheduling.SchedulingPolicy.of(policy),
                    loadDelay != null ? loadDelay : maxWait.dividedBy(2));
        }
    }

    /**
     * How several experts' answers become one.
     *
     * @param defaultAggregator the aggregator when a request names none: {@code vote}, {@code weighted-vote},
     *     {@code synthesis}, {@code judge}, {@code self-moa} or {@code first}
     * @param perSkill aggregator ids by the query's top skill, overriding the default
     * @param extraction what votes are counted on: {@code auto}, {@code number}, {@code choice}, {@code boxed},
     *     {@code last-line} or {@code regex:<pattern>}
     * @param synthesizer the expert that writes {@code synthesis} answers
     * @param judge the expert that picks {@code judge} answers
     * @param selfMoaSamples how many samples of the best expert {@code self-moa} draws when the request gives no k
     * @param selfMoaTemperature their sampling temperature when the request gives none
     * @param selfMoaAggregator how {@code self-moa} merges its samples ({@code vote}, {@code synthesis}, {@code judge})
     * @param deadline how long a request may take in all; LLM aggregators past it fall back to a vote
     * @param keepAlive how often a stream waiting for several experts sends an SSE comment
     */
    public record Aggregation(
            @DefaultValue("vote") String defaultAggregator,
            java.util.Map<String, String> perSkill,
            @DefaultValue("auto") String extraction,
            String synthesizer,
            String judge,
            @DefaultValue("3") int selfMoaSamples,
            @DefaultValue("0.7") double selfMoaTemperature,
            @DefaultValue("vote") String selfMoaAggregator,
            @DefaultValue("120s") Duration deadline,
            @DefaultValue("10s") Duration keepAlive) {

        public Aggregation {
            perSkill = perSkill == null ? java.util.Map.of() : java.util.Map.copyOf(perSkill);
            if (selfMoaSamples <= 0) {
                throw new IllegalArgumentException(
                        "coe.aggregation.self-moa-samples must be > 0, but was " + selfMoaSamples);
            }
            if (keepAlive.isNegative() || keepAlive.isZero()) {
                throw new IllegalArgumentException("coe.aggregation.keep-alive must be > 0, but was " + keepAlive);
            }
        }
    }

    /**
     * One remote expert's protection, under {@code coe.experts[].resilience}; the defaults are {@link
     * io.coerouter.expert.ResilienceConfig#defaults()}.
     */
    public record Resilience(
            @DefaultValue("true") boolean circuitBreaker,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("100") float slowCallRateThreshold,
            @DefaultValue("60s") Duration slowCallDuration,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("30s") Duration openWait,
            @DefaultValue("3") int halfOpenCalls,
            @DefaultValue("3") int maxAttempts,
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("2.0") double backoffMultiplier,
            @DefaultValue("10s") Duration maxBackoff,
            @DefaultValue("0.5") double jitter,
            @DefaultValue("10s") Duration maxRetryAfter,
            @DefaultValue("0") int requestsPerMinute,
            @DefaultValue("0") int tokensPerMinute) {

        /** The library config; its validation names the offending setting. */
        public io.coerouter.expert.ResilienceConfig toConfig() {
            return new io.coerouter.expert.ResilienceConfig(
                    circuitBreaker,
                    failureRateThreshold,
                    slowCallRateThreshold,
                    slowCallDuration,
                    slidingWindowSize,
                    minimumCalls,
                    openWait,
                    halfOpenCalls,
                    maxAttempts,
                    initialBackoff,
                    backoffMultiplier,
                    maxBackoff,
                    jitter,
                    maxRetryAfter,
                    requestsPerMinute,
                    tokensPerMinute);
        }
    }

    /**
     * One entry of {@code coe.experts[]}.
     *
     * @param id the name clients use as {@code model}
     * @param adapter the adapter type: {@code openai}, {@code azure-openai}, {@code anthropic}, {@code gemini}, {@code ollama}, {@code djl} or {@code echo}
     * @param baseUrl the provider's base URL (adapter {@code openai})
     * @param model the provider's model name (adapter {@code openai})
     * @param modelPath a local model's folder, .zip archive or {@code classpath:} folder (adapter {@code djl})
     * @param apiKeyEnv the name of the environment variable that holds the API key; never the key itself
     * @param inputPricePer1k US dollars per 1,000 prompt tokens
     * @param outputPricePer1k US dollars per 1,000 generated tokens
     * @param maxConcurrency the most calls in flight at once
     * @param connectTimeout how long to wait for a connection
     * @param requestTimeout how long one whole call may take
     * @param resilience circuit breaker, retries and rate limit (remote experts; see docs/resilience.md)
     * @param fallbacks experts that answer, in order, when a call to this one fails
     * @param firstTokenTimeout how long a stream may take to send its first text; unset: the request timeout
     * @param contextWindow the most tokens the model takes (prompt and answer); 0: unknown. Prompts too long for an
     *     expert fail over to one known to take more
     * @param options adapter-specific settings, e.g. {@code api-version} for {@code azure-openai}
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
            @DefaultValue("120s") Duration requestTimeout,
            @DefaultValue Resilience resilience,
            List<String> fallbacks,
            Duration firstTokenTimeout,
            @DefaultValue("0") int contextWindow,
            java.util.Map<String, String> options) {

        public ExpertProperties {
            fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
            options = options == null ? java.util.Map.of() : java.util.Map.copyOf(options);
        }

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
                    requestTimeout,
                    firstTokenTimeout,
                    contextWindow,
                    options);
        }
    }
}
