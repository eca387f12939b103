package io.coerouter.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertErrors;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.RetriableExpertException;
import io.coerouter.expert.TokenUsage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyTest {

    private static final Served SERVED = new Served("worker-1", 12, 0, 340, 8);

    @Test
    void anAnswerAndWhereItWasServedSurviveTheTrip() {
        ExpertResponse answer =
                ExpertResponse.of("worker-side-id", "héllo ✓ \"x\"\n", FinishReason.LENGTH, new TokenUsage(7, 3));

        Reply reply = Reply.done("r-1", "worker-1:1", answer, SERVED);

        assertThat(reply.kind()).isEqualTo(ReplyKind.DONE);
        assertThat(reply.response("gateway-side-id"))
                .as("the answer is the expert's the gateway asked")
                .isEqualTo(ExpertResponse.of("gateway-side-id", answer.text(), FinishReason.LENGTH, answer.usage()));
        assertThat(reply.served()).isEqualTo(SERVED);
    }

    @Test
    void aFailureKeepsItsKindItsDetailAndItsRetryAfter() {
        ExpertException failure = ExpertException.of(
                "local-1", ExpertErrorKind.RATE_LIMITED, "slow down", 429, Duration.ofMillis(1500), null);

        ExpertException read = Reply.failed("r-1", "w:1", failure).error("local-1");

        assertThat(read).isInstanceOf(RetriableExpertException.class);
        assertThat(read.kind()).isEqualTo(ExpertErrorKind.RATE_LIMITED);
        assertThat(read.getMessage()).isEqualTo("expert 'local-1' rate limited: slow down");
        assertThat(read.retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void aFailureWithoutDetailOrRetryAfterStaysWithout() {
        ExpertException read = Reply.failed(
                        "r-1", "w:1", ExpertException.of("x", ExpertErrorKind.MISCONFIGURED, null, null))
                .error("x");

        assertThat(read.kind()).isEqualTo(ExpertErrorKind.MISCONFIGURED);
        assertThat(read.retriable()).isFalse();
        assertThat(read.getMessage()).isEqualTo("expert 'x' misconfigured");
        assertThat(read.retryAfter()).isEmpty();
    }

    @Test
    void aFailureMappedByTheExpertErrorsKeepsItsClientMessage() {
        ExpertException mapped = ExpertErrors.map("x", new java.net.http.HttpTimeoutException("at 10.0.0.7:443"));

        ExpertException read = Reply.failed("r", "w", mapped).error("x");

        assertThat(read.getMessage()).isEqualTo(mapped.getMessage()).doesNotContain("10.0.0.7");
    }

    @Test
    void aBodyIsReadOnlyAsItsKind() {
        Reply token = Reply.token("r", "w", "text");

        assertThatThrownBy(() -> token.response("x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(token::served).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> token.error("x")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "{}",
                "{\"response\":{\"text\":\"t\",\"finish_reason\":\"stop\",\"input_tokens\":1},\"served\":{}}",
                "{\"response\":{\"text\":\"t\",\"finish_reason\":\"exploded\",\"input_tokens\":1,\"output_tokens\":1}}",
                "{\"response\":{\"text\":7,\"finish_reason\":\"stop\",\"input_tokens\":1,\"output_tokens\":1}}",
                "{\"response\":{\"text\":\"t\",\"finish_reason\":\"stop\",\"input_tokens\":-1,\"output_tokens\":1}}",
            })
    void aMalformedAnswerIsRefused(String body) {
        Reply reply = new Reply("r", "w", ReplyKind.DONE, body);

        assertThatThrownBy(() -> reply.response("x")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"response\":{}}",
                "{\"served\":{\"worker\":\"w\",\"wait_ms\":1,\"load_ms\":0,\"generation_ms\":1}}",
                "{\"served\":{\"worker\":\"w\",\"wait_ms\":1,\"load_ms\":0,\"generation_ms\":1,\"batch_size\":0}}",
                "{\"served\":{\"worker\":\"\",\"wait_ms\":1,\"load_ms\":0,\"generation_ms\":1,\"batch_size\":1}}",
                "{\"served\":{\"worker\":\"w\",\"wait_ms\":-5,\"load_ms\":0,\"generation_ms\":1,\"batch_size\":1}}",
            })
    void aMalformedServedIsRefused(String body) {
        Reply reply = new Reply("r", "w", ReplyKind.DONE, body);

        assertThatThrownBy(reply::served).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"kind\":\"EXPLODED\",\"message\":\"m\"}",
                "{\"message\":\"m\"}",
                "{\"kind\":\"TIMEOUT\"}",
                "{\"kind\":\"TIMEOUT\",\"message\":\"m\",\"retry_after_ms\":-1}",
                "{\"kind\":\"TIMEOUT\",\"message\":\"m\",\"retry_after_ms\":\"soon\"}",
                "[\"TIMEOUT\"]",
            })
    void aMalformedFailureIsRefused(String body) {
        Reply reply = new Reply("r", "w", ReplyKind.FAILED, body);

        assertThatThrownBy(() -> reply.error("x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWorkersMessageReachesTheClientCutShortAndOnOneLine() {
        String body = "{\"kind\":\"SERVER_ERROR\",\"message\":\"line\\u001b[31m\\nnext" + "y".repeat(5000) + "\"}";

        ExpertException read = new Reply("r", "w", ReplyKind.FAILED, body).error("x");

        assertThat(read.getMessage()).doesNotContain("\n", "\u001b").hasSizeLessThan(1100);
    }

    @Test
    void anEntryIsReadBackAsAReply() {
        Reply reply = Reply.fromFields(Map.of("rid", "r-1", "att", "worker-a:1-0", "kind", "TOKEN", "body", "hi"));

        assertThat(reply).isEqualTo(new Reply("r-1", "worker-a:1-0", ReplyKind.TOKEN, "hi"));
    }

    @Test
    void anEntryThatIsNoReplyIsRefused() {
        Map<String, String> good = Map.of("rid", "r-1", "att", "w", "kind", "DONE", "body", "{}");
        for (String field : good.keySet()) {
            Map<String, String> missing = new HashMap<>(good);
            missing.remove(field);
            assertThatThrownBy(() -> Reply.fromFields(missing)).as(field).isInstanceOf(RuntimeException.class);
        }
        Map<String, String> badKind = new HashMap<>(good);
        badKind.put("kind", "token");
        assertThatThrownBy(() -> Reply.fromFields(badKind)).isInstanceOf(IllegalArgumentException.class);
        Map<String, String> badId = new HashMap<>(good);
        badId.put("rid", "r 1\nINJECTED");
        assertThatThrownBy(() -> Reply.fromFields(badId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("INJECTED");
        assertThatThrownBy(() -> Reply.fromFields(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReplyNamesItsRequestAndAttemptWithinBounds() {
        assertThatThrownBy(() -> Reply.token("r".repeat(129), "w", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reply.token("r", "", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reply.token("r", "w", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Reply("r", "w", null, "")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Reply.token("r", "w", "x".repeat(Reply.MAX_BODY_CHARS + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReplyChannelIdIsCheckedBeforeItBecomesAKey() {
        assertThat(DispatchNames.replyStream("p:", "gw-1.a_b")).isEqualTo("p:{r:gw-1.a_b}:replies");
        for (String hostile : new String[] {"", "a}b", "a{b", "a b", "a:b", "x".repeat(101), "gw\n"}) {
            assertThatThrownBy(() -> DispatchNames.replyStream("p:", hostile))
                    .as(hostile)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
