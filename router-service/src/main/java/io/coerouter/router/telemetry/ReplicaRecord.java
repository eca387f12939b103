package io.coerouter.router.telemetry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * What one router process tells the others with each heartbeat.
 *
 * @param id its replica id
 * @param startedAt when it started (epoch seconds)
 * @param lastSeen its last heartbeat (epoch seconds)
 * @param experts experts it has
 * @param loadedModels local models it has loaded now
 * @param version the build's version, {@code dev} when unknown
 */
public record ReplicaRecord(
        @JsonProperty("id") String id,
        @JsonProperty("started_at") long startedAt,
        @JsonProperty("last_seen") long lastSeen,
        @JsonProperty("experts") int experts,
        @JsonProperty("loaded_models") int loadedModels,
        @JsonProperty("version") String version) {

    public ReplicaRecord {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(version, "version must not be null");
    }
}
