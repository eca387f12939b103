package io.coerouter.router.skills.web;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.skills.SkillsState;
import io.coerouter.router.skills.TaxonomyStore;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/skills}: read and replace the skill taxonomy at run time, on every replica; its text as stored, and
 * its last revisions.
 */
@RestController
class SkillsAdminController {

    /** The type of the taxonomy's text (YAML, of which JSON is a subset). */
    static final MediaType YAML = new MediaType("application", "yaml", StandardCharsets.UTF_8);

    private final SkillsState skills;
    private final TaxonomyStore store;

    SkillsAdminController(SkillsState skills, TaxonomyStore store) {
        this.skills = skills;
        this.store = store;
    }

    /** The taxonomy in force as JSON; with {@code format=yaml} (or {@code Accept: application/yaml}) its text as sent. */
    @Operation(
            operationId = "getSkillTaxonomy",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The taxonomy in force, or its text as stored",
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = SkillTaxonomy.class)),
                                @Content(mediaType = "application/yaml", schema = @Schema(type = "string"))
                            }))
    @GetMapping("/admin/skills")
    ResponseEntity<?> get(
            @Parameter(description = "yaml: the text as stored; json (the default): the parsed taxonomy")
                    @RequestParam(name = "format", required = false)
                    String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean yaml;
        if (format == null) {
            yaml = accept != null && accept.contains("yaml") && !accept.contains("json");
        } else if (format.equals("yaml") || format.equals("json")) {
            yaml = format.equals("yaml");
        } else {
            throw RouterException.invalid(
                    "format",
                    "invalid_value",
                    "format must be yaml or json, but was '" + JsonBodies.echo(format) + "'.");
        }
        if (yaml) {
            return ResponseEntity.ok().contentType(YAML).body(skills.source());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(skills.taxonomy());
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

    /** The last {@value TaxonomyStore#HISTORY} revisions, newest first. */
    @Operation(operationId = "listSkillRevisions")
    @GetMapping("/admin/skills/history")
    SkillRevisions history() {
        return SkillRevisions.of(store.history().stream()
                .map(r -> new SkillRevisions.Entry(r.revision(), r.savedAt().getEpochSecond(), skillCount(r.source())))
                .toList());
    }

    /** One revision's text as it was sent, while the history keeps it. */
    @Operation(operationId = "getSkillRevision")
    @GetMapping("/admin/skills/history/{revision}")
    SkillRevision revision(@PathVariable String revision) {
        long number;
        try {
            number = Long.parseLong(revision);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 1) {
            throw RouterException.invalid(
                    "revision",
                    "invalid_value",
                    "revision must be a whole number from 1, but was '" + JsonBodies.echo(revision) + "'.");
        }
        long wanted = number;
        return store.revision(wanted)
                .map(SkillRevision::of)
                .orElseThrow(() -> new RouterException(
                        ErrorKind.NOT_FOUND,
                        "No taxonomy revision " + wanted + " is kept (the history holds the last "
                                + TaxonomyStore.HISTORY + ").",
                        "revision",
                        "revision_not_found"));
    }

    private static Integer skillCount(String source) {
        try {
            return SkillTaxonomy.fromYaml(new ByteArrayInputStream(source.getBytes(StandardCharsets.UTF_8)))
                    .ids()
                    .size();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
