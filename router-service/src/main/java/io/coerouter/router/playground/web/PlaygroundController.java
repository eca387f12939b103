package io.coerouter.router.playground.web;

import io.coerouter.router.chat.ChatRequestParser;
import io.coerouter.router.openai.ChatCompletionResponses.Completion;
import io.coerouter.router.openapi.ApiSchemas;
import io.coerouter.router.playground.Playground;
import io.coerouter.router.routing.ChatRouter;
import io.coerouter.router.routing.RouteResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/playground/route} and {@code POST /admin/playground/chat}: a chat-completions body routed, or
 * answered with the {@code coe} trace explained and each expert's own answer, as the admin (no gateway key).
 */
@RestController
class PlaygroundController {

    private final Playground playground;

    PlaygroundController(ChatRequestParser parser, ChatRouter router, Clock clock) {
        this.playground = new Playground(parser, router, clock);
    }

    /** The {@code /v1/route} decision plus {@code k} (calls) and {@code aggregator} (for several). */
    @Operation(
            operationId = "playgroundRoute",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema =
                                                    @Schema(
                                                            implementation =
                                                                    ApiSchemas.CreateChatCompletionRequest.class))))
    @PostMapping(path = "/admin/playground/route", produces = MediaType.APPLICATION_JSON_VALUE)
    RouteResponse route(@RequestBody(required = false) byte[] body) {
        return playground.route(body == null ? new byte[0] : body);
    }

    /** The {@code /v1/chat/completions} answer (never streamed), its {@code coe} trace explained with every answer. */
    @Operation(
            operationId = "playgroundChat",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema =
                                                    @Schema(
                                                            implementation =
                                                                    ApiSchemas.CreateChatCompletionRequest.class))))
    @PostMapping(path = "/admin/playground/chat", produces = MediaType.APPLICATION_JSON_VALUE)
    Completion chat(@RequestBody(required = false) byte[] body) {
        return playground.chat(body == null ? new byte[0] : body);
    }
}
