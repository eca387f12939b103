package io.coerouter.router.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link MetricsStore} does; each implementation's test runs it. */
abstract class MetricsStoreContract {

    /** A fresh, empty store. */
    abstract MetricsStore store();

    /** Another view of the same store, as a second replica sees it (the same object for an in-memory store). */
    abstract MetricsStore replica(MetricsStore store);

    @Test
    void countersOfSeveralWritersAddUpPerBucket() {
        MetricsStore store = store();
        MetricsStore other = replica(store);

        store.add(Map.of(
                60L, Map.of("requests", 2L, "latency:3", 2L),
                120L, Map.of("requests", 1L)));
        other.add(Map.of(60L, Map.of("requests", 3L, "errors", 1L, "latency:3", 1L)));

        Map<Long, Map<String, Long>> read = store.read(List.of(0L, 60L, 120L));
        assertThat(read.keySet()).containsExactly(0L, 60L, 120L);
        assertThat(read.get(0L)).isEmpty();
        assertThat(read.get(60L))
                .containsOnly(Map.entry("requests", 5L), Map.entry("errors", 1L), Map.entry("latency:3", 3L));
        assertThat(read.get(120L)).containsOnly(Map.entry("requests", 1L));
    }

    @Test
    void nothingToAddOrReadIsFine() {
        MetricsStore store = store();
        store.add(Map.of());
        assertThat(store.read(List.of())).isEmpty();
    }

    @Test
    void aWindowOfAnHourIsReadInOneGoInTheOrderAsked() {
        MetricsStore store = store();
        store.add(Map.of(3600L * 60, Map.of("requests", 7L)));
        List<Long> starts = java.util.stream.LongStream.range(0, 60)
                .map(i -> 3600L * 60 - i * 60)
                .boxed()
                .toList();

        Map<Long, Map<String, Long>> read = replica(store).read(starts);

        assertThat(read.keySet()).containsExactlyElementsOf(starts);
        assertThat(read.get(3600L * 60)).containsEntry("requests", 7L);
    }
}
