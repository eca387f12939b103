package io.coerouter.router.keys.web;

import java.util.List;

/** {@code GET /admin/keys}: every key, without secrets. */
record KeyList(String object, List<KeyView> data) {

    static KeyList of(List<KeyView> data) {
        return new KeyList("list", List.copyOf(data));
    }
}
