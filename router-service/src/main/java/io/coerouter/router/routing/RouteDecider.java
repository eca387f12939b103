package io.coerouter.router.routing;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.chat.CoeOptions;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.experts.ExpertRegistry;
import io.coerouter.router.warmup.WarmupPass;
import io.coerouter.skills.recruit.NoEligibleExpertException;
import io.coerouter.skills.recruit.Recruit;
import io.coerouter.skills.recruit.Recruiter;
import io.coerouter.skills.recruit.Recruitment;
import io.coerouter.skills.recruit.RoutingQuery;
import io.coerouter.skills.recruit.UnknownSkillException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which experts answer a request, and why, without calling any: {@code model: coe} goes through the recruiter (within
 * what the caller's key may reach), an expert id names its expert.
 */
final class RouteDecider {

    private final ExpertRegistry registry;
    private final Recruiter recruiter;

    private RouteDecider(ExpertRegistry registry, Recruiter recruiter) {
        this.registry = registry;
        this.recruiter = recruiter;
    }

    static RouteDecider of(ExpertRegistry registry, Recruiter recruiter) {
        return new RouteDecider(registry, recruiter);
    }

    /**
     * The routing decision for {@code request}.
     *
     * @throws RouterException for an unknown model, misuse of {@code coe}, an unknown skill or no eligible expert
     */
    Recruitment decide(ChatCompletionRequest request) {
        return request.routed() ? recruit(request) : direct(request);
    }

    private Recruitment recruit(ChatCompletionRequest request) {
        CoeOptions coe = request.coe();
        RoutingQuery query = new RoutingQuery(
                request.expertRequest().messages(),
                coe.k(),
                coe.skills(),
                coe.method(),
                coe.maxCostUsd(),
                coe.maxLatencyMs(),
                request.allowedExperts(),
                Set.of(),
                coe.tradeoff());
        try {
            return KeyLimits.within(recruiter.recruit(query), request.allowedExperts());
        } catch (UnknownSkillException e) {
            throw RouterException.invalid("coe.skills[" + e.index() + "]", "invalid_value", e.getMessage());
        } catch (NoEligibleExpertException e) {
            if (e.causedByRequestLimits()) {
                throw RouterException.invalid(
                        coe.maxCostUsd() != null ? "coe.max_cost_usd" : "coe.max_latency_ms",
                        "no_eligible_expert",
                        "No expert meets this request's constraints: " + e.excluded() + ".");
            }
            throw new RouterException(
                    ErrorKind.UNAVAILABLE,
                    "No expert can take this request now: " + e.excluded() + ".",
                    null,
                    "no_available_expert");
        }
    }

    private Recruitment direct(ChatCompletionRequest request) {
        if (request.coe().asksForRouting()) {
            throw RouterException.invalid(
                    "coe",
                    "invalid_value",
                    "coe.k, coe.aggregator, coe.skills, coe.method, coe.max_cost_usd, coe.max_latency_ms and"
                            + " coe.tradeoff apply only when model is 'coe', but model was '"
                            + request.model() + "'.");
        }
        // The warm-up's unlisted expert answers only the warm-up's own requests (marked by its pass, on this thread).
        Expert expert = registry.find(request.model())
                .or(() -> WarmupPass.serving() ? registry.findLent(request.model()) : java.util.Optional.empty())
                .orElseThrow(() -> modelNotFound(request.model(), request.allowedExperts()));
        return new Recruitment(
                "direct", List.of(new Recruit(expert.id(), 1.0)), "the request named expert '" + expert.id() + "'");
    }

    /** 404 {@code model_not_found}, listing the models the caller's key may reach ({@code allowed}; empty: all). */
    private RouterException modelNotFound(String model, Set<String> allowed) {
        List<String> known = new ArrayList<>();
        known.add(ExpertConfig.RESERVED_ID);
        registry.all().stream().filter(e -> KeyLimits.allows(allowed, e.id())).forEach(e -> known.add(e.id()));
        return new RouterException(
                ErrorKind.NOT_FOUND,
                "The model '" + JsonBodies.echo(model) + "' does not exist. Available models: "
                        + String.join(", ", known) + ".",
                "model",
                "model_not_found");
    }
}
