package io.coerouter.skills.profile;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The expert profiles built from one evaluation run. Versions are given by the {@link ProfileStore}.
 *
 * @param version the store's version number (0 before it is stored)
 * @param createdAt when the run finished
 * @param source what it was built from, e.g. the evaluation set's name and split
 * @param questions how many questions each expert answered
 * @param experts profiles by expert id
 */
public record ProfileSet(
        int version, Instant createdAt, String source, int questions, Map<String, ExpertProfile> experts) {

    public ProfileSet {
        Objects.requireNonNull(createdAt, "createdAt must not be null");
        source = source == null ? "" : source;
        if (experts == null || experts.isEmpty()) {
            throw new IllegalArgumentException("a profile set needs at least one expert");
        }
        experts.forEach((id, p) -> {
            if (!id.equals(p.expertId())) {
                throw new IllegalArgumentException("experts['" + id + "'] holds the profile of '" + p.expertId() + "'");
            }
        });
        experts = Collections.unmodifiableMap(new LinkedHashMap<>(experts));
    }

    /** The same profiles under another version number. */
    public ProfileSet withVersion(int v) {
        return new ProfileSet(v, createdAt, source, questions, experts);
    }

    /** One expert's profile. */
    public Optional<ExpertProfile> expert(String id) {
        return Optional.ofNullable(experts.get(id));
    }

    /** Every skill any expert was profiled on, in first-seen order. */
    public List<String> skills() {
        return experts.values().stream()
                .flatMap(p -> p.skills().keySet().stream())
                .distinct()
                .toList();
    }
}
