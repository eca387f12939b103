/**
 * Learning from feedback: completions remembered for a while with who answered them for which skills, callers' scores
 * turned into decayed pseudo-counts per expert and skill ({@link io.coerouter.router.feedback.FeedbackRule}), kept in
 * a store shared by the replicas, and laid over the expert profiles that recruiting reads ({@link
 * io.coerouter.router.feedback.FeedbackOverlay}).
 */
package io.coerouter.router.feedback;
