package io.coerouter.router.console.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /console/logout}: the session is ended on every replica and the cookie removed. */
record LogoutResult(String object, @JsonProperty("signed_out") boolean signedOut) {

    static LogoutResult of(boolean signedOut) {
        return new LogoutResult("console.logout", signedOut);
    }
}
