package io.coerouter.router.experts;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.egress.EgressPolicy.Origin;
import org.junit.jupiter.api.Test;

class ExpertSourceTest {

    @Test
    void theApiNamesAreLowerCaseAndTheAdminApisExpertsAreHeldToItsRules() {
        assertThat(ExpertSource.CONFIG.apiName()).isEqualTo("config");
        assertThat(ExpertSource.of("admin")).contains(ExpertSource.ADMIN);
        assertThat(ExpertSource.of("ADMIN")).isEmpty();
        assertThat(ExpertSource.ADMIN.origin()).isEqualTo(Origin.ADMIN);
        assertThat(ExpertSource.CONFIG.origin()).isEqualTo(Origin.DECLARED);
    }
}
