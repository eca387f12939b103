package io.coerouter.router.dispatch;

/**
 * A gateway as it announces itself in the cluster directory.
 *
 * @param gatewayId the gateway's id, {@code [A-Za-z0-9._-]{1,100}}
 * @param heartbeatMillis when it published this record (epoch milliseconds), {@code >= 0}
 * @param inFlight requests it is waiting on the answers of, {@code >= 0}
 */
public record GatewayRecord(String gatewayId, long heartbeatMillis, int inFlight) {

    public GatewayRecord {
        ClusterIds.requireMember("gatewayId", gatewayId);
        ClusterIds.requireNonNegative("heartbeatMillis", heartbeatMillis);
        ClusterIds.requireNonNegative("inFlight", inFlight);
    }
}
