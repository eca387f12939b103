package io.coerouter.router.skills.web;

import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.skills.SkillsState;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import io.swagger.v3.oas.annotations.Operation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /admin/skills}: read and replace the skill taxonomy at run time, on every replica. */
@RestController
class SkillsAdminController {

    private final SkillsState skills;

    SkillsAdminController(SkillsState skills) {
        this.skills = skills;
    }

    @Operation(operationId = "getSkillTaxonomy")
    @GetMapping("/admin/skills")
    SkillTaxonomy get() {
        return skills.taxonomy();
    }

    /**
     * Replaces the taxonomy with the body ({@code {"skills": [...]}}, JSON or YAML) on every replica; the old one stays
     * on error, and while the shared state is down (503).
     */
    @Operation(operationId = "replaceSkillTaxonomy")
    @PutMapping("/admin/skills")
    SkillsReplaced put(@RequestBody(required = false) byte[] body) {
        if (body == null || body.length == 0) {
            throw RouterException.invalid(
                    "skills", "missing_required_parameter", "The body must hold {\"skills\": [...]}.");
        }
        SkillTaxonomy next;
        try {
            next = SkillTaxonomy.fromYaml(new ByteArrayInputStream(body));
        } catch (IllegalArgumentException e) {
            throw RouterException.invalid(
                    "skills", "invalid_taxonomy", "the skill taxonomy is not valid: " + JsonBodies.reason(e) + ".");
        }
        long revision = skills.replace(next, new String(body, StandardCharsets.UTF_8));
        return SkillsReplaced.of(next.ids().size(), revision);
    }
}
