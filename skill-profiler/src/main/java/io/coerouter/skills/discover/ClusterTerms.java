package io.coerouter.skills.discover;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The distinctive terms of each cluster, by a TF-IDF over questions weighted by lift: with {@code s} the share of the
 * cluster's questions that contain a term and {@code S} the share of all questions that do, its score is {@code s ·
 * ln(s / S)} (its contribution to the divergence of the cluster's vocabulary from the whole), so a word spread evenly
 * (the boilerplate of a format, a generic verb) scores 0 and one common in the cluster and rare elsewhere scores
 * highest. Terms are ASCII
 * words of 2-24 letters (accents folded), English stop words left out, seen in at least two of the cluster's
 * questions (one for a cluster of one). Ties go to the alphabetically first term, so the result is reproducible.
 */
final class ClusterTerms {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_LETTERS = Pattern.compile("[^a-z]+");

    /** The words that say nothing about a topic. */
    private static final Set<String> STOP = Set.of(
            "a",
            "about",
            "above",
            "after",
            "again",
            "against",
            "all",
            "also",
            "am",
            "an",
            "and",
            "any",
            "are",
            "as",
            "at",
            "be",
            "because",
            "been",
            "before",
            "being",
            "below",
            "between",
            "both",
            "but",
            "by",
            "can",
            "could",
            "did",
            "do",
            "does",
            "doing",
            "down",
            "during",
            "each",
            "either",
            "few",
            "following",
            "for",
            "from",
            "further",
            "given",
            "had",
            "has",
            "have",
            "having",
            "he",
            "her",
            "here",
            "hers",
            "him",
            "his",
            "how",
            "if",
            "in",
            "into",
            "is",
            "it",
            "its",
            "itself",
            "just",
            "may",
            "me",
            "might",
            "more",
            "most",
            "must",
            "my",
            "no",
            "nor",
            "not",
            "now",
            "of",
            "off",
            "on",
            "once",
            "one",
            "only",
            "options",
            "or",
            "other",
            "our",
            "out",
            "over",
            "own",
            "same",
            "shall",
            "she",
            "should",
            "so",
            "some",
            "such",
            "than",
            "that",
            "the",
            "their",
            "them",
            "then",
            "there",
            "these",
            "they",
            "this",
            "those",
            "through",
            "to",
            "too",
            "under",
            "until",
            "up",
            "upon",
            "us",
            "very",
            "was",
            "we",
            "were",
            "what",
            "when",
            "where",
            "which",
            "while",
            "who",
            "whom",
            "why",
            "will",
            "with",
            "would",
            "you",
            "your",
            "yours",
            "true",
            "false",
            "none",
            "answer",
            "question",
            "statement",
            "statements",
            "correct",
            "best",
            "describes",
            "likely",
            "mr",
            "mrs",
            "ms",
            "let",
            "using",
            "use",
            "used",
            "many",
            "much",
            "like",
            "get",
            "give",
            "tell");

    private ClusterTerms() {}

    /** The distinct terms of one question. */
    static Set<String> terms(String text) {
        String folded = MARKS.matcher(Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD))
                .replaceAll("");
        Set<String> terms = new LinkedHashSet<>();
        for (String word : NON_LETTERS.split(folded)) {
            if (word.length() >= 2 && word.length() <= 24 && !STOP.contains(word)) {
                terms.add(word);
            }
        }
        return terms;
    }

    /**
     * The top {@code limit} terms of each of {@code k} clusters, best first.
     *
     * @param texts the questions
     * @param assignment the cluster of each question
     */
    static List<List<String>> top(List<String> texts, int[] assignment, int k, int limit) {
        int n = texts.size();
        Map<String, Integer> everywhere = new HashMap<>();
        List<Map<String, Integer>> inCluster = new ArrayList<>();
        int[] sizes = new int[k];
        for (int c = 0; c < k; c++) {
            inCluster.add(new HashMap<>());
        }
        for (int i = 0; i < n; i++) {
            sizes[assignment[i]]++;
            for (String term : terms(texts.get(i))) {
                everywhere.merge(term, 1, Integer::sum);
                inCluster.get(assignment[i]).merge(term, 1, Integer::sum);
            }
        }
        List<List<String>> top = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int size = sizes[c];
            int minCount = Math.min(2, size);
            Map<String, Double> score = new HashMap<>();
            inCluster.get(c).forEach((term, count) -> {
                if (count >= minCount) {
                    double share = (double) count / size;
                    score.put(term, share * Math.log(share * n / everywhere.get(term)));
                }
            });
            top.add(score.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .sorted(Comparator.comparing(Map.Entry<String, Double>::getValue)
                            .reversed()
                            .thenComparing(Map.Entry::getKey))
                    .limit(limit)
                    .map(Map.Entry::getKey)
                    .toList());
        }
        return top;
    }

    /**
     * A unique, valid skill id per cluster: its two best terms joined by '-' (a term sharing its first five letters
     * with a better one, such as a plural, left out), three when two are taken, then a numbered suffix; {@code cluster-<i>} (1-based) for a cluster without terms.
     */
    static List<String> ids(List<List<String>> terms) {
        Set<String> taken = new java.util.HashSet<>();
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < terms.size(); c++) {
            List<String> t = distinct(terms.get(c));
            String id = null;
            for (int words = 2; words <= Math.min(3, t.size()) && id == null; words++) {
                String candidate = fit(String.join("-", t.subList(0, words)));
                if (!taken.contains(candidate)) {
                    id = candidate;
                }
            }
            if (id == null && t.size() == 1 && !taken.contains(t.getFirst())) {
                id = t.getFirst();
            }
            if (id == null) {
                String base =
                        t.isEmpty() ? "cluster-" + (c + 1) : fit(String.join("-", t.subList(0, Math.min(2, t.size()))));
                id = base;
                for (int suffix = 2; taken.contains(id); suffix++) {
                    id = base + "-" + suffix;
                }
            }
            taken.add(id);
            ids.add(id);
        }
        return ids;
    }

    /** At most 56 characters, so a numbered suffix still fits the 64 of a skill id; no trailing '-'. */
    private static String fit(String id) {
        String cut = id.length() <= 56 ? id : id.substring(0, 56);
        return cut.endsWith("-") ? cut.substring(0, cut.length() - 1) : cut;
    }

    /** {@code terms} without those that share their first five letters (all, when shorter) with a better one. */
    private static List<String> distinct(List<String> terms) {
        List<String> kept = new ArrayList<>();
        for (String term : terms) {
            boolean same = kept.stream()
                    .anyMatch(k -> term.startsWith(k.substring(0, Math.min(5, k.length())))
                            || k.startsWith(term.substring(0, Math.min(5, term.length()))));
            if (!same) {
                kept.add(term);
            }
        }
        return kept;
    }
}
