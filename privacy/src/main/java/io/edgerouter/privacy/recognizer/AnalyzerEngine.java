package io.edgerouter.privacy.recognizer;

import io.edgerouter.privacy.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs recognizers over a text and returns de-duplicated results sorted by start offset.
 *
 * <p>De-duplication rule: a result whose span lies inside (or equals) the span of another result with a
 * score at least as high is dropped, whatever its entity type. Partial overlaps are kept; the anonymizer's
 * {@link io.edgerouter.privacy.operator.ConflictResolution} decides what to do with them.
 */
public final class AnalyzerEngine {

    private static final Comparator<RecognizerResult> STRONGEST_FIRST = Comparator
            .comparingDouble(RecognizerResult::score).reversed()
            .thenComparing(Comparator.comparingInt(RecognizerResult::length).reversed())
            .thenComparingInt(RecognizerResult::start);

    private final List<Recognizer> recognizers;
    private final Set<String> supportedEntities;
    private final Set<String> languages;
    private final int maxTextLength;

    public AnalyzerEngine(List<Recognizer> recognizers, Set<String> languages, int maxTextLength) {
        if (maxTextLength <= 0) {
            throw new InvalidInputException("max_text_length", "must be positive, got " + maxTextLength);
        }
        this.recognizers = List.copyOf(recognizers);
        this.languages = Set.copyOf(languages);
        this.maxTextLength = maxTextLength;
        Set<String> all = new TreeSet<>();
        recognizers.forEach(r -> all.addAll(r.supportedEntities()));
        this.supportedEntities = Set.copyOf(all);
    }

    public Set<String> supportedEntities() {
        return supportedEntities;
    }

    public Set<String> supportedLanguages() {
        return languages;
    }

    public int maxTextLength() {
        return maxTextLength;
    }

    /** Analysis with every entity type, no explanations and no ad-hoc recognizers. */
    public List<RecognizerResult> analyze(String text, String language, Collection<String> entities,
                                          double scoreThreshold) {
        return analyze(text, language, entities, scoreThreshold, false, List.of());
    }

    /**
     * @param entities       entity types to return; null or empty means all supported ones
     * @param scoreThreshold results scoring below this are dropped, in [0, 1]
     * @param adHoc          extra recognizers for this call only (e.g. compiled from a request)
     */
    public List<RecognizerResult> analyze(String text, String language, Collection<String> entities,
                                          double scoreThreshold, boolean explain, List<Recognizer> adHoc) {
        return analyze(text, language, entities, scoreThreshold, explain, adHoc, Set.of());
    }

    /** @param context extra context words (any case) that raise weak matches near them, for this call only */
    public List<RecognizerResult> analyze(String text, String language, Collection<String> entities,
                                          double scoreThreshold, boolean explain, List<Recognizer> adHoc,
                                          Collection<String> context) {
        validateText(text);
        if (language == null || !languages.contains(language)) {
            throw new InvalidInputException("language", "'" + language + "' is not supported; supported: "
                    + new TreeSet<>(languages));
        }
        if (!(scoreThreshold >= 0.0 && scoreThreshold <= 1.0)) {
            throw new InvalidInputException("score_threshold", "must be in [0, 1], got " + scoreThreshold);
        }
        Set<String> wanted = wantedEntities(entities, adHoc);
        AnalysisInput input = new AnalysisInput(text, explain, lowerCaseWords(context)).withMinScore(scoreThreshold);
        List<RecognizerResult> found = new ArrayList<>();
        for (Recognizer r : recognizers) {
            runIfWanted(r, wanted, input, scoreThreshold, found);
        }
        for (Recognizer r : adHoc) {
            runIfWanted(r, wanted, input, scoreThreshold, found);
        }
        return dropContained(found);
    }

    private static Set<String> lowerCaseWords(Collection<String> words) {
        Set<String> out = new TreeSet<>();
        int i = 0;
        for (String w : words == null ? List.<String>of() : words) {
            if (w == null || w.isBlank()) {
                throw new InvalidInputException("context[" + i + "]", "context words must be non-blank strings");
            }
            out.add(w.strip().toLowerCase(java.util.Locale.ROOT));
            i++;
        }
        return out;
    }

    /** Throws for null, empty or oversized text. */
    public void validateText(String text) {
        if (text == null) {
            throw new InvalidInputException("text", "is required");
        }
        if (text.isEmpty()) {
            throw new InvalidInputException("text", "must not be empty");
        }
        if (text.length() > maxTextLength) {
            throw new InvalidInputException("text", "has " + text.length() + " characters; the maximum is "
                    + maxTextLength);
        }
    }

    private Set<String> wantedEntities(Collection<String> entities, List<Recognizer> adHoc) {
        Set<String> known = new TreeSet<>(supportedEntities);
        adHoc.forEach(r -> known.addAll(r.supportedEntities()));
        if (entities == null || entities.isEmpty()) {
            return known;
        }
        int i = 0;
        for (String e : entities) {
            if (!known.contains(e)) {
                throw new InvalidInputException("entities[" + i + "]", "unknown entity '" + e + "'; supported: " + known);
            }
            i++;
        }
        return Set.copyOf(entities);
    }

    private static void runIfWanted(Recognizer r, Set<String> wanted, AnalysisInput input, double threshold,
                                    List<RecognizerResult> found) {
        if (r.supportedEntities().stream().noneMatch(wanted::contains)) {
            return;
        }
        for (RecognizerResult res : r.analyze(input)) {
            if (res.score() >= threshold && res.score() > 0.0 && wanted.contains(res.entityType())) {
                found.add(res);
            }
        }
    }

    /**
     * Drops every result contained in a kept result of at least its strength, in O(n log n): results are visited
     * strongest first, and a Fenwick tree over start offsets answers "largest end among kept results starting at
     * or before this start", which covers this result exactly when it reaches this result's end.
     */
    static List<RecognizerResult> dropContained(List<RecognizerResult> found) {
        if (found.size() < 2) {
            return List.copyOf(found);
        }
        List<RecognizerResult> sorted = new ArrayList<>(found);
        sorted.sort(STRONGEST_FIRST);
        int[] starts = sorted.stream().mapToInt(RecognizerResult::start).sorted().distinct().toArray();
        int[] maxEnd = new int[starts.length + 1]; // (distinct starts + 1) Fenwick tree of prefix maxima, 1-based
        List<RecognizerResult> kept = new ArrayList<>();
        for (RecognizerResult r : sorted) {
            int slot = Arrays.binarySearch(starts, r.start()) + 1;
            int covering = 0;
            for (int i = slot; i > 0; i -= i & -i) {
                covering = Math.max(covering, maxEnd[i]);
            }
            if (covering >= r.end()) {
                continue;
            }
            kept.add(r);
            for (int i = slot; i < maxEnd.length; i += i & -i) {
                maxEnd[i] = Math.max(maxEnd[i], r.end());
            }
        }
        kept.sort(Comparator.comparingInt(RecognizerResult::start).thenComparingInt(RecognizerResult::end));
        return kept;
    }
}
