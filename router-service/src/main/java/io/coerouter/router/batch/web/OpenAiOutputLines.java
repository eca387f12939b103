package io.coerouter.router.batch.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.batch.BatchOutputFormat;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.error.web.HttpErrors;
import io.coerouter.router.ids.Ids;
import io.coerouter.router.openai.ChatCompletionResponses;
import io.coerouter.router.routing.RoutedAnswer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lines of a batch's output and error files as OpenAI writes them: each with its own {@code batch_req_} id and
 * the caller's {@code custom_id}; an answered or failed request with the status code, request id and body the online
 * endpoint would give; a line that was not a request or was not run with an error naming its line.
 */
@Component
final class OpenAiOutputLines implements BatchOutputFormat {

    /** One line of the output or error file. */
    record OutputLine(
            String id,
            @JsonProperty("custom_id") String customId,
            Response response,
            @JsonInclude(JsonInclude.Include.ALWAYS) LineError error) {}

    record Response(
            @JsonProperty("status_code") int statusCode, @JsonProperty("request_id") String requestId, Object body) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LineError(String code, String message, Integer line) {}

    private final JsonMapper json;

    OpenAiOutputLines(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String answered(String customId, String model, long created, RoutedAnswer answer) {
        var body = ChatCompletionResponses.completion(Ids.next("chatcmpl-"), created, model, answer);
        return write(new OutputLine(Ids.next("batch_req_"), customId, new Response(200, Ids.next("req_"), body), null));
    }

    @Override
    public String failed(String customId, RouterException error, Integer lineNumber) {
        return write(new OutputLine(
                Ids.next("batch_req_"),
                customId,
                new Response(
                        HttpErrors.status(error.kind()).value(),
                        Ids.next("req_"),
                        HttpErrors.of(error).body()),
                lineNumber == null ? null : new LineError(error.code(), error.getMessage(), lineNumber)));
    }

    @Override
    public String notRun(String customId, String code, String message, int lineNumber) {
        return write(new OutputLine(Ids.next("batch_req_"), customId, null, new LineError(code, message, lineNumber)));
    }

    private String write(OutputLine line) {
        return json.writeValueAsString(line);
    }
}
