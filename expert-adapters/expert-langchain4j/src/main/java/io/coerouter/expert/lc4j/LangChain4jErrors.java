package io.coerouter.expert.lc4j;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertErrors;
import io.coerouter.expert.ProviderErrors;

/** LangChain4j's exceptions for {@link ExpertErrors}: its HTTP errors, its typed provider errors, its transport ones. */
public final class LangChain4jErrors implements ProviderErrors {

    /** For {@link java.util.ServiceLoader}. */
    public LangChain4jErrors() {}

    @Override
    public HttpAnswer httpAnswer(Throwable t) {
        return t instanceof HttpException http ? new HttpAnswer(http.statusCode(), http.getMessage()) : null;
    }

    @Override
    public ExpertErrorKind providerKind(Throwable t) {
        if (t instanceof RateLimitException) {
            return ExpertErrorKind.RATE_LIMITED;
        }
        if (t instanceof AuthenticationException) {
            return ExpertErrorKind.AUTHENTICATION;
        }
        if (t instanceof ModelNotFoundException) {
            return ExpertErrorKind.NOT_FOUND;
        }
        if (t instanceof ContentFilteredException) {
            return ExpertErrorKind.CONTENT_FILTERED;
        }
        if (t instanceof InvalidRequestException) {
            return ExpertErrors.badRequestKind(t.getMessage());
        }
        return null;
    }

    @Override
    public ExpertErrorKind transportKind(Throwable t) {
        if (t instanceof UnresolvedModelServerException) {
            return ExpertErrorKind.CONNECTION;
        }
        if (t instanceof TimeoutException) {
            return ExpertErrorKind.TIMEOUT;
        }
        return null;
    }
}
