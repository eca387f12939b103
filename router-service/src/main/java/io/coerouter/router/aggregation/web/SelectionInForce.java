package io.coerouter.router.aggregation.web;

import io.coerouter.aggregate.AggregatorSelection;
import io.coerouter.router.routing.SelectedAggregators;

/**
 * {@code GET /admin/aggregators/selection}: the selection in force.
 *
 * @param job the id of the selection job that made it
 * @param at when it was made (ISO-8601)
 */
record SelectionInForce(String object, String job, String at, AggregatorSelection.Result result) {

    static SelectionInForce of(SelectedAggregators.Selection s) {
        return new SelectionInForce("coe.aggregator_selection", s.source(), s.at().toString(), s.result());
    }
}
