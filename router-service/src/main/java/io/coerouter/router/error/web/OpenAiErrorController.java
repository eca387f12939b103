package io.coerouter.router.error.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's error page ({@code /error}, where the container forwards a {@code sendError} and an exception no
 * handler caught) in OpenAI's format, whatever the client accepts: replaces Boot's whitelabel HTML page.
 */
@RestController
public final class OpenAiErrorController implements ErrorController {

    private final JsonMapper json;

    OpenAiErrorController(JsonMapper json) {
        this.json = json;
    }

    /**
     * Written straight to the response, not through Spring's message converters: those read the request's own
     * (client-chosen, possibly invalid) charset and URI, and an error page must not fail on the input it reports.
     */
    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!response.isCommitted()) {
            response.resetBuffer();
            StatusErrors.of(status instanceof Integer code ? code : 404).writeTo(response, json);
        }
    }
}
