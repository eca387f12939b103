package io.coerouter.router.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.skills.classify.EmbeddingClassifierConfig;
import io.coerouter.skills.classify.KeywordClassifierConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SkillsPropertiesTest {

    private static SkillsProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("s", Bindable.of(SkillsProperties.class));
    }

    @Test
    void unsetClassifierSettingsAreTheClassifiersOwnDefaults() {
        SkillsProperties skills = bind(Map.of());

        assertThat(skills.neighbours())
                .isEqualTo(EmbeddingClassifierConfig.defaults().neighbours());
        assertThat(skills.temperature())
                .isEqualTo(EmbeddingClassifierConfig.defaults().temperature());
        assertThat(skills.keywordSamples())
                .isEqualTo(KeywordClassifierConfig.defaults().samples());
        assertThat(skills.keywordTemperature())
                .isEqualTo(KeywordClassifierConfig.defaults().temperature());
        assertThat(skills.taxonomy()).isEqualTo("classpath:coe-demo-experts/skills.yaml");
    }

    @Test
    void whatIsSetIsKept() {
        SkillsProperties skills = bind(Map.of("s.neighbours", "5", "s.keyword-temperature", "0.2"));

        assertThat(skills.neighbours()).isEqualTo(5);
        assertThat(skills.keywordTemperature()).isEqualTo(0.2);
    }
}
