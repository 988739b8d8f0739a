package io.edgerouter.privacy.recognizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Regex-based recognizer: each pattern proposes spans with a (usually weak) base score; {@link #validate}
 * may confirm a span (checksum passes: score becomes {@link #validatedScore()}) or reject it; context words
 * near the span raise the remaining weak scores.
 */
public class PatternRecognizer implements Recognizer {

    /** Outcome of a checksum or shape check on one candidate. */
    public enum Validation { VALID, INVALID, NOT_APPLICABLE }

    /** One named pattern with its base score. */
    public record Pattern(String name, CompiledPattern regex, double score) {
        public Pattern {
            if (name == null || name.isBlank() || regex == null || !(score >= 0 && score <= 1)) {
                throw new IllegalArgumentException("pattern needs a name, a regex and a score in [0,1]");
            }
        }

        public static Pattern jdk(String name, String regex, double score) {
            return new Pattern(name, CompiledPattern.jdk(regex), score);
        }

        /** A trusted pattern tried only where {@code gate} allows a match to start. */
        public static Pattern jdk(String name, String regex, double score, StartGate gate) {
            return new Pattern(name, CompiledPattern.jdk(regex, gate), score);
        }
    }

    private final String name;
    private final String entityType;
    private final List<Pattern> patterns;
    private final Set<String> context;

    public PatternRecognizer(String name, String entityType, List<Pattern> patterns, Set<String> context) {
        this.name = name;
        this.entityType = entityType;
        this.patterns = List.copyOf(patterns);
        this.context = context.stream().map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> supportedEntities() {
        return Set.of(entityType);
    }

    public String entityType() {
        return entityType;
    }

    /** The patterns, for tests that check every gated pattern against plain {@code find()}. */
    List<Pattern> patterns() {
        return patterns;
    }

    /** Checksum or shape check; the default has no opinion. */
    protected Validation validate(String candidate) {
        return Validation.NOT_APPLICABLE;
    }

    /** Like {@link #validate(String)} for recognizers whose patterns need different checks. */
    protected Validation validate(Pattern pattern, String candidate) {
        return validate(candidate);
    }

    /** Score given to a candidate whose checksum passed. */
    protected double validatedScore() {
        return 1.0;
    }

    /** Cheap test run before any regex; return false when the text cannot contain this entity. */
    protected boolean mightContain(AnalysisInput input) {
        return true;
    }

    @Override
    public List<RecognizerResult> analyze(AnalysisInput input) {
        if (!mightContain(input)) {
            return List.of();
        }
        List<RecognizerResult> out = new ArrayList<>();
        Map<Long, Integer> indexBySpan = new HashMap<>();
        for (Pattern p : patterns) {
            p.regex().forEachMatch(input, (s, e) -> {
                RecognizerResult r = score(input, p, s, e);
                if (r != null) {
                    addKeepingBest(out, indexBySpan, r);
                }
            });
        }
        return out;
    }

    private RecognizerResult score(AnalysisInput input, Pattern p, int s, int e) {
        Validation v = validate(p, input.text().substring(s, e));
        if (v == Validation.INVALID) {
            return null;
        }
        double score = v == Validation.VALID ? Math.max(p.score(), validatedScore()) : p.score();
        String word = null;
        double before = score;
        if (score < 1.0) {
            word = ContextEnhancer.supportingWord(input, s, e, context);
            if (word != null) {
                score = ContextEnhancer.boosted(score);
            }
        }
        AnalysisExplanation why = null;
        if (input.explain()) {
            Boolean valid = v == Validation.NOT_APPLICABLE ? null : Boolean.TRUE;
            why = new AnalysisExplanation(name, p.name(), p.regex().source(), p.score(), score,
                    "Identified as " + entityType + " by " + name, score - before, word, valid);
        }
        return new RecognizerResult(entityType, s, e, score, name, why);
    }

    /** Two patterns may find the same span; keep the better-scored one (constant time per result). */
    static void addKeepingBest(List<RecognizerResult> out, Map<Long, Integer> indexBySpan, RecognizerResult r) {
        Integer i = indexBySpan.putIfAbsent(((long) r.start() << 32) | r.end(), out.size());
        if (i == null) {
            out.add(r);
        } else if (r.score() > out.get(i).score()) {
            out.set(i, r);
        }
    }
}
