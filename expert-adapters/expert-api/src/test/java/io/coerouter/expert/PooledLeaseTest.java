package io.coerouter.expert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PooledLeaseTest {

    @Test
    void releasesOnlyOnTheFirstClose() {
        AtomicInteger releases = new AtomicInteger();
        PooledLease<String> lease = new PooledLease<>("model", Tier.HOST, releases::incrementAndGet);
        lease.close();
        lease.close();

        assertThat(releases).hasValue(1);
        assertThat(lease.model()).isEqualTo("model");
        assertThat(lease.loadedFrom()).isEqualTo(Tier.HOST);
    }
}
