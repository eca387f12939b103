package io.coerouter.router.experts;

import io.coerouter.router.config.ExpertProperties;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes {@code coe.experts} to the store where it holds no admin change of them. */
final class DeclaredExperts {

    private static final Logger log = LoggerFactory.getLogger(ExpertRegistry.class);

    private DeclaredExperts() {}

    static void seed(ExpertStore store, List<ExpertProperties> declared, ExpertStore.Contents contents) {
        for (ExpertProperties p : declared) {
            Optional<StoredExpert> existing = contents.experts().stream()
                    .filter(s -> s.id().equals(p.id()))
                    .findFirst();
            if (contents.broken().containsKey(p.id())) {
                store.put(new StoredExpert(p, ExpertState.ENABLED, ExpertSource.CONFIG));
                log.warn("expert '{}': its stored entry cannot be read; coe.experts declares it again", p.id());
            } else if (existing.isEmpty()) {
                store.create(new StoredExpert(p, ExpertState.ENABLED, ExpertSource.CONFIG));
            } else if (existing.get().source() == ExpertSource.CONFIG) {
                if (!existing.get().definition().equals(p)) {
                    store.put(new StoredExpert(p, existing.get().state(), ExpertSource.CONFIG));
                    log.info("expert '{}': its changed declaration in coe.experts replaces the stored one", p.id());
                }
            } else {
                log.info(
                        "expert '{}' was changed through the admin API; its stored definition is used, not coe.experts",
                        p.id());
            }
        }
    }
}
