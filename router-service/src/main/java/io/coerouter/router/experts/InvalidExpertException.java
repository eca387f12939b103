package io.coerouter.router.experts;

/** An expert definition that cannot be used; {@link #param()} names the offending field, when there is one. */
public final class InvalidExpertException extends IllegalArgumentException {

    private final String param;

    public InvalidExpertException(String param, String message) {
        super(message);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
