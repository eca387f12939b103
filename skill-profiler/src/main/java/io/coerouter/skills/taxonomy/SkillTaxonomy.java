package io.coerouter.skills.taxonomy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The skills queries are classified into and experts are profiled on, in declaration order. Immutable: a change
 * makes a new taxonomy.
 *
 * @param skills at least one skill, ids unique
 */
public record SkillTaxonomy(List<Skill> skills) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public SkillTaxonomy {
        if (skills == null || skills.isEmpty()) {
            throw new IllegalArgumentException("the skill taxonomy is empty: declare at least one skill");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < skills.size(); i++) {
            Skill skill = skills.get(i);
            if (skill == null) {
                throw new IllegalArgumentException("skills[" + i + "] is null");
            }
            if (!seen.add(skill.id())) {
                throw new IllegalArgumentException("skill id '" + skill.id() + "' is declared twice");
            }
        }
        skills = List.copyOf(skills);
    }

    /** Reads {@code skills: [{id, description, examples: [...]}]} from YAML (or JSON, a subset of YAML). */
    public static SkillTaxonomy fromYaml(InputStream in) {
        SkillTaxonomy taxonomy;
        try {
            taxonomy = YAML.readValue(in, SkillTaxonomy.class);
        } catch (JacksonException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException(
                    "the skill taxonomy is not valid: " + (cause == e ? e.getOriginalMessage() : cause.getMessage()),
                    e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the skill taxonomy could not be read: " + e.getMessage(), e);
        }
        if (taxonomy == null) {
            // An empty document or a YAML null ("null", "~").
            throw new IllegalArgumentException("it must be a mapping with 'skills'");
        }
        return taxonomy;
    }

    /** The skill with {@code id}. */
    public Optional<Skill> find(String id) {
        return skills.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Whether a skill has {@code id}. */
    public boolean contains(String id) {
        return find(id).isPresent();
    }

    /** Skill ids in declaration order. */
    public List<String> ids() {
        return skills.stream().map(Skill::id).toList();
    }

    /** Skills by id, in declaration order. */
    public Map<String, Skill> byId() {
        Map<String, Skill> map = new LinkedHashMap<>();
        skills.forEach(s -> map.put(s.id(), s));
        return map;
    }
}
