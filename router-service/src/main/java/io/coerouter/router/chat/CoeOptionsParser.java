package io.coerouter.router.chat;

import static io.coerouter.router.chat.JsonFields.bool;
import static io.coerouter.router.chat.JsonFields.finite;
import static io.coerouter.router.chat.JsonFields.integer;
import static io.coerouter.router.chat.JsonFields.invalidType;
import static io.coerouter.router.chat.JsonFields.number;
import static io.coerouter.router.chat.JsonFields.optionalString;
import static io.coerouter.router.chat.JsonFields.outOfRange;

import io.coerouter.router.config.AggregatorId;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.skills.recruit.RoutingMethod;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads the {@code coe} routing extension of a request into {@link CoeOptions}. */
final class CoeOptionsParser {

    private static final Set<String> FIELDS = Set.of(
            "k", "aggregator", "skills", "explain", "method", "max_cost_usd", "max_latency_ms", "tradeoff", "cache");

    private CoeOptionsParser() {}

    static CoeOptions coe(JsonNode root) {
        JsonNode node = root.get("coe");
        if (node == null || node.isNull()) {
            return CoeOptions.NONE;
        }
        if (!node.isObject()) {
            throw invalidType("coe", "an object", node);
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw JsonFields.unknown("coe", name);
            }
        }
        // Checked in this order, so a body with several faults is refused for the same one as ever.
        Integer k = integer(node, "k", 1, 16, "coe.k");
        AggregatorId aggregator = aggregator(node);
        List<String> skills = skills(node);
        RoutingMethod method = method(node);
        BigDecimal maxCost = maxCost(node);
        Double maxLatency = maxLatency(node);
        boolean explain = bool(node, "explain", false, "coe.explain");
        Double tradeoff = number(node, "tradeoff", 0, 1, "coe.tradeoff");
        boolean cache = bool(node, "cache", true, "coe.cache");
        return new CoeOptions(k, aggregator, skills, explain, method, maxCost, maxLatency, tradeoff, cache);
    }

    private static AggregatorId aggregator(JsonNode node) {
        String aggregator = optionalString(node, "aggregator", "coe.aggregator");
        if (aggregator == null) {
            return null;
        }
        return AggregatorId.find(aggregator)
                .orElseThrow(() -> notOneOf("coe.aggregator", CoeOptions.AGGREGATORS, aggregator));
    }

    private static RoutingMethod method(JsonNode node) {
        String method = optionalString(node, "method", "coe.method");
        if (method == null) {
            return null;
        }
        Optional<RoutingMethod> known = Arrays.stream(RoutingMethod.values())
                .filter(m -> m.id().equals(method))
                .findFirst();
        return known.orElseThrow(() -> notOneOf("coe.method", CoeOptions.METHODS, method));
    }

    private static RouterException notOneOf(String path, List<String> allowed, String value) {
        return RouterException.invalid(
                path,
                "invalid_value",
                "Invalid value for '" + path + "': expected one of " + allowed + ", but got '" + JsonBodies.echo(value)
                        + "'.");
    }

    private static List<String> skills(JsonNode node) {
        List<String> skills = new ArrayList<>();
        JsonNode skillsNode = node.get("skills");
        if (skillsNode == null || skillsNode.isNull()) {
            return skills;
        }
        if (!skillsNode.isArray()) {
            throw invalidType("coe.skills", "an array of strings", skillsNode);
        }
        if (skillsNode.size() > 32) {
            throw RouterException.invalid(
                    "coe.skills",
                    "invalid_value",
                    "Invalid 'coe.skills': expected at most 32 skills, but got " + skillsNode.size() + ".");
        }
        for (int i = 0; i < skillsNode.size(); i++) {
            JsonNode s = skillsNode.get(i);
            if (!s.isString() || s.stringValue().isBlank()) {
                throw invalidType("coe.skills[" + i + "]", "a non-empty string", s);
            }
            if (s.stringValue().length() > ChatRequestParser.MAX_MODEL_LENGTH) {
                throw RouterException.invalid(
                        "coe.skills[" + i + "]",
                        "invalid_value",
                        "Invalid 'coe.skills[" + i + "]': expected at most " + ChatRequestParser.MAX_MODEL_LENGTH
                                + " characters, but got " + s.stringValue().length() + ".");
            }
            skills.add(s.stringValue());
        }
        return skills;
    }

    private static BigDecimal maxCost(JsonNode node) {
        JsonNode costNode = node.get("max_cost_usd");
        if (costNode == null || costNode.isNull()) {
            return null;
        }
        if (!costNode.isNumber()) {
            throw invalidType("coe.max_cost_usd", "a number >= 0", costNode);
        }
        double cost = finite(costNode);
        if (!(cost >= 0)) {
            throw outOfRange("coe.max_cost_usd", "0", null, costNode);
        }
        return costNode.decimalValue();
    }

    private static Double maxLatency(JsonNode node) {
        JsonNode latencyNode = node.get("max_latency_ms");
        if (latencyNode == null || latencyNode.isNull()) {
            return null;
        }
        if (!latencyNode.isNumber()) {
            throw invalidType("coe.max_latency_ms", "a number > 0", latencyNode);
        }
        double maxLatency = finite(latencyNode);
        if (!(maxLatency > 0)) {
            throw RouterException.invalid(
                    "coe.max_latency_ms",
                    "invalid_value",
                    "Invalid value for 'coe.max_latency_ms': expected a finite number above 0, but got "
                            + JsonBodies.echo(latencyNode.toString()) + ".");
        }
        return maxLatency;
    }
}
