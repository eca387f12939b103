/**
 * Cluster dispatch: per-expert work queues on Redis Streams that gateways enqueue to and GPU workers take batches
 * from (one consumer group per expert), with leases that hand a dead worker's entries to another; the reply path
 * back (workers publish text and answers to the stream of the gateway holding the client's connection, which keeps
 * one answer per request), cancellations on Pub/Sub, and the gateway's {@link io.coerouter.router.dispatch.Dispatch
 * dispatched expert}; the cluster directory (workers' residency records, gateways, per-expert placement claims), the
 * placement policy that decides which worker loads an expert nobody holds, the worker loop ({@link
 * io.coerouter.router.dispatch.DispatchWorker}) and the gateway's side ({@link
 * io.coerouter.router.dispatch.GatewayDispatch}). Core: no HTTP; its Spring wiring is {@code DispatchConfiguration}.
 */
package io.coerouter.router.dispatch;
