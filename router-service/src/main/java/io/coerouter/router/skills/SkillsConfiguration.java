package io.coerouter.router.skills;

import io.coerouter.embed.bge.BgeSmall;
import io.coerouter.embed.minilm.MiniLm;
import io.coerouter.expert.Expert;
import io.coerouter.expert.Pricing;
import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.config.ProfilesProperties;
import io.coerouter.router.config.RoutingProperties;
import io.coerouter.router.config.SkillsProperties;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.feedback.FeedbackOverlay;
import io.coerouter.router.resources.Locations;
import io.coerouter.router.state.SharedState;
import io.coerouter.router.telemetry.genai.GenAiTelemetry;
import io.coerouter.skills.classify.EmbeddingClassifierConfig;
import io.coerouter.skills.classify.KeywordClassifierConfig;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.classify.TrainedClassifierConfig;
import io.coerouter.skills.embed.CachedEmbedder;
import io.coerouter.skills.embed.Embedder;
import io.coerouter.skills.profile.ProfileJson;
import io.coerouter.skills.profile.ProfileSet;
import io.coerouter.skills.profile.ProfileStore;
import io.coerouter.skills.recruit.RecruitConfig;
import io.coerouter.skills.recruit.Recruiter;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Wires skills: the taxonomy and profile stores (in the shared state when there is one; the configured files seed them
 * only when empty), the classifier and the skill recruiter.
 */
@Configuration(proxyBeanMethods = false)
class SkillsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SkillsConfiguration.class);

    @Bean
    CachedEmbedder embedder(CoeProperties properties) {
        Embedder encoder =
                switch (properties.skills().encoder()) {
                    case BGE_SMALL -> BgeSmall.embedder();
                    case MINILM -> MiniLm.embedder();
                };
        return Embedder.cached(encoder, properties.skills().cacheSize());
    }

    @Bean
    TaxonomyStore taxonomyStore(SharedState state, Clock clock) {
        return state.redis()
                .<TaxonomyStore>map(redis -> new RedisTaxonomyStore(redis, clock))
                .orElseGet(() -> TaxonomyStore.inMemory(clock));
    }

    @Bean
    SkillsState skillsState(
            CoeProperties properties,
            ResourceLoader resources,
            CachedEmbedder embedder,
            ExpertRegistry registry,
            TaxonomyStore store,
            SharedState state) {
        SkillsProperties skills = properties.skills();
        String source;
        try (InputStream in = open(resources, skills.taxonomy(), "coe.skills.taxonomy")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Checked even when the store has one: a broken file is a configuration error on every start.
            SkillTaxonomy.fromYaml(new ByteArrayInputStream(source.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("coe.skills.taxonomy '" + skills.taxonomy() + "' could not be read", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("coe.skills.taxonomy '" + skills.taxonomy() + "': " + e.getMessage(), e);
        }
        TaxonomyStore.Stored stored = store.seed(source);
        if (stored.source().equals(source) && stored.revision() == 1) {
            log.info("skill taxonomy from '{}'", skills.taxonomy());
        } else {
            log.info(
                    "skill taxonomy revision {} from the shared state (coe.skills.taxonomy only seeds an empty one)",
                    stored.revision());
        }
        Function<SkillTaxonomy, SkillClassifier> factory =
                switch (skills.classifier()) {
                    case TRAINED -> {
                        TrainedClassifierConfig config = skills.trainedConfig();
                        yield t -> SkillClassifier.trained(t, embedder, config);
                    }
                    case EMBEDDING -> {
                        EmbeddingClassifierConfig config = new EmbeddingClassifierConfig(
                                skills.embeddingMode(), skills.neighbours(), skills.temperature());
                        yield t -> SkillClassifier.embedding(t, embedder, config);
                    }
                    case KEYWORDS -> {
                        if (skills.keywordExpert() == null) {
                            throw new IllegalStateException(
                                    "coe.skills.classifier 'keywords' needs coe.skills.keyword-expert");
                        }
                        Expert expert = registry.live(skills.keywordExpert(), "coe.skills.keyword-expert");
                        KeywordClassifierConfig config =
                                new KeywordClassifierConfig(skills.keywordSamples(), skills.keywordTemperature(), 20);
                        yield t -> SkillClassifier.keywords(t, expert, embedder, config);
                    }
                };
        return SkillsState.load(store, state.events(), factory);
    }

    @Bean
    SharedProfileStore profileStore(
            CoeProperties properties, ResourceLoader resources, ExpertRegistry registry, SharedState state) {
        ProfilesProperties profiles = properties.profiles();
        SharedProfileStore store = state.redis()
                .<SharedProfileStore>map(redis -> RedisProfileStore.open(redis, profiles.keepVersions()))
                .orElseGet(() -> SharedProfileStore.inMemory(profiles.keepVersions()));
        String location = profiles.location();
        if (location == null || location.isBlank()) {
            return store;
        }
        Resource resource = Locations.resource(resources, location);
        if (!resource.exists()) {
            log.warn("coe.profiles.location '{}' does not exist; starting without profiles", location);
            return store;
        }
        ProfileSet set;
        try (InputStream in = resource.getInputStream()) {
            set = ProfileJson.read(in);
        } catch (IOException e) {
            throw new IllegalStateException("coe.profiles.location '" + location + "' could not be read", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("coe.profiles.location '" + location + "': " + e.getMessage(), e);
        }
        Set<String> unknown = set.experts().keySet().stream()
                .filter(id -> registry.find(id).isEmpty())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!unknown.isEmpty()) {
            log.warn(
                    "profiles from '{}' name experts that are not configured, ignored when routing: {}",
                    location,
                    unknown);
        }
        store.seed(set)
                .ifPresentOrElse(
                        seeded -> log.info(
                                "loaded profiles of {} experts from '{}' as version {}",
                                seeded.experts().size(),
                                location,
                                seeded.version()),
                        () -> log.info(
                                "profile versions {} already stored; coe.profiles.location only seeds an empty store",
                                store.versions()));
        return store;
    }

    /** Recruits with the profiles in force, with callers' feedback laid over them when it is on (docs/routing.md). */
    @Bean
    Recruiter recruiter(
            CoeProperties properties,
            SkillsState skills,
            ProfileStore profiles,
            ExpertRegistry registry,
            FeedbackOverlay feedback,
            GenAiTelemetry telemetry) {
        RoutingProperties r = properties.routing();
        RecruitConfig config;
        try {
            RecruitConfig.Builder builder = RecruitConfig.builder()
                    .method(r.method())
                    .k(r.k())
                    .minK(r.minK())
                    .maxK(r.maxK())
                    .confidentAt(r.confidentAt())
                    .uncertainBelow(r.uncertainBelow())
                    .selection(r.selection())
                    .seed(r.seed())
                    .repeats(r.repeats())
                    .temperature(r.temperature())
                    .skillMass(r.skillMass())
                    .maxSkills(r.maxSkills())
                    .categoryThreshold(r.categoryThreshold())
                    .generalist(r.generalist())
                    .categories(r.categories())
                    .tradeoff(r.tradeoff());
            if (r.tradeoffRule() != null) {
                builder.tradeoffRule(r.tradeoffRule());
            }
            if (r.tradeoffMargin() != null) {
                builder.tradeoffMargin(r.tradeoffMargin());
            }
            if (r.expectedOutputTokens() != null) {
                builder.expectedOutputTokens(r.expectedOutputTokens());
            }
            config = builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("coe.routing: " + e.getMessage(), e);
        }
        if (r.generalist() != null) {
            registry.live(r.generalist(), "coe.routing.generalist"); // checked, and kept from deletion
        }
        return Recruiter.skills(
                // Each classification a span of the request when tracing is on.
                () -> telemetry.traced(skills.classifier()),
                () -> feedback.apply(profiles.current()),
                registry::ids,
                // An expert whose circuit is open is passed by, and the explanation says so.
                id -> registry.find(id).map(Expert::available).orElse(false),
                // Cost–quality routing prices each expert by its configured prices, read on every call.
                id -> registry.find(id).map(e -> e.config().pricing()).orElse(Pricing.FREE),
                config,
                registry.defaultExpertId());
    }

    /** Loads the embedding model and embeds the taxonomy off the request path, so the first query does not wait. */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp(ApplicationReadyEvent event) {
        CoeProperties properties = event.getApplicationContext().getBean(CoeProperties.class);
        if (!properties.skills().warmUp()) {
            return;
        }
        SkillsState skills = event.getApplicationContext().getBean(SkillsState.class);
        Thread.ofVirtual().name("coe-skills-warm-up").start(() -> {
            try {
                skills.classifier();
                log.info(
                        "skill classifier ready ({} skills)",
                        skills.taxonomy().skills().size());
            } catch (RuntimeException e) {
                log.warn("skill classifier warm-up failed: {}", e.toString());
            }
        });
    }

    private static InputStream open(ResourceLoader resources, String location, String property) throws IOException {
        Resource resource = Locations.resource(resources, location);
        if (!resource.exists()) {
            throw new IllegalStateException(property + " '" + location + "' does not exist");
        }
        return resource.getInputStream();
    }
}
