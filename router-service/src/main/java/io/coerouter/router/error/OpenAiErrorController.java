package io.coerouter.router.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's error page ({@code /error}, where the container forwards a {@code sendError} and an exception no
 * handler caught) in OpenAI's format, whatever the client accepts: replaces Boot's whitelabel HTML page.
 */
@RestController
public final class OpenAiErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<OpenAiError> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return ApiExceptionHandler.respond(StatusErrors.of(status instanceof Integer code ? code : 404));
    }
}
