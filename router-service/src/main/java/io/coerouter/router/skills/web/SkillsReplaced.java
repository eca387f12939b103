package io.coerouter.router.skills.web;

/**
 * {@code PUT /admin/skills}: the taxonomy now in force.
 *
 * @param skills how many skills it has
 * @param revision its revision in the shared state
 */
record SkillsReplaced(String object, int skills, long revision) {

    static SkillsReplaced of(int skills, long revision) {
        return new SkillsReplaced("coe.skills", skills, revision);
    }
}
