package io.coerouter.router.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.expert.ChatMessage;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.UncategorizedSQLException;

/**
 * What a finished request becomes before it is buffered and how the writer judges a failed batch: content dropped or
 * capped, made-up models counted as one, permanent failures told from transient ones, buckets counted before a query.
 */
class UsageRecordsTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:15:00Z");

    private static CompletedRequest withContent(String prompt, String answer) {
        return new CompletedRequest(
                "r",
                T0,
                "k",
                "coe",
                false,
                null,
                null,
                1,
                0,
                0,
                null,
                null,
                List.of(),
                null,
                List.of(
                        new ChatMessage(ChatMessage.Role.SYSTEM, "be brief"),
                        new ChatMessage(ChatMessage.Role.USER, prompt)),
                answer);
    }

    @Test
    void contentIsDroppedOrCappedAcrossMessagesAndAnswer() {
        CompletedRequest small = withContent("hi", "hello");
        CompletedRequest large = withContent("p".repeat(100), "a".repeat(100));

        assertThat(small.withoutContent().messages()).isEmpty();
        assertThat(small.withoutContent().answer()).isNull();
        assertThat(small.withContentCappedAt(1000)).isSameAs(small);
        CompletedRequest capped = large.withContentCappedAt(150);
        assertThat(capped.messages()).extracting(ChatMessage::content).containsExactly("be brief", "p".repeat(100));
        assertThat(capped.answer()).isEqualTo("a".repeat(42));
        CompletedRequest tight = large.withContentCappedAt(20);
        assertThat(tight.messages().get(1).content()).hasSize(12);
        assertThat(tight.answer()).isEmpty();
        assertThat(tight.inputTokens()).isEqualTo(large.inputTokens());
    }

    @Test
    void aFailureForAModelThatMayNotExistIsCountedUnderOther() {
        RouterException notFound = new RouterException(ErrorKind.NOT_FOUND, "no", "model", "model_not_found");
        RouterException invalid = RouterException.invalid("messages", "invalid_value", "bad");
        RouterException upstream = new RouterException(ErrorKind.UPSTREAM_FAILED, "no", null, "expert_server_error");

        assertThat(RequestOutcomes.reportedModel("made-up-1", notFound)).isEqualTo(RequestOutcomes.OTHER_MODEL);
        assertThat(RequestOutcomes.reportedModel("made-up-2", invalid)).isEqualTo(RequestOutcomes.OTHER_MODEL);
        assertThat(RequestOutcomes.reportedModel("stub-gpt", upstream)).isEqualTo("stub-gpt");
    }

    @Test
    void dataErrorsAndNonDatabaseErrorsArePermanentConnectionsAndConflictsAreRetried() {
        assertThat(UsageWriter.permanent(sql("22021")))
                .as("invalid byte sequence")
                .isTrue();
        assertThat(UsageWriter.permanent(sql("22003"))).as("numeric overflow").isTrue();
        assertThat(UsageWriter.permanent(sql("23505"))).as("unique violation").isTrue();
        assertThat(UsageWriter.permanent(new IllegalStateException("json")))
                .as("not a database error")
                .isTrue();
        assertThat(UsageWriter.permanent(sql("08006"))).as("connection lost").isFalse();
        assertThat(UsageWriter.permanent(sql("57P01"))).as("admin shutdown").isFalse();
        assertThat(UsageWriter.permanent(sql("40001")))
                .as("serialization failure")
                .isFalse();
        assertThat(UsageWriter.permanent(sql("40P01"))).as("deadlock").isFalse();
        assertThat(UsageWriter.permanent(new DataAccessResourceFailureException("no connection")))
                .isFalse();
    }

    private static RuntimeException sql(String state) {
        return new UncategorizedSQLException("write", "INSERT", new SQLException("failed", state));
    }

    @Test
    void bucketsAreCountedFromTheRangeAlone() {
        Instant from = Instant.parse("2026-01-01T00:30:00Z");

        assertThat(new UsageQuery(UsageQuery.GroupBy.KEY, UsageQuery.Bucket.HOUR, from, from.plusSeconds(3600))
                        .buckets())
                .isEqualTo(2);
        assertThat(new UsageQuery(
                                UsageQuery.GroupBy.KEY,
                                UsageQuery.Bucket.HOUR,
                                Instant.parse("2026-01-01T00:00:00Z"),
                                Instant.parse("2026-01-02T00:00:00Z"))
                        .buckets())
                .isEqualTo(24);
        assertThat(new UsageQuery(
                                UsageQuery.GroupBy.KEY,
                                UsageQuery.Bucket.DAY,
                                Instant.parse("2020-01-01T00:00:00Z"),
                                Instant.parse("2021-01-01T00:00:00Z"))
                        .buckets())
                .isEqualTo(366);
        assertThat(new UsageQuery(UsageQuery.GroupBy.KEY, UsageQuery.Bucket.NONE, from, from.plusSeconds(9)).buckets())
                .isEqualTo(1);
    }
}
