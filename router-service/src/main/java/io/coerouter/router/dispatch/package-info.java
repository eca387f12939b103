/**
 * Cluster dispatch: per-expert work queues on Redis Streams that gateways enqueue to and GPU workers take batches
 * from (one consumer group per expert), with leases that hand a dead worker's entries to another; the reply path
 * back (workers publish text and answers to the stream of the gateway holding the client's connection, which keeps
 * one answer per request), cancellations on Pub/Sub, and the gateway's {@link io.coerouter.router.dispatch.Dispatch
 * dispatched expert}. Core: no Spring, no HTTP. Not yet wired into request handling.
 */
package io.coerouter.router.dispatch;
