package io.coerouter.router.error.web;

import jakarta.servlet.RequestDispatcher;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * Spring Boot's error attributes as an OpenAI-format error body, for every error page Boot renders (the application's
 * {@code /error} and the management server's): {@code {"error": {"message", "type", "param", "code"}}}, decided by the
 * status alone, so no exception message or class name leaks.
 */
public final class OpenAiErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        OpenAiError.Detail error = StatusErrors.of(status(request)).body().error();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("message", error.message());
        detail.put("type", error.type());
        detail.put("param", error.param());
        detail.put("code", error.code());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", detail);
        return body;
    }

    static int status(WebRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE, RequestAttributes.SCOPE_REQUEST);
        return status instanceof Integer code ? code : 404; // /error called directly: nothing to show there
    }
}
