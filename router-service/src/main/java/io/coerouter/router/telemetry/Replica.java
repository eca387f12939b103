package io.coerouter.router.telemetry;

/**
 * A replica as the overview lists it.
 *
 * @param record its last heartbeat
 * @param healthy whether that heartbeat is younger than {@link ReplicaRegistry#HEALTHY_WITHIN}
 * @param self whether it is this process
 */
public record Replica(ReplicaRecord record, boolean healthy, boolean self) {}
