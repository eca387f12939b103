package io.coerouter.router.console.web;

/** {@code POST /console/login}: signed in (the session cookie is in {@code Set-Cookie}) as {@code role}. */
record LoginResult(String object, String role) {

    static LoginResult of(String role) {
        return new LoginResult("console.session", role);
    }
}
