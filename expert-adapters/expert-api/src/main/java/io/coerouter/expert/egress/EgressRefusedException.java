package io.coerouter.expert.egress;

import java.io.IOException;

/**
 * A connection the egress policy does not allow. An {@link IOException} so the HTTP layer surfaces it as a failed
 * connection; its message names the host, never a credential.
 */
public final class EgressRefusedException extends IOException {

    public EgressRefusedException(String message) {
        super(message);
    }
}
