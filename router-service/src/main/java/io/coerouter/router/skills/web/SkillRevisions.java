package io.coerouter.router.skills.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /admin/skills/history}: the taxonomy's last revisions, newest first.
 *
 * @param object always {@code list}
 * @param data one entry per revision
 */
record SkillRevisions(@JsonProperty("object") String object, @JsonProperty("data") List<Entry> data) {

    /**
     * One revision.
     *
     * @param revision its revision
     * @param savedAt when it was stored (epoch seconds)
     * @param skills how many skills it has; null when its text cannot be read as a taxonomy
     */
    record Entry(
            @JsonProperty("revision") long revision,
            @JsonProperty("saved_at") long savedAt,
            @JsonProperty("skills") Integer skills) {}

    static SkillRevisions of(List<Entry> entries) {
        return new SkillRevisions("list", List.copyOf(entries));
    }
}
