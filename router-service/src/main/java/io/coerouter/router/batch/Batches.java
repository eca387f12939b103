package io.coerouter.router.batch;

import io.coerouter.router.chat.Ids;
import io.coerouter.router.error.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.http.HttpStatus;

/**
 * The Batch API's operations: create (validated, then queued to run), look up, list and cancel. Batches run on
 * their own threads, {@code concurrentBatches} at a time; a queued batch shows {@code validating}.
 */
public final class Batches implements AutoCloseable {

    /** The only endpoint batches can target so far. */
    public static final String CHAT_COMPLETIONS = "/v1/chat/completions";

    private static final Set<String> ENDPOINTS = Set.of(CHAT_COMPLETIONS);
    private static final Duration WINDOW = Duration.ofHours(24);

    private final BatchStore store;
    private final FileStore files;
    private final BatchRunner runner;
    private final Clock clock;
    private final int maxRequests;
    private final ExecutorService executor;

    Batches(BatchStore store, FileStore files, BatchRunner runner, Clock clock, int maxRequests, int concurrent) {
        this.store = store;
        this.files = files;
        this.runner = runner;
        this.clock = clock;
        this.maxRequests = maxRequests;
        this.executor = Executors.newFixedThreadPool(
                concurrent, Thread.ofVirtual().name("coe-batch-", 0).factory());
    }

    /** Validates and queues a batch over {@code inputFileId}. */
    public BatchJob create(String inputFileId, String endpoint, String completionWindow, Map<String, String> metadata) {
        if (inputFileId == null || inputFileId.isBlank()) {
            throw ApiException.invalid(
                    "input_file_id", "missing_required_parameter", "Missing required parameter: 'input_file_id'.");
        }
        if (endpoint == null) {
            throw ApiException.invalid(
                    "endpoint", "missing_required_parameter", "Missing required parameter: 'endpoint'.");
        }
        if (!ENDPOINTS.contains(endpoint)) {
            throw ApiException.invalid(
                    "endpoint",
                    "invalid_value",
                    "Invalid endpoint '" + endpoint + "'; CoE Router batches support " + CHAT_COMPLETIONS + ".");
        }
        if (!"24h".equals(completionWindow)) {
            throw ApiException.invalid(
                    "completion_window",
                    "invalid_value",
                    "Invalid completion_window "
                            + (completionWindow == null ? "(missing)" : "'" + completionWindow + "'")
                            + "; it must be '24h'.");
        }
        validate(metadata);
        StoredFile input = files.find(inputFileId)
                .orElseThrow(() -> new ApiException(
                        HttpStatus.NOT_FOUND,
                        ApiException.INVALID_REQUEST,
                        "No such File object: " + inputFileId + ".",
                        "input_file_id",
                        "file_not_found"));
        if (!"batch".equals(input.purpose())) {
            throw ApiException.invalid(
                    "input_file_id",
                    "invalid_value",
                    "File " + inputFileId + " has purpose '" + input.purpose() + "'; a batch needs purpose 'batch'.");
        }
        int lines = countLines(files.content(inputFileId).orElse(new byte[0]));
        if (lines > maxRequests) {
            throw ApiException.invalid(
                    "input_file_id",
                    "too_many_requests_in_file",
                    "File " + inputFileId + " holds " + lines + " requests; a batch takes at most " + maxRequests
                            + " (coe.batch.max-requests).");
        }
        long now = clock.instant().getEpochSecond();
        BatchJob job =
                BatchJob.created(Ids.next("batch_"), inputFileId, endpoint, now, now + WINDOW.toSeconds(), metadata);
        store.save(job);
        executor.execute(() -> runner.run(job.id()));
        return job;
    }

    public BatchJob get(String id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    public List<BatchJob> list(String after, int limit) {
        if (limit < 1 || limit > 100) {
            throw ApiException.invalid(
                    "limit", "invalid_value", "limit must be between 1 and 100, but was " + limit + ".");
        }
        return store.list(after, limit);
    }

    /**
     * Stops a queued or running batch: no new work starts, what was answered is kept, and the rest goes to the error
     * file as {@code batch_cancelled}.
     */
    public BatchJob cancel(String id) {
        BatchJob job = get(id);
        if (job.finished()) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    ApiException.INVALID_REQUEST,
                    "Batch " + id + " is already " + job.status() + " and cannot be cancelled.",
                    null,
                    "batch_not_cancellable");
        }
        long now = clock.instant().getEpochSecond();
        runner.cancel(id);
        return store.update(
                        id,
                        j -> j.finished()
                                ? j
                                : j.with(d -> {
                                    d.status = BatchJob.CANCELLING;
                                    d.cancellingAt = now;
                                }))
                .orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return new ApiException(
                HttpStatus.NOT_FOUND,
                ApiException.INVALID_REQUEST,
                "No such Batch object: " + id + ".",
                null,
                "batch_not_found");
    }

    /** OpenAI's limits: at most 16 pairs, keys up to 64 characters, values up to 512. */
    private static void validate(Map<String, String> metadata) {
        if (metadata == null) {
            return;
        }
        if (metadata.size() > 16) {
            throw ApiException.invalid(
                    "metadata", "invalid_value", "metadata holds at most 16 pairs, but had " + metadata.size() + ".");
        }
        metadata.forEach((k, v) -> {
            if (k.length() > 64) {
                throw ApiException.invalid(
                        "metadata",
                        "invalid_value",
                        "metadata keys are at most 64 characters, but '" + k + "' is longer.");
            }
            if (v == null || v.length() > 512) {
                throw ApiException.invalid(
                        "metadata." + k, "invalid_value", "metadata values are strings of at most 512 characters.");
            }
        });
    }

    private static int countLines(byte[] content) {
        int lines = 0;
        boolean blank = true;
        for (byte b : content) {
            if (b == '\n') {
                lines += blank ? 0 : 1;
                blank = true;
            } else if (b != ' ' && b != '\r' && b != '\t') {
                blank = false;
            }
        }
        return lines + (blank ? 0 : 1);
    }

    /** Stops taking batches; running ones are interrupted. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
