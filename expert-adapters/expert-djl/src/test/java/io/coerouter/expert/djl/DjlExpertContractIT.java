package io.coerouter.expert.djl;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ModelPool;
import io.coerouter.expert.PoolConfig;
import io.coerouter.expert.testing.ExpertContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIf;

/** The expert contract, run by the {@code djl} adapter on the demo pack's string specialist. */
@EnabledIf(value = "io.coerouter.expert.djl.DemoPack#complete", disabledReason = "the demo expert pack is not complete")
class DjlExpertContractIT extends ExpertContractTest {

    private static final ModelPool POOL = ModelPool.create(PoolConfig.of(64L << 20, 64L << 20));

    /** A recorded answer of five or more characters, read when a test needs it. */
    private static DemoPack.Golden golden() {
        return DemoPack.golden().stream()
                .filter(g -> g.model().equals("strings-expert")
                        && g.output().length() >= 5
                        && g.finish().equals("stop"))
                .findFirst()
                .orElseThrow();
    }

    @AfterAll
    static void closePool() {
        POOL.close();
    }

    @Override
    protected Expert expert(ExpertContext context) {
        return DemoPack.expert("strings-expert", context.withLocalModels(DemoPack.local(POOL)));
    }

    @Override
    protected String prompt() {
        return golden().question();
    }

    @Override
    protected String expectedAnswer(String prompt) {
        return golden().output();
    }
}
