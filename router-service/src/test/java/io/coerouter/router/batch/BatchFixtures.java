package io.coerouter.router.batch;

import io.coerouter.aggregate.AllCandidatesFailedException;
import io.coerouter.aggregate.Candidate;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenUsage;
import io.coerouter.router.chat.ChatCompletionRequest;
import io.coerouter.router.chat.ChatRequestParser;
import io.coerouter.router.config.AggregatorId;
import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.routing.CoeTrace;
import io.coerouter.router.routing.PlannedCall;
import io.coerouter.router.routing.RoutedAnswer;
import io.coerouter.router.routing.RoutingPlan;
import io.coerouter.router.testing.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the batch units' tests share, none of it Spring, Redis or DJL: the {@code echo} expert, a router that plans
 * each line to it (model {@code twice}: two calls, {@code refused}: refused), plain-text output lines, and input files.
 */
final class BatchFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ChatRequestParser PARSER = new ChatRequestParser(JSON);

    /** The diagnostic expert that answers with the last user message. */
    static final Expert ECHO = Expert.of(ExpertConfig.builder("echo", "echo").build());

    private BatchFixtures() {}

    /** Lines as text, so a test reads what went where. */
    static final BatchOutputFormat FORMAT = new BatchOutputFormat() {
        @Override
        public String answered(String customId, String model, long created, RoutedAnswer answer) {
            return "ok " + customId + " " + answer.text() + " @" + created;
        }

        @Override
        public String failed(String customId, RouterException error, Integer lineNumber) {
            return "failed " + customId + " " + error.code() + (lineNumber == null ? "" : " line " + lineNumber);
        }

        @Override
        public String notRun(String customId, String code, String message, int lineNumber) {
            return "not-run " + customId + " " + code + " line " + lineNumber;
        }
    };

    /** Plans every line to {@link #ECHO}, counting the plans it makes. */
    static final class EchoRouter implements BatchRouter {

        final AtomicInteger planned = new AtomicInteger();

        @Override
        public RoutingPlan plan(ChatCompletionRequest request) {
            if (request.model().equals("refused")) {
                throw new RouterException(ErrorKind.NOT_FOUND, "no such model", "model", "model_not_found");
            }
            planned.incrementAndGet();
            int calls = request.model().equals("twice") ? 2 : 1;
            List<PlannedCall> planned =
                    new ArrayList<>(Collections.nCopies(calls, new PlannedCall(ECHO, 1.0, request.expertRequest())));
            return new RoutingPlan(request, null, calls > 1 ? AggregatorId.VOTE : null, planned, 0, 0);
        }

        @Override
        public RoutedAnswer answer(RoutingPlan plan, List<Candidate> candidates) {
            Candidate answered = candidates.stream()
                    .filter(Candidate::succeeded)
                    .findFirst()
                    .orElseThrow(() -> new AllCandidatesFailedException(candidates));
            String text = answered.response().text() + (candidates.size() > 1 ? " x" + candidates.size() : "");
            return new RoutedAnswer(
                    text,
                    FinishReason.STOP,
                    new TokenUsage(1, 1),
                    new CoeTrace("direct", null, null, null, BigDecimal.ZERO, null, null));
        }
    }

    /** One input file line asking {@code model} {@code question}. */
    static String line(String customId, String model, String question) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question
                + "\"}]}}";
    }

    static String file(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    static List<BatchInput.Line> read(String file) {
        try {
            return BatchInput.read(
                    new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                    Batches.CHAT_COMPLETIONS,
                    JSON,
                    PARSER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new batch {@code id} over {@code inputFileId}, created now by no key, saved in {@code store}. */
    static BatchJob saved(BatchStore store, String id, String inputFileId, ManualClock clock) {
        long now = clock.instant().getEpochSecond();
        BatchJob job = BatchJob.created(id, inputFileId, Batches.CHAT_COMPLETIONS, now, now + 86_400, null, null);
        store.save(job);
        return job;
    }

    /** The lines of a running batch {@code id} over {@code lines}, kept in {@code store}. */
    static BatchLines lines(String id, List<BatchInput.Line> lines, BatchStore store, ManualClock clock) {
        return new BatchLines(id, lines, store, FORMAT, clock, () -> false, BatchKey.none());
    }
}
