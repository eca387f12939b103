package io.coerouter.skills.classify;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.TokenListener;
import io.coerouter.skills.embed.Embedder;
import io.coerouter.skills.taxonomy.SkillTaxonomy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Symbolic-MoE's keyword step: an LLM names the skills, embeddings map its words onto the taxonomy. */
final class KeywordSkillClassifier implements SkillClassifier {

    private final SkillTaxonomy taxonomy;
    private final Expert model;
    private final Embedder embedder;
    private final KeywordClassifierConfig config;
    private final EmbeddingSkillClassifier skills;
    private final String prompt;

    KeywordSkillClassifier(SkillTaxonomy taxonomy, Expert model, Embedder embedder, KeywordClassifierConfig config) {
        this.taxonomy = taxonomy;
        this.model = java.util.Objects.requireNonNull(model, "keyword model must not be null");
        this.embedder = embedder;
        this.config = java.util.Objects.requireNonNull(config, "config must not be null");
        this.skills = new EmbeddingSkillClassifier(taxonomy, embedder, EmbeddingClassifierConfig.defaults());
        this.prompt = "Which core knowledge, subjects or skills does the question below need? Answer with 2 to 5"
                + " comma-separated keywords after \"Keywords:\" and nothing else. Example keywords: "
                + String.join(", ", taxonomy.ids().stream().limit(8).toList()) + ".";
    }

    @Override
    public SkillTaxonomy taxonomy() {
        return taxonomy;
    }

    @Override
    public SkillClassification doClassify(String query) {
        ExpertRequest request = ExpertRequest.builder()
                .addMessage(ChatMessage.system(prompt))
                .addMessage(ChatMessage.user("Question: " + query))
                .temperature(config.temperature())
                .maxTokens(48)
                .build();
        List<ExpertOutcome> outcomes = model.chatBatch(
                Collections.nCopies(config.samples(), request),
                Collections.nCopies(config.samples(), TokenListener.NONE));
        List<Set<String>> answers = new ArrayList<>();
        ExpertException failure = null;
        for (ExpertOutcome outcome : outcomes) {
            if (outcome.succeeded()) {
                answers.add(parse(outcome.response().text(), config.maxKeywordLength()));
            } else {
                failure = outcome.error();
            }
        }
        if (answers.isEmpty()) {
            throw failure;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        answers.forEach(a -> a.forEach(k -> counts.merge(k, 1, Integer::sum)));
        int needed = answers.size() == 1 ? 1 : 2;
        List<String> kept = counts.entrySet().stream()
                .filter(e -> e.getValue() >= needed)
                .map(Map.Entry::getKey)
                .toList();
        List<String> ids = skills.ids();
        double[] votes = new double[ids.size()];
        for (String keyword : kept) {
            votes[skills.nearestCentroid(embedder.embed(keyword))] += 1;
        }
        List<SkillScore> scores = new ArrayList<>();
        double total = kept.size();
        for (int s = 0; s < ids.size(); s++) {
            scores.add(new SkillScore(ids.get(s), total == 0 ? 1.0 / ids.size() : votes[s] / total));
        }
        return new SkillClassification("keywords", scores, kept);
    }

    /** Keywords of one answer: after "Keywords:" if present, comma-separated, lower case, no trailing period. */
    static Set<String> parse(String text, int maxLength) {
        String body = text;
        int at = body.toLowerCase(Locale.ROOT).lastIndexOf("keywords:");
        if (at >= 0) {
            body = body.substring(at + "keywords:".length());
        }
        Set<String> keywords = new LinkedHashSet<>();
        for (String part : body.split("[,\\n]")) {
            String k = part.strip()
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("\\.+$", "")
                    .strip();
            if (!k.isEmpty() && k.length() <= maxLength) {
                keywords.add(k);
            }
        }
        return keywords;
    }
}
