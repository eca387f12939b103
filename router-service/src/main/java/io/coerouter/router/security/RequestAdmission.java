package io.coerouter.router.security;

import io.coerouter.router.error.RouterException;
import io.coerouter.router.keys.AdmittedKey;
import io.coerouter.router.keys.ApiKey;
import io.coerouter.router.keys.ApiKeys;
import io.coerouter.router.keys.KeyAdmission;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * The HTTP side of {@link KeyAdmission}: measures the request's body for the estimate (reading a body that has no
 * Content-Length, so the estimate is of what was sent) and attaches the admitted key ({@link KeyAccess}).
 */
final class RequestAdmission {

    private final KeyAdmission admission;

    private RequestAdmission(KeyAdmission admission) {
        this.admission = admission;
    }

    static RequestAdmission of(ApiKeys keys) {
        return new RequestAdmission(KeyAdmission.of(keys));
    }

    /**
     * Admits {@code key} for {@code request}.
     *
     * @param spends whether the call starts work (see the security configuration): only those count against limits
     * @return the request to hand on: {@code request}, or a copy whose body can be read again when it had to be read
     *     to estimate its tokens (a body without Content-Length)
     * @throws RouterException 403 {@code api_key_disabled}, 429 past a rate or budget, 413 past the size limit
     */
    HttpServletRequest admit(HttpServletRequest request, ApiKey key, boolean spends) throws IOException {
        Measured body = new Measured(request);
        AdmittedKey admitted = admission.admit(key, spends, body);
        KeyAccess.attach(body.request, admitted);
        return body.request;
    }

    /** The request's body size: its Content-Length, or what a chunked body holds once read (the request replaced). */
    private static final class Measured implements KeyAdmission.BodySize {

        private HttpServletRequest request;

        Measured(HttpServletRequest request) {
            this.request = request;
        }

        @Override
        public long bytes() throws IOException {
            long bytes = request.getContentLengthLong();
            if (bytes >= 0) {
                return bytes;
            }
            // A chunked body: read it (the size-limit filter caps it) so the estimate is of what was sent.
            byte[] body = request.getInputStream().readAllBytes();
            request = ReadBody.of(request, body);
            return body.length;
        }
    }
}
