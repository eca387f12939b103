/**
 * Live figures for the admin console: per-minute request, error, latency, token, cost and model-pool series summed
 * over every replica ({@link io.coerouter.router.telemetry.LiveMetrics}, kept two hours), and the replicas themselves
 * ({@link io.coerouter.router.telemetry.ReplicaRegistry}, heartbeats). Both live in the shared store: Redis when one is
 * configured, else this process's memory. No HTTP here; the edge is {@code telemetry.web}.
 */
package io.coerouter.router.telemetry;
