package io.coerouter.router.experts;

/** An expert definition that cannot be used; {@link #param()} names the offending field, when there is one. */
public final class InvalidExpertException extends IllegalArgumentException {

    /** The error code for a value that breaks a rule. */
    public static final String INVALID_VALUE = "invalid_value";

    private final String param;
    private final String code;

    public InvalidExpertException(String param, String message) {
        this(param, INVALID_VALUE, message);
    }

    public InvalidExpertException(String param, String code, String message) {
        super(message);
        this.param = param;
        this.code = code;
    }

    /** The OpenAI-style error code: {@link #INVALID_VALUE}, or {@code duplicate_key} for a field named twice. */
    public String code() {
        return code;
    }

    public String param() {
        return param;
    }
}
