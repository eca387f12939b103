package io.coerouter.router.experts;

import io.coerouter.expert.Expert;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The experts this router serves, in declaration order, and the default one. */
public final class ExpertRegistry {

    private final Map<String, Expert> experts;
    private final String defaultExpertId;
    private final Map<String, List<String>> fallbacks;

    public ExpertRegistry(List<Expert> experts, String defaultExpertId) {
        this(experts, defaultExpertId, Map.of());
    }

    /** @param fallbacks per expert id, the experts that answer in order when a call to it fails */
    public ExpertRegistry(List<Expert> experts, String defaultExpertId, Map<String, List<String>> fallbacks) {
        Map<String, Expert> byId = new LinkedHashMap<>();
        for (Expert expert : experts) {
            if (byId.putIfAbsent(expert.id(), expert) != null) {
                throw new IllegalArgumentException("coe.experts declares the id '" + expert.id() + "' twice");
            }
        }
        if (byId.isEmpty()) {
            throw new IllegalArgumentException("coe.experts must declare at least one expert");
        }
        String chosen = defaultExpertId == null || defaultExpertId.isBlank()
                ? byId.keySet().iterator().next()
                : defaultExpertId;
        if (!byId.containsKey(chosen)) {
            throw new IllegalArgumentException(
                    "coe.default-expert must be one of " + byId.keySet() + ", but was '" + chosen + "'");
        }
        fallbacks.forEach((id, ids) -> ids.forEach(f -> {
            if (!byId.containsKey(f) || f.equals(id)) {
                throw new IllegalArgumentException("coe.experts '" + id
                        + "' fallbacks must name other declared experts " + byId.keySet() + ", but named '" + f + "'");
            }
        }));
        this.experts = Collections.unmodifiableMap(byId);
        this.defaultExpertId = chosen;
        this.fallbacks = Map.copyOf(fallbacks);
    }

    /** The experts that answer, in order, when a call to {@code id} fails ({@code fallbacks} in its config). */
    public List<String> fallbacks(String id) {
        return fallbacks.getOrDefault(id, List.of());
    }

    public Optional<Expert> find(String id) {
        return Optional.ofNullable(experts.get(Objects.requireNonNull(id, "id must not be null")));
    }

    public Collection<Expert> all() {
        return experts.values();
    }

    public String defaultExpertId() {
        return defaultExpertId;
    }
}
