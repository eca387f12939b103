package io.coerouter.expert.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertListener;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Expert} adapter promises. An adapter's test extends this class and supplies a healthy
 * expert that answers a prompt deterministically at temperature 0.
 */
public abstract class ExpertContractTest {

    /** A healthy expert built with {@code context}; its pricing must be non-zero so cost can be checked. */
    protected abstract Expert expert(ExpertContext context);

    /** What the expert answers, in full, to a single user message {@code prompt} at temperature 0. */
    protected abstract String expectedAnswer(String prompt);

    /** A prompt whose answer has at least five tokens. */
    protected String prompt() {
        return "the quick brown fox jumps over the lazy dog";
    }

    private Expert expert() {
        return expert(ExpertContext.withEnvironment(Map.of(), List.of()));
    }

    private ExpertRequest request() {
        return ExpertRequest.builder()
                .addMessage(ChatMessage.user(prompt()))
                .temperature(0.0)
                .build();
    }

    @Test
    void answersWithTextUsageAndFinishReason() {
        Expert expert = expert();
        ExpertResponse response = expert.chat(request());

        assertThat(response.expertId()).isEqualTo(expert.id());
        assertThat(response.text()).isEqualTo(expectedAnswer(prompt()));
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(response.usage().inputTokens()).isPositive();
        assertThat(response.usage().outputTokens()).isPositive();
        assertThat(response.latency()).isPositive();
    }

    @Test
    void pricesEachCallFromItsUsage() {
        Expert expert = expert();
        ExpertResponse response = expert.chat(request());

        assertThat(response.cost()).isPositive();
        assertThat(response.cost())
                .isEqualByComparingTo(expert.config().pricing().cost(response.usage()));
    }

    @Test
    void streamsPiecesOnTheCallingThreadThatConcatenateToTheAnswer() {
        List<String> pieces = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        ExpertResponse response = expert().chat(request(), text -> {
            pieces.add(text);
            threads.add(Thread.currentThread());
        });

        assertThat(pieces).hasSizeGreaterThan(1);
        assertThat(String.join("", pieces)).isEqualTo(response.text()).isEqualTo(expectedAnswer(prompt()));
        assertThat(threads).containsOnly(Thread.currentThread());
    }

    @Test
    void stopsAtMaxTokensWithFinishReasonLength() {
        ExpertRequest request = ExpertRequest.builder()
                .addMessage(ChatMessage.user(prompt()))
                .temperature(0.0)
                .maxTokens(2)
                .build();
        ExpertResponse response = expert().chat(request);

        assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(response.usage().outputTokens()).isLessThanOrEqualTo(2);
        assertThat(expectedAnswer(prompt())).startsWith(response.text());
    }

    @Test
    void informsListenersOfEveryCall() {
        List<ExpertResponse> seen = new CopyOnWriteArrayList<>();
        ExpertListener listener = new ExpertListener() {
            @Override
            public void onResponse(ExpertResponse response) {
                seen.add(response);
            }
        };
        Expert expert = expert(ExpertContext.withEnvironment(Map.of(), List.of(listener)));

        ExpertResponse first = expert.chat(request());
        ExpertResponse second = expert.chat(request(), text -> {});

        assertThat(seen).containsExactly(first, second);
    }

    @Test
    void aFailingTokenListenerPropagatesUnchangedAndIsNotCountedAsAnExpertError() {
        List<ExpertException> errors = new CopyOnWriteArrayList<>();
        ExpertListener listener = new ExpertListener() {
            @Override
            public void onError(ExpertException error, long elapsedNanos) {
                errors.add(error);
            }
        };
        Expert expert = expert(ExpertContext.withEnvironment(Map.of(), List.of(listener)));
        IllegalStateException clientGone = new IllegalStateException("client went away");
        TokenListener failing = text -> {
            throw clientGone;
        };

        assertThatThrownBy(() -> expert.chat(request(), failing)).isSameAs(clientGone);
        assertThat(errors).isEmpty();
    }

    @Test
    void answersABatchInOrderWithTheSameAnswersAsSingleCallsAndStreamsEachRow() {
        Expert expert = expert();
        List<String> prompts = List.of(prompt(), "a b c", prompt() + " again");
        List<ExpertRequest> requests = prompts.stream()
                .map(p -> ExpertRequest.builder()
                        .addMessage(ChatMessage.user(p))
                        .temperature(0.0)
                        .build())
                .toList();
        List<StringBuilder> streamed =
                prompts.stream().map(p -> new StringBuilder()).toList();
        List<TokenListener> listeners =
                streamed.stream().map(sb -> (TokenListener) sb::append).toList();

        List<ExpertOutcome> outcomes = expert.chatBatch(requests, listeners);

        assertThat(outcomes).hasSize(3).allSatisfy(o -> assertThat(o.succeeded())
                .isTrue());
        for (int i = 0; i < prompts.size(); i++) {
            ExpertResponse single = expert.chat(requests.get(i));
            assertThat(outcomes.get(i).response().text()).isEqualTo(single.text());
            assertThat(streamed.get(i).toString()).isEqualTo(single.text());
            assertThat(outcomes.get(i).response().cost())
                    .isEqualByComparingTo(expert.config()
                            .pricing()
                            .cost(outcomes.get(i).response().usage()));
        }
    }

    @Test
    void rejectsANullRequest() {
        assertThatThrownBy(() -> expert().chat(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("request");
    }
}
