package io.coerouter.expert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostTierTest {

    @Test
    void dropsTheLeastRecentlyUsedToStayWithinItsBudget() {
        HostTier tier = new HostTier(10);
        tier.keep("a", new byte[4]);
        tier.keep("b", new byte[4]);
        assertThat(tier.get("a")).hasSize(4); // a is now the most recently used
        tier.keep("c", new byte[4]);

        assertThat(tier.holds("a")).isTrue();
        assertThat(tier.holds("b")).isFalse();
        assertThat(tier.holds("c")).isTrue();
        assertThat(tier.used()).isEqualTo(8);
    }

    @Test
    void holdsDoesNotCountAsAUse() {
        HostTier tier = new HostTier(8);
        tier.keep("a", new byte[4]);
        tier.keep("b", new byte[4]);
        assertThat(tier.holds("a")).isTrue();
        tier.keep("c", new byte[4]);

        assertThat(tier.holds("a")).isFalse();
        assertThat(tier.holds("b")).isTrue();
    }

    @Test
    void clearingEmptiesIt() {
        HostTier tier = new HostTier(8);
        tier.keep("a", new byte[4]);
        tier.clear();
        assertThat(tier.holds("a")).isFalse();
        assertThat(tier.used()).isZero();
    }
}
