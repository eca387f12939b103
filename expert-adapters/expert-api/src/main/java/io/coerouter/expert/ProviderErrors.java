package io.coerouter.expert;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Teaches {@link ExpertErrors} one client library's exceptions (LangChain4j's, in expert-langchain4j), so the SPI maps
 * them without depending on the library. Implementations register themselves in {@code
 * META-INF/services/io.coerouter.expert.ProviderErrors}; each method looks at the one throwable it is given, not at its
 * causes, and answers null when it does not know it.
 */
public interface ProviderErrors {

    /** The provider's HTTP answer {@code t} carries, or null. */
    default HttpAnswer httpAnswer(Throwable t) {
        return null;
    }

    /**
     * The kind of a typed exception the library raises for a provider's answer, or null; a rejected request's kind
     * comes from {@link ExpertErrors#badRequestKind(String)}.
     */
    default ExpertErrorKind providerKind(Throwable t) {
        return null;
    }

    /** The kind of a transport failure (no answer from the provider) the library raises, or null. */
    default ExpertErrorKind transportKind(Throwable t) {
        return null;
    }

    /** Every implementation on the class path. */
    static List<ProviderErrors> installed() {
        return ServiceLoader.load(ProviderErrors.class, ProviderErrors.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }

    /**
     * A provider's HTTP error answer.
     *
     * @param status the HTTP status
     * @param body the response body, for {@link ExpertErrors} to read the provider's message from
     */
    record HttpAnswer(int status, String body) {}
}
