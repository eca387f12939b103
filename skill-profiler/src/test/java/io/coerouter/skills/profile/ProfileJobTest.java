package io.coerouter.skills.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.TokenListener;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Profiling with the built-in echo expert (it repeats the question, so it is right exactly when answer = question). */
class ProfileJobTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

    private static final List<EvalItem> ITEMS = List.of(
            new EvalItem(1, "alpha", "alpha", List.of("echoing"), null, null),
            new EvalItem(2, "beta", "gamma", List.of("echoing"), null, null),
            new EvalItem(3, "fail", "x", List.of("other"), null, null),
            new EvalItem(4, "delta", "DELTA", List.of("other", "echoing"), null, null));

    private static Expert echo(String id) {
        return Expert.of(ExpertConfig.builder(id, "echo").build());
    }

    /** An expert that fails on the question "fail" and answers "x" otherwise. */
    private static Expert flaky() {
        return new Expert() {
            @Override
            public ExpertConfig config() {
                return ExpertConfig.builder("flaky", "echo").build();
            }

            @Override
            public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
                if (request.lastUserText().equals("fail")) {
                    throw ExpertException.of("flaky", ExpertErrorKind.SERVER_ERROR, "boom", null);
                }
                return echo("flaky").doChat(ExpertRequest.of("x"), tokens);
            }
        };
    }

    private static ProfileJob.Spec spec(List<Expert> experts) {
        return new ProfileJob.Spec(experts, ITEMS, "unit", Grader.exact(), null, null, 2, 16);
    }

    @Test
    void countsRightWrongAndFailedAnswersPerSkill() {
        ProfileSet set = ProfileJob.run(spec(List.of(echo("echo"), flaky())), CLOCK);
        ExpertProfile echo = set.expert("echo").orElseThrow();
        assertThat(echo.on("echoing")).isEqualTo(new SkillStats(2, 1, 0)); // alpha, delta right; beta wrong
        assertThat(echo.on("other")).isEqualTo(new SkillStats(1, 1, 0));
        assertThat(echo.on("echoing").score()).isEqualTo(1);
        ExpertProfile flaky = set.expert("flaky").orElseThrow();
        assertThat(flaky.on("other")).isEqualTo(new SkillStats(0, 1, 1)); // item 3 failed, item 4 wrong
        assertThat(set.createdAt()).isEqualTo(CLOCK.instant());
        assertThat(set.questions()).isEqualTo(4);
    }

    @Test
    void untaggedQuestionsNeedAClassifier() {
        List<EvalItem> untagged = List.of(new EvalItem(7, "q", "a", List.of(), null, null));
        assertThatThrownBy(
                        () -> new ProfileJob.Spec(List.of(echo("e")), untagged, "u", Grader.exact(), null, null, 1, 1))
                .hasMessage("line 7 has no skill and no classifier is configured to tag it");
    }

    @Test
    void progressIsReportedAndCancellingStopsTheJob() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Expert slow = new Expert() {
            @Override
            public ExpertConfig config() {
                return ExpertConfig.builder("slow", "echo").build();
            }

            @Override
            public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
                started.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return echo("slow").doChat(request, tokens);
            }
        };
        ProfileJob job =
                ProfileJob.start(spec(List.of(slow, echo("echo"))), Executors.newVirtualThreadPerTaskExecutor(), CLOCK);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(job.progress().state()).isEqualTo(ProfileJob.State.RUNNING);
        assertThat(job.progress().total()).isEqualTo(8);
        job.cancel();
        release.countDown();
        job.result().handle((r, e) -> null).get(10, TimeUnit.SECONDS);
        assertThat(job.progress().state()).isEqualTo(ProfileJob.State.CANCELLED);
        assertThat(job.result()).isCancelled();
        assertThat(job.progress().experts().get(1).done()).isZero(); // the second expert never started
    }
}
