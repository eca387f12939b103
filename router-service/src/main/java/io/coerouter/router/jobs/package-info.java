/**
 * Long-running jobs (profiling, evaluation, aggregator selection): they run on the replica that started them, which
 * publishes each one's view to a store every replica reads (Redis, or memory for one router), with a lease that shows
 * when their router stopped. No HTTP: the features' web edges start, show and cancel them.
 */
package io.coerouter.router.jobs;
