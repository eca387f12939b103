package io.coerouter.aggregate;

import static io.coerouter.aggregate.VoteTest.answered;
import static io.coerouter.aggregate.VoteTest.failed;
import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenListener;
import io.coerouter.expert.TokenUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Synthesis and judging with an in-test expert; the remote path is covered by SynthesisIT. */
class LlmAggregatorsTest {

    private static Expert replying(String id, Function<ExpertRequest, String> reply) {
        return new Expert() {
            @Override
            public ExpertConfig config() {
                return ExpertConfig.builder(id, "echo").build();
            }

            @Override
            public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
                String text = reply.apply(request);
                if (tokens.streaming()) {
                    tokens.onToken(text);
                }
                return ExpertResponse.of(id, text, FinishReason.STOP, new TokenUsage(10, 1));
            }
        };
    }

    private static final Expert BROKEN = new Expert() {
        @Override
        public ExpertConfig config() {
            return ExpertConfig.builder("broken", "echo").build();
        }

        @Override
        public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
            throw ExpertException.of("broken", ExpertErrorKind.SERVER_ERROR, "down", null);
        }
    };

    private static AggregationInput input(List<Candidate> candidates, TokenListener tokens, Instant deadline) {
        return new AggregationInput(
                ExpertRequest.builder()
                        .addMessage(ChatMessage.user("What is 2 + 2?"))
                        .build(),
                candidates,
                tokens,
                deadline);
    }

    private static final List<Candidate> THREE =
            List.of(answered("a", 0.5, "4"), answered("b", 0.3, "5"), failed("c"), answered("d", 0.2, "5"));

    @Test
    void synthesisShowsTheQuestionAndEveryAnswerAndStreamsWhatTheSynthesiserWrites() {
        List<ExpertRequest> seen = new ArrayList<>();
        Expert synth = replying("synth", r -> {
            seen.add(r);
            return "4";
        });
        List<String> streamed = new ArrayList<>();
        TokenListener tokens = streamed::add;
        Aggregation a = Aggregator.synthesis(synth, Aggregator.vote(AnswerExtractor.auto()))
                .aggregate(input(THREE, tokens, Instant.MAX));
        assertThat(a.text()).isEqualTo("4");
        assertThat(a.streamed()).isTrue();
        assertThat(streamed).containsExactly("4");
        assertThat(a.usage()).isEqualTo(new TokenUsage(10, 1));
        String prompt = seen.getFirst().lastUserText();
        assertThat(prompt)
                .contains("### Model 1's response:\n4")
                .contains("### Model 2's response:\n5")
                .contains("### Model 3's response:\n5")
                .endsWith("### Query:\nWhat is 2 + 2?");
        assertThat(seen.getFirst().messages().getFirst().content()).contains("some of them may be biased or wrong");
        assertThat(a.trace()).contains("'synth' synthesised 3 answers").contains("'c' (timeout)");
    }

    @Test
    void aFailedSynthesiserOrAPassedDeadlineFallsBackToTheVote() {
        Aggregation failedSynth = Aggregator.synthesis(BROKEN, Aggregator.vote(AnswerExtractor.auto()))
                .aggregate(input(THREE, TokenListener.NONE, Instant.MAX));
        assertThat(failedSynth.text()).isEqualTo("5");
        assertThat(failedSynth.aggregator()).isEqualTo("synthesis");
        assertThat(failedSynth.trace()).startsWith("the synthesiser 'broken' failed (server_error), so: votes:");
        assertThat(failedSynth.streamed()).isFalse();

        Aggregation late = Aggregator.synthesis(replying("s", r -> "x"), Aggregator.vote(AnswerExtractor.auto()))
                .aggregate(input(THREE, TokenListener.NONE, Instant.now().minusSeconds(1)));
        assertThat(late.text()).isEqualTo("5");
        assertThat(late.trace()).startsWith("the deadline had passed");
    }

    @Test
    void theJudgeGetsTheCallersListenerWhenItDoesNotStreamAndNoneWhenItDoes() {
        java.util.List<TokenListener> seen = new java.util.ArrayList<>();
        Expert judge = new Expert() {
            @Override
            public ExpertConfig config() {
                return ExpertConfig.builder("judge", "echo").build();
            }

            @Override
            public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
                seen.add(tokens);
                return ExpertResponse.of("judge", "Response 1.", FinishReason.STOP, new TokenUsage(10, 1));
            }
        };
        TokenListener marked = new TokenListener() { // does not stream: a caller's mark (a batch's planned work)
                    @Override
                    public void onToken(String token) {}

                    @Override
                    public boolean streaming() {
                        return false;
                    }
                };
        TokenListener client = token -> {}; // a streaming client
        Aggregator.judge(judge, Aggregator.best()).aggregate(input(THREE, marked, Instant.MAX));
        Aggregator.judge(judge, Aggregator.best()).aggregate(input(THREE, client, Instant.MAX));

        assertThat(seen).containsExactly(marked, TokenListener.NONE);
    }

    @Test
    void theJudgeNamesTheBestAnswerWhichIsReturnedUnchanged() {
        Aggregation a = Aggregator.judge(replying("judge", r -> "Response 1."), Aggregator.vote(AnswerExtractor.auto()))
                .aggregate(input(THREE, TokenListener.NONE, Instant.MAX));
        assertThat(a.text()).isEqualTo("4");
        assertThat(a.trace()).contains("judged response 1 of 3, from 'a'");
        assertThat(a.usage()).isEqualTo(new TokenUsage(10, 1));

        Aggregation nonsense = Aggregator.judge(
                        replying("judge", r -> "all good"), Aggregator.vote(AnswerExtractor.auto()))
                .aggregate(input(THREE, TokenListener.NONE, Instant.MAX));
        assertThat(nonsense.text()).isEqualTo("5");
        assertThat(nonsense.trace()).startsWith("the judge's reply 'all good' names no response, so: votes:");

        Aggregation down =
                Aggregator.judge(BROKEN, Aggregator.best()).aggregate(input(THREE, TokenListener.NONE, Instant.MAX));
        assertThat(down.text()).isEqualTo("4");
        assertThat(down.trace()).startsWith("the judge 'broken' failed");
    }
}
