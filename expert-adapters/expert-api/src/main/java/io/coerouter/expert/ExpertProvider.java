package io.coerouter.expert;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Creates experts of one adapter type from their config. Providers are found with {@link ServiceLoader}, so an
 * adapter in its own jar registers itself in {@code META-INF/services/io.coerouter.expert.ExpertProvider}.
 */
public interface ExpertProvider {

    /** The adapter type this provider serves, as written in {@code coe.experts[].adapter}. */
    String adapter();

    /** A new expert; throws {@link IllegalArgumentException} naming the field when the config is unusable. */
    Expert create(ExpertConfig config, ExpertContext context);

    /** Every provider on the class path, by adapter type. */
    static Map<String, ExpertProvider> installed() {
        Map<String, ExpertProvider> providers = new TreeMap<>();
        for (ExpertProvider provider :
                ServiceLoader.load(ExpertProvider.class, ExpertProvider.class.getClassLoader())) {
            providers.putIfAbsent(provider.adapter(), provider);
        }
        return providers;
    }

    /** The provider for {@code adapter}, or an {@link IllegalArgumentException} listing the known ones. */
    static ExpertProvider forAdapter(String adapter) {
        Map<String, ExpertProvider> providers = installed();
        ExpertProvider provider = providers.get(adapter);
        if (provider == null) {
            throw new IllegalArgumentException(
                    "adapter must be one of " + providers.keySet() + ", but was '" + adapter + "'");
        }
        return provider;
    }
}
