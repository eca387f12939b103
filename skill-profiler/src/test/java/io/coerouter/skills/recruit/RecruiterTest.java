package io.coerouter.skills.recruit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecruiterTest {

    @Test
    void theDefaultExpertRecruiterAlwaysPicksItsExpertAndSaysWhy() {
        Recruitment recruitment = Recruiter.defaultExpert("generalist")
                .recruit(new RoutingQuery(List.of(ChatMessage.user("what is 2+2?")), 3, List.of("math")));

        assertThat(recruitment.method()).isEqualTo("default-expert");
        assertThat(recruitment.experts()).containsExactly(new Recruit("generalist", 1.0));
        assertThat(recruitment.reason()).contains("'generalist'");
    }

    @Test
    void aQueryNeedsMessagesAndAPositiveK() {
        assertThatThrownBy(() -> new RoutingQuery(List.of(), null, null)).hasMessage("messages must not be empty");
        assertThatThrownBy(() -> new RoutingQuery(List.of(ChatMessage.user("x")), 0, null))
                .hasMessage("k must be > 0, but was 0");
    }
}
