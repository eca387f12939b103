package io.coerouter.skills.recruit;

import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.classify.SkillClassifier;
import io.coerouter.skills.classify.SkillScore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A query's skills: the ones it names, sharing the probability, or else the classifier's. */
final class QuerySkills {

    private QuerySkills() {}

    /**
     * Classifies {@code query} with {@code classifier}, unless it names skills.
     *
     * @throws UnknownSkillException when it names a skill the classifier's taxonomy lacks
     */
    static SkillClassification of(SkillClassifier classifier, RoutingQuery query) {
        if (query.skills().isEmpty()) {
            return classifier.classify(query.text());
        }
        List<String> ids = classifier.taxonomy().ids();
        Set<String> named = new LinkedHashSet<>();
        for (int i = 0; i < query.skills().size(); i++) {
            String id = query.skills().get(i);
            if (!ids.contains(id)) {
                throw new UnknownSkillException(i, id, ids);
            }
            named.add(id);
        }
        // Named skills share the probability, in the order the request gave them; the rest get none.
        List<SkillScore> scores = new ArrayList<>();
        named.forEach(id -> scores.add(new SkillScore(id, 1.0 / named.size())));
        ids.stream().filter(id -> !named.contains(id)).forEach(id -> scores.add(new SkillScore(id, 0)));
        return new SkillClassification("explicit", scores, List.of());
    }
}
