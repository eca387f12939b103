package io.coerouter.router.config;

import io.coerouter.skills.recruit.RecruitConfig;
import io.coerouter.skills.recruit.RoutingMethod;
import io.coerouter.skills.recruit.TradeoffRule;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How experts are recruited for {@code model: coe}; see {@link RecruitConfig}.
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
 * @param tradeoff the deployment's cost–quality tradeoff, 0 (the cheapest expert likely to be right) to 1 (the most
 *     accurate whatever it costs); unset: routing by the method alone. A request may set its own ({@code coe.tradeoff})
 * @param tradeoffRule {@code margin} or {@code utility}; unset: {@link RecruitConfig}'s default
 * @param tradeoffMargin how far under the best expected accuracy an expert still counts as likely to be right; unset:
 *     {@link RecruitConfig}'s default
 * @param expectedOutputTokens the answer length assumed when estimating a call's cost; unset: {@link RecruitConfig}'s
 *     default
 */
public record RoutingProperties(
        @DefaultValue("symbolic-moe") RoutingMethod method,
        Integer k,
        @DefaultValue("1") int minK,
        @DefaultValue("3") int maxK,
        @DefaultValue("0.8") double confidentAt,
        @DefaultValue("0.5") double uncertainBelow,
        @DefaultValue("top-k") RecruitConfig.Selection selection,
        Long seed,
        @DefaultValue("false") boolean repeats,
        @DefaultValue("0.5") double temperature,
        @DefaultValue("0.9") double skillMass,
        @DefaultValue("3") int maxSkills,
        @DefaultValue("0.5") double categoryThreshold,
        String generalist,
        Map<String, List<String>> categories,
        @DefaultValue("2") int maxFailovers,
        Double tradeoff,
        TradeoffRule tradeoffRule,
        Double tradeoffMargin,
        Integer expectedOutputTokens) {}
