package io.coerouter.router.routing;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertRequest;

/**
 * One expert call a routing decision asks for.
 *
 * @param expert who answers
 * @param score its routing score, which aggregators may weigh
 * @param request what it is asked
 */
public record PlannedCall(Expert expert, double score, ExpertRequest request) {}
