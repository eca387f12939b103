package io.coerouter.router.skills.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coerouter.router.skills.TaxonomyStore;

/**
 * {@code GET /admin/skills/history/{revision}}: one revision's text.
 *
 * @param object always {@code skills.revision}
 * @param revision its revision
 * @param savedAt when it was stored (epoch seconds)
 * @param source its YAML or JSON text as it was sent
 */
record SkillRevision(
        @JsonProperty("object") String object,
        @JsonProperty("revision") long revision,
        @JsonProperty("saved_at") long savedAt,
        @JsonProperty("source") String source) {

    static SkillRevision of(TaxonomyStore.Revision r) {
        return new SkillRevision("skills.revision", r.revision(), r.savedAt().getEpochSecond(), r.source());
    }
}
