package io.coerouter.skills.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileJsonTest {

    private static final ProfileSet SET = new ProfileSet(
            0,
            Instant.parse("2026-11-22T10:00:00Z"),
            "unit",
            3,
            Map.of(
                    "a",
                    new ExpertProfile("a", Map.of("math", new SkillStats(2, 1, 0)), 12.5, new BigDecimal("0.002"))));

    @Test
    void exportThenImportGivesTheSameProfiles() {
        assertThat(ProfileJson.read(ProfileJson.write(SET))).isEqualTo(SET);
    }

    @Test
    void anInvalidImportSaysWhatIsWrong() {
        assertThatThrownBy(() -> ProfileJson.read("{\"version\":0}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the profile set is not valid");
        assertThatThrownBy(() -> ProfileJson.read("{\"createdAt\":\"2026-11-22T10:00:00Z\",\"experts\":{}}"))
                .hasMessageContaining("a profile set needs at least one expert");
    }

    @Test
    void aNullBodyIsRefusedAsInvalidNotAFailure() {
        assertThatThrownBy(() -> ProfileJson.read("null"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("it must be a JSON object, not null");
    }

    @Test
    void anImportWithANumberNoProfileCanHoldIsRefusedNamingTheField() {
        String good = ProfileJson.write(SET);
        String[][] cases = {
            {"\"meanLatencyMs\" : 12.5", "\"meanLatencyMs\" : \"NaN\"", "experts['a'].meanLatencyMs"},
            {"\"meanLatencyMs\" : 12.5", "\"meanLatencyMs\" : \"Infinity\"", "experts['a'].meanLatencyMs"},
            {"\"meanLatencyMs\" : 12.5", "\"meanLatencyMs\" : -1", "experts['a'].meanLatencyMs"},
            {"\"meanLatencyMs\" : 12.5", "\"meanLatencyMs\" : 1e12", "experts['a'].meanLatencyMs"},
            {"\"meanCostUsd\" : 0.002", "\"meanCostUsd\" : 1e308", "experts['a'].meanCostUsd"},
            {"\"meanCostUsd\" : 0.002", "\"meanCostUsd\" : -0.5", "experts['a'].meanCostUsd"},
            {"\"questions\" : 3", "\"questions\" : -3", "questions"},
            {"\"version\" : 0", "\"version\" : -1", "version"}
        };
        for (String[] c : cases) {
            assertThat(good).contains(c[0]);
            String bad = good.replace(c[0], c[1]);
            assertThatThrownBy(() -> ProfileJson.read(bad))
                    .as(c[1])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c[2]);
        }
    }

    @Test
    void theStoreVersionsEverySaveAndKeepsTheNewest() {
        ProfileStore store = ProfileStore.inMemory(2);
        assertThat(store.current()).isEmpty();
        assertThat(store.save(SET).version()).isEqualTo(1);
        store.save(SET);
        store.save(SET);
        assertThat(store.versions()).containsExactly(2, 3);
        assertThat(store.current().orElseThrow().version()).isEqualTo(3);
        assertThat(store.version(1)).isEmpty();
    }

    @Test
    void aDuplicatedKeyIsRefusedNotLastWins() {
        String json = ProfileJson.write(SET).replaceFirst("\\{", "{\"version\":7,");
        assertThatThrownBy(() -> ProfileJson.read(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Duplicate field 'version'");
    }
}
