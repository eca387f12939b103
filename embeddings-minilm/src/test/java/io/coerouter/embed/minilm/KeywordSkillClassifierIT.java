package io.coerouter.embed.minilm;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.testing.OpenAiStubServer;
import io.coerouter.skills.DemoPack;
import io.coerouter.skills.classify.KeywordClassifierConfig;
import io.coerouter.skills.classify.SkillClassification;
import io.coerouter.skills.classify.SkillClassifier;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keyword mode through the real {@code openai} adapter. The stub stands in for the remote keyword model and answers
 * with the user message it received, so the test controls the keywords through the query text.
 */
class KeywordSkillClassifierIT {

    static OpenAiStubServer stub;
    static Expert keywordModel;

    @BeforeAll
    static void start() {
        stub = OpenAiStubServer.start();
        keywordModel = Expert.of(ExpertConfig.builder("keywords", "openai")
                .baseUrl(URI.create(stub.baseUrl()))
                .model("kw")
                .build());
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @Test
    void repeatedKeywordsAreMappedToTheirNearestSkills() {
        SkillClassifier classifier = SkillClassifier.keywords(
                DemoPack.taxonomy(), keywordModel, MiniLm.embedder(), KeywordClassifierConfig.defaults());
        SkillClassification c = classifier.classify("Keywords: capital cities, geography, multiplication");
        assertThat(c.method()).isEqualTo("keywords");
        assertThat(c.keywords()).containsExactly("capital cities", "geography", "multiplication");
        assertThat(c.top()).isEqualTo("capitals");
        assertThat(c.skills().getFirst().score()).isEqualTo(2.0 / 3);
        assertThat(c.skills().get(1).skill()).isEqualTo("arithmetic");
        assertThat(stub.received()).hasSize(5);
        assertThat(stub.lastReceived().body().path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(stub.lastReceived()
                        .body()
                        .path("messages")
                        .get(0)
                        .path("content")
                        .asText())
                .contains("comma-separated keywords");
    }
}
