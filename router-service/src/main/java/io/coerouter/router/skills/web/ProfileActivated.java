package io.coerouter.router.skills.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /admin/profiles/versions/{version}/activate}: a stored version put back in use (a rollback).
 *
 * @param object always {@code profiles.activated}
 * @param version the version asked for
 * @param current the version in use now: {@code version}'s profiles saved again as the newest version (so every
 *     replica follows, as after an import, and the history stays), or {@code version} itself when it was in use already
 * @param previous the version in use before; null when none was
 */
record ProfileActivated(
        @JsonProperty("object") String object,
        @JsonProperty("version") int version,
        @JsonProperty("current") int current,
        @JsonProperty("previous") Integer previous) {

    static ProfileActivated of(int version, int current, Integer previous) {
        return new ProfileActivated("profiles.activated", version, current, previous);
    }
}
