package io.coerouter.router.keys.web;

/** {@code DELETE /admin/keys/{id}}: the key is gone. */
record KeyDeleted(String id, String object, boolean deleted) {

    static KeyDeleted of(String id) {
        return new KeyDeleted(id, "api_key", true);
    }
}
