/**
 * Cluster dispatch: per-expert work queues on Redis Streams that gateways enqueue to and GPU workers take batches
 * from (one consumer group per expert), with leases that hand a dead worker's entries to another. Core: no Spring, no
 * HTTP. Not yet wired into request handling.
 */
package io.coerouter.router.dispatch;
