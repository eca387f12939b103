package io.coerouter.skills.recruit;

import java.util.Objects;

/** Chooses the experts that answer a query. {@link #recruit} validates; implementations supply {@link #doRecruit}. */
public interface Recruiter {

    /** The experts for {@code query}, best first. */
    default Recruitment recruit(RoutingQuery query) {
        Objects.requireNonNull(query, "query must not be null");
        return doRecruit(query);
    }

    /** The recruiting work itself. */
    Recruitment doRecruit(RoutingQuery query);

    /** Always the same expert: the deployment's default, used until skill profiles exist. */
    static Recruiter defaultExpert(String expertId) {
        Objects.requireNonNull(expertId, "expertId must not be null");
        return query -> new Recruitment(
                "default-expert",
                java.util.List.of(new Recruit(expertId, 1.0)),
                "no skill profiles are loaded, so the default expert '" + expertId + "' answers");
    }
}
