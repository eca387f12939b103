package io.coerouter.expert.lc4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;
import org.junit.jupiter.api.Test;

class LangChain4jConversionsTest {

    @Test
    void eachRoleBecomesItsLangChain4jMessage() {
        assertThat(LangChain4jConversions.toLangChain4j(ChatMessage.system("s")))
                .isEqualTo(SystemMessage.from("s"));
        assertThat(LangChain4jConversions.toLangChain4j(ChatMessage.user("u"))).isEqualTo(UserMessage.from("u"));
        assertThat(LangChain4jConversions.toLangChain4j(ChatMessage.assistant("a")))
                .isEqualTo(AiMessage.from("a"));
    }

    @Test
    void anAnswerKeepsItsTextUsageAndFinishReason() {
        ChatResponse response = ChatResponse.builder()
                .aiMessage(AiMessage.from("hello"))
                .tokenUsage(new dev.langchain4j.model.output.TokenUsage(3, 5))
                .finishReason(dev.langchain4j.model.output.FinishReason.LENGTH)
                .build();

        ExpertResponse answer = LangChain4jConversions.toResponse("e1", response);

        assertThat(answer.expertId()).isEqualTo("e1");
        assertThat(answer.text()).isEqualTo("hello");
        assertThat(answer.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(answer.usage()).isEqualTo(new TokenUsage(3, 5));
    }

    @Test
    void missingUsageAndFinishReasonAreZeroAndStop() {
        ChatResponse response =
                ChatResponse.builder().aiMessage(AiMessage.from("hi")).build();

        ExpertResponse answer = LangChain4jConversions.toResponse("e1", response);

        assertThat(answer.usage()).isEqualTo(TokenUsage.ZERO);
        assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
    }
}
