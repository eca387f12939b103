package io.coerouter.router.routing;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.chat.CoeOptions;
import io.coerouter.router.config.AggregationProperties;
import io.coerouter.router.config.AggregatorId;
import io.coerouter.router.config.AnswerExtraction;
import io.coerouter.router.config.ExpertProperties;
import io.coerouter.router.experts.ExpertFactory;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.experts.ExpertStore;
import io.coerouter.router.experts.web.ExpertJson;
import io.coerouter.router.state.StateEvents;
import io.coerouter.skills.recruit.Recruit;
import io.coerouter.skills.recruit.Recruiter;
import io.coerouter.skills.recruit.Recruitment;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hand-built routing parts for unit tests: echo experts (io.coerouter.expert.echo) in an in-memory registry, some of
 * them failing with a chosen kind; fixed recruiters; requests. No Spring, Redis or DJL.
 */
final class RoutingFixtures {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RoutingFixtures() {}

    /** An echo expert's declaration, {@code extra} being more JSON fields ({@code "fallbacks":["b"]}). */
    static ExpertProperties echo(String id, String extra) {
        String more = extra.isEmpty() ? "" : "," + extra;
        return ExpertJson.read(JSON.readTree("{\"id\":\"" + id + "\",\"adapter\":\"echo\"" + more + "}"));
    }

    static ExpertProperties echo(String id) {
        return echo(id, "");
    }

    /** A registry of {@code declared}, the first the default; the experts in {@code failing} fail with their kind. */
    static ExpertRegistry registry(Map<String, ExpertErrorKind> failing, ExpertProperties... declared) {
        ExpertFactory factory = new ExpertFactory() {
            @Override
            public Expert build(ExpertProperties definition) {
                ExpertErrorKind kind = failing.get(definition.id());
                return kind == null ? Expert.of(definition.toConfig()) : failing(definition.toConfig(), kind);
            }

            @Override
            public void release(String id) {}
        };
        return ExpertRegistry.start(
                Arrays.asList(declared), null, ExpertStore.inMemory(), StateEvents.local(), factory);
    }

    static ExpertRegistry registry(ExpertProperties... declared) {
        return registry(Map.of(), declared);
    }

    private static Expert failing(ExpertConfig config, ExpertErrorKind kind) {
        return new Expert() {
            @Override
            public ExpertConfig config() {
                return config;
            }

            @Override
            public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
                throw ExpertException.of(config.id(), kind, "failed on purpose", null);
            }
        };
    }

    /** A recruiter that always decides {@code recruitment}. */
    static Recruiter recruiter(Recruitment recruitment) {
        return query -> recruitment;
    }

    /** A recruitment of {@code ids}, scored 0.9, 0.8, ... */
    static Recruitment recruitment(String... ids) {
        List<Recruit> recruits = IntStream.range(0, ids.length)
                .mapToObj(i -> new Recruit(ids[i], 0.9 - i * 0.1))
                .toList();
        return new Recruitment("symbolic-moe", recruits, "hand-built");
    }

    static ChatCompletionRequest request(String model, String text) {
        return request(model, text, CoeOptions.NONE, Set.of());
    }

    static ChatCompletionRequest request(String model, String text, CoeOptions coe, Set<String> allowed) {
        ExpertRequest expert = ExpertRequest.builder()
                .messages(List.of(ChatMessage.user(text)))
                .build();
        return new ChatCompletionRequest(model, expert, false, false, coe, allowed);
    }

    static CoeOptions coe(Integer k, AggregatorId aggregator, boolean explain) {
        return new CoeOptions(k, aggregator, List.of(), explain, null, null, null, null);
    }

    /** The defaults of {@code coe.aggregation}, with {@code defaultAggregator}. */
    static AggregationProperties aggregation(AggregatorId defaultAggregator, Map<String, AggregatorId> perSkill) {
        return new AggregationProperties(
                defaultAggregator,
                perSkill,
                AnswerExtraction.AUTO,
                null,
                null,
                3,
                0.7,
                AggregatorId.VOTE,
                Duration.ofSeconds(120),
                Duration.ofSeconds(10));
    }

    static Aggregators aggregators(ExpertRegistry registry, AggregationProperties config) {
        return new Aggregators(config, registry, new SelectedAggregators());
    }
}
