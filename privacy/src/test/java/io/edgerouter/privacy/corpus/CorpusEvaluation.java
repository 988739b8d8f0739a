package io.edgerouter.privacy.corpus;

import io.edgerouter.privacy.PrivacyFilter;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Precision and recall per entity type over the labelled corpus. A prediction matches a gold entity of the
 * same type when their character overlap is at least half of their union (Jaccard >= 0.5); each gold entity
 * and each prediction is matched at most once.
 */
public final class CorpusEvaluation {

    /** Counts for one entity type. */
    public static final class Counts {
        public int truePositives;
        public int falsePositives;
        public int falseNegatives;

        public double precision() {
            int p = truePositives + falsePositives;
            return p == 0 ? 1.0 : (double) truePositives / p;
        }

        public double recall() {
            int g = truePositives + falseNegatives;
            return g == 0 ? 1.0 : (double) truePositives / g;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public int support() {
            return truePositives + falseNegatives;
        }
    }

    /** Per-entity counts plus the list of mistakes (for diagnosis). */
    public record Report(Map<String, Counts> byEntity, List<String> mistakes) {

        public Counts total() {
            Counts t = new Counts();
            byEntity.values().forEach(c -> {
                t.truePositives += c.truePositives;
                t.falsePositives += c.falsePositives;
                t.falseNegatives += c.falseNegatives;
            });
            return t;
        }

        public String table() {
            StringBuilder sb = new StringBuilder(String.format("%-18s %7s %9s %7s %6s%n", "entity", "support",
                    "precision", "recall", "f1"));
            byEntity.forEach((e, c) -> sb.append(String.format("%-18s %7d %9.3f %7.3f %6.3f%n", e, c.support(),
                    c.precision(), c.recall(), c.f1())));
            Counts t = total();
            sb.append(String.format("%-18s %7d %9.3f %7.3f %6.3f%n", "ALL (micro)", t.support(), t.precision(),
                    t.recall(), t.f1()));
            return sb.toString();
        }
    }

    private CorpusEvaluation() {
    }

    public static Report evaluate(PrivacyFilter filter, List<LabelledCorpus.Sample> corpus, double threshold) {
        Map<String, Counts> counts = new TreeMap<>();
        List<String> mistakes = new ArrayList<>();
        for (LabelledCorpus.Sample s : corpus) {
            List<RecognizerResult> predicted = filter.analyze(s.text(), "en", null, threshold);
            boolean[] used = new boolean[predicted.size()];
            for (LabelledCorpus.Gold g : s.gold()) {
                Counts c = counts.computeIfAbsent(g.entityType(), k -> new Counts());
                int match = findMatch(g, predicted, used);
                if (match >= 0) {
                    used[match] = true;
                    c.truePositives++;
                } else {
                    c.falseNegatives++;
                    mistakes.add("MISSED " + g.entityType() + " '" + s.text().substring(g.start(), g.end()) + "' in: " + s.text());
                }
            }
            for (int i = 0; i < predicted.size(); i++) {
                if (!used[i]) {
                    RecognizerResult p = predicted.get(i);
                    counts.computeIfAbsent(p.entityType(), k -> new Counts()).falsePositives++;
                    mistakes.add("SPURIOUS " + p.entityType() + " '" + s.text().substring(p.start(), p.end())
                            + "' (" + p.recognizer() + " " + p.score() + ") in: " + s.text());
                }
            }
        }
        return new Report(counts, mistakes);
    }

    private static int findMatch(LabelledCorpus.Gold g, List<RecognizerResult> predicted, boolean[] used) {
        for (int i = 0; i < predicted.size(); i++) {
            RecognizerResult p = predicted.get(i);
            if (used[i] || !p.entityType().equals(g.entityType())) {
                continue;
            }
            int overlap = Math.min(p.end(), g.end()) - Math.max(p.start(), g.start());
            int union = Math.max(p.end(), g.end()) - Math.min(p.start(), g.start());
            if (overlap > 0 && 2 * overlap >= union) {
                return i;
            }
        }
        return -1;
    }
}
