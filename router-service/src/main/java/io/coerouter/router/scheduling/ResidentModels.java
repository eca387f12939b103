package io.coerouter.router.scheduling;

import io.coerouter.expert.PoolListener;
import io.coerouter.expert.Tier;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Which models are loaded on the device now, followed from the model pool's loads and evictions. */
public final class ResidentModels implements PoolListener, Predicate<String> {

    private final Set<String> loaded = ConcurrentHashMap.newKeySet();

    @Override
    public void onLoad(String id, Tier from, Duration took, long bytes) {
        loaded.add(id);
    }

    @Override
    public void onEvict(String id, long bytes) {
        loaded.remove(id);
    }

    @Override
    public boolean test(String id) {
        return loaded.contains(id);
    }
}
