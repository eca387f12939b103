package io.coerouter.router.error.web;

/**
 * The body of every error response: {@code {"error": {"message", "type", "param", "code"}}}.
 *
 * @param error the error itself
 */
public record OpenAiError(Detail error) {

    /**
     * @param message a sentence for a person
     * @param type {@code invalid_request_error}, {@code rate_limit_error}, {@code api_error}...
     * @param param the request field at fault, or null
     * @param code a stable machine-readable code, or null
     */
    public record Detail(String message, String type, String param, String code) {}

    public static OpenAiError of(String message, String type, String param, String code) {
        return new OpenAiError(new Detail(message, type, param, code));
    }
}
