package io.coerouter.router.skills.web;

import java.util.List;

/**
 * {@code GET /admin/profiles/versions}: the stored profile versions.
 *
 * @param current the version in use; null when none is loaded
 */
record ProfileVersions(String object, Integer current, List<Integer> versions) {

    static ProfileVersions of(Integer current, List<Integer> versions) {
        return new ProfileVersions("coe.profile_versions", current, List.copyOf(versions));
    }
}
