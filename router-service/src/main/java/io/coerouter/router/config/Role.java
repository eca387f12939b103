package io.coerouter.router.config;

import java.util.Locale;

/** What a router process does in a cluster ({@code coe.role}); the same jar and image serve every role. */
public enum Role {
    /** One process does everything: the API, routing, remote and local experts (the default). */
    ALL,
    /**
     * The API, routing, aggregation and remote experts; local experts' work goes to workers through the per-expert
     * queues in Redis.
     */
    GATEWAY,
    /** Local models only: takes batches from the per-expert queues of the experts it holds; no public API. */
    WORKER;

    /** The id operators write: {@code all}, {@code gateway}, {@code worker}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this process answers the public API. */
    public boolean servesApi() {
        return this != WORKER;
    }

    /** Whether local experts' calls leave this process for workers. */
    public boolean dispatchesLocalExperts() {
        return this == GATEWAY;
    }

    /** Whether this process runs local models for others (takes work from the cluster's queues). */
    public boolean runsWorkerLoop() {
        return this == WORKER;
    }
}
