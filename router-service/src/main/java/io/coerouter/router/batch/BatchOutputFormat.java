package io.coerouter.router.batch;

import io.coerouter.router.error.RouterException;
import io.coerouter.router.routing.RoutedAnswer;

/**
 * How one line of a batch's output or error file is written (OpenAI writes them as JSON objects with {@code
 * custom_id}, {@code response} and {@code error}): the web edge knows the HTTP status and error body the online
 * endpoint would give, so it implements this and the runner stays free of HTTP.
 */
public interface BatchOutputFormat {

    /**
     * An answered line: the chat completion the online endpoint would give for {@code model}.
     *
     * @param created when it was answered (epoch seconds)
     */
    String answered(String customId, String model, long created, RoutedAnswer answer);

    /**
     * A line that failed: the status and error body the online endpoint would give for {@code error}.
     *
     * @param lineNumber the line's 1-based number when it could not be read as a request (its error then names the
     *     line too); null for a request that failed when run
     */
    String failed(String customId, RouterException error, Integer lineNumber);

    /** A line that was not run (the batch was cancelled, expired or out of budget): no response, only its error. */
    String notRun(String customId, String code, String message, int lineNumber);
}
