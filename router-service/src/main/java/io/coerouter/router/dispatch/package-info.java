/**
 * Cluster dispatch: per-expert work queues on Redis Streams that gateways enqueue to and GPU workers take batches
 * from (one consumer group per expert), with leases that hand a dead worker's entries to another; the cluster
 * directory of workers' residency records, gateways and per-expert placement claims; and the placement policy that
 * decides which worker loads an expert nobody holds. Core: no Spring, no HTTP. Not yet wired into request handling.
 */
package io.coerouter.router.dispatch;
