/**
 * Choosing the aggregator: Symbolic-MoE's selection of the synthesiser that best recovers right answers, run over the
 * experts' answers to a labelled set. No HTTP: its web edge starts and shows selections.
 */
package io.coerouter.router.aggregation;
