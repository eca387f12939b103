package io.coerouter.router.experts;

import static io.coerouter.router.experts.ExpertRegistryTest.echo;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.CircuitOverride;
import org.junit.jupiter.api.Test;

/** What every {@link ExpertStore} does; each implementation's test extends this. */
public abstract class ExpertStoreContract {

    protected abstract ExpertStore store();

    /** Writes {@code json} under {@code id} as it is, bypassing the store's own writing. */
    protected abstract void corrupt(String id, String json);

    @Test
    void anEntryThatCannotBeReadIsReportedBrokenAndBlocksNothing() {
        StoredExpert a = new StoredExpert(echo("a"), ExpertState.ENABLED, StoredExpert.ADMIN);
        store().put(a);
        corrupt("garbled", "{not json");
        corrupt(
                "priced",
                "{\"definition\":{\"id\":\"priced\",\"adapter\":\"echo\",\"input_price_per_1k\":1E+999},"
                        + "\"state\":\"enabled\",\"source\":\"admin\"}");
        corrupt("other", "{\"definition\":{\"id\":\"not-other\",\"adapter\":\"echo\"},\"source\":\"admin\"}");

        ExpertStore.Contents contents = store().read();

        assertThat(contents.experts()).containsExactly(a);
        assertThat(contents.broken()).containsOnlyKeys("garbled", "priced", "other");
        assertThat(contents.broken().get("priced")).contains("input_price_per_1k");
        assertThat(contents.broken().get("garbled")).doesNotContain("not json");
        assertThat(store().find("garbled")).isEmpty();
        assertThat(store().create(new StoredExpert(echo("b"), ExpertState.ENABLED, StoredExpert.ADMIN)))
                .isTrue();
        assertThat(store().all()).hasSize(2);
        assertThat(store().delete("garbled")).isTrue();
        assertThat(store().read().broken()).containsOnlyKeys("priced", "other");
    }

    @Test
    void keepsWhatIsPutAndFindsItById() {
        StoredExpert a = new StoredExpert(
                ExpertRegistryTest.def(
                        "{\"id\":\"a\",\"adapter\":\"echo\",\"api_key_env\":\"K\",\"max_concurrency\":2}"),
                ExpertState.DRAINING,
                StoredExpert.ADMIN,
                CircuitOverride.FORCED_OPEN);

        store().put(a);

        assertThat(store().find("a")).contains(a);
        assertThat(store().find("b")).isEmpty();
        assertThat(store().all()).containsExactly(a);
    }

    @Test
    void createRefusesATakenIdAndPutReplaces() {
        StoredExpert first = new StoredExpert(echo("a"), ExpertState.ENABLED, StoredExpert.CONFIG);
        StoredExpert second = new StoredExpert(echo("a"), ExpertState.DISABLED, StoredExpert.ADMIN);

        assertThat(store().create(first)).isTrue();
        assertThat(store().create(second)).isFalse();
        assertThat(store().find("a")).contains(first);

        store().put(second);
        assertThat(store().find("a")).contains(second);
    }

    @Test
    void deleteSaysWhetherTheExpertWasThere() {
        store().put(new StoredExpert(echo("a"), ExpertState.ENABLED, StoredExpert.ADMIN));

        assertThat(store().delete("a")).isTrue();
        assertThat(store().delete("a")).isFalse();
        assertThat(store().all()).isEmpty();
    }
}
