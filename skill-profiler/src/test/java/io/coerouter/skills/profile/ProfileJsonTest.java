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
