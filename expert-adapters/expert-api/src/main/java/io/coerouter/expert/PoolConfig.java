package io.coerouter.expert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Budgets of a {@link ModelPool}.
 *
 * @param deviceBudgetBytes the most bytes of loaded models on the device, > 0
 * @param hostBudgetBytes the most bytes of evicted models' files kept in host memory, >= 0 (0 turns the tier off)
 * @param pinned ids of models never evicted once loaded
 * @param roomWait how long a load waits for models in use to be released when they leave no room, >= 0
 * @param clock the time source for last-use times
 * @param listeners observers of loads and evictions
 * @param demand work waiting for each model id (e.g. queued requests); eviction takes models without any first, so a
 *     model is not unloaded while work for it waits behind the current load
 */
public record PoolConfig(
        long deviceBudgetBytes,
        long hostBudgetBytes,
        Set<String> pinned,
        Duration roomWait,
        Clock clock,
        List<PoolListener> listeners,
        ToIntFunction<String> demand) {

    /** No demand known: eviction is purely least recently used. */
    public static final ToIntFunction<String> NO_DEMAND = id -> 0;

    public PoolConfig {
        if (deviceBudgetBytes <= 0) {
            throw new IllegalArgumentException("deviceBudgetBytes must be > 0, but was " + deviceBudgetBytes);
        }
        if (hostBudgetBytes < 0) {
            throw new IllegalArgumentException("hostBudgetBytes must be >= 0, but was " + hostBudgetBytes);
        }
        pinned = Set.copyOf(pinned);
        Objects.requireNonNull(roomWait, "roomWait must not be null");
        if (roomWait.isNegative()) {
            throw new IllegalArgumentException("roomWait must be >= 0, but was " + roomWait);
        }
        Objects.requireNonNull(clock, "clock must not be null");
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(demand, "demand must not be null");
    }

    public static PoolConfig of(long deviceBudgetBytes, long hostBudgetBytes) {
        return new PoolConfig(
                deviceBudgetBytes,
                hostBudgetBytes,
                Set.of(),
                Duration.ofSeconds(30),
                Clock.systemUTC(),
                List.of(),
                NO_DEMAND);
    }

    /**
     * Budgets derived from the memory free now: half of the available memory for the device tier (this build runs
     * models on the CPU, whose device memory is host memory) and a quarter for the host tier.
     */
    public static PoolConfig fromAvailableMemory() {
        long available = availableMemoryBytes();
        return of(available / 2, available / 4);
    }

    /** MemAvailable from /proc/meminfo, else the JVM's max heap as a conservative stand-in. */
    static long availableMemoryBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or an unusual /proc: fall through.
        }
        return Runtime.getRuntime().maxMemory();
    }

    public PoolConfig withPinned(Set<String> pinned) {
        return new PoolConfig(deviceBudgetBytes, hostBudgetBytes, pinned, roomWait, clock, listeners, demand);
    }

    public PoolConfig withRoomWait(Duration roomWait) {
        return new PoolConfig(deviceBudgetBytes, hostBudgetBytes, pinned, roomWait, clock, listeners, demand);
    }

    public PoolConfig withListeners(List<PoolListener> listeners) {
        return new PoolConfig(deviceBudgetBytes, hostBudgetBytes, pinned, roomWait, clock, listeners, demand);
    }

    public PoolConfig withClock(Clock clock) {
        return new PoolConfig(deviceBudgetBytes, hostBudgetBytes, pinned, roomWait, clock, listeners, demand);
    }

    public PoolConfig withDemand(ToIntFunction<String> demand) {
        return new PoolConfig(deviceBudgetBytes, hostBudgetBytes, pinned, roomWait, clock, listeners, demand);
    }
}
