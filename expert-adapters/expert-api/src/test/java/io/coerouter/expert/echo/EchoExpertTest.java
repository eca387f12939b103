package io.coerouter.expert.echo;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.testing.ExpertContractTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class EchoExpertTest extends ExpertContractTest {

    @Override
    protected Expert expert(ExpertContext context) {
        return Expert.of(
                ExpertConfig.builder("echo", "echo").pricing("0.001", "0.002").build(), context);
    }

    @Override
    protected String expectedAnswer(String prompt) {
        return prompt;
    }

    @Test
    void cutsTheAnswerAtTheFirstStopSequenceEvenWhenItSpansTwoTokens() {
        ExpertRequest request = ExpertRequest.builder()
                .addMessage(io.coerouter.expert.ChatMessage.user("alpha beta gamma delta"))
                .stop(List.of("ta gam"))
                .build();
        ExpertResponse response =
                Expert.of(ExpertConfig.builder("echo", "echo").build()).chat(request);

        assertThat(response.text()).isEqualTo("alpha be");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }
}
