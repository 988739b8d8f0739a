package io.edgerouter.privacy.recognizer.ner;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.AnalysisExplanation;
import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.Recognizer;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PERSON and LOCATION from a gazetteer plus capitalisation and context features (no statistical model).
 * One left-to-right pass over the words; at each capitalised word it tries, in order:
 * <ol>
 *   <li>the longest known place (up to {@link Gazetteer#longestPlaceWords()} words); an ambiguous place
 *       ("Jordan", "Victoria") needs a preposition before it and no surname after it;</li>
 *   <li>a person: a title ("Dr.", "Mrs") or a known given name starts a run of capitalised words; an unknown
 *       capitalised word followed by a known family name also counts;</li>
 *   <li>an unknown place right after "lives in", "born in", "moved to"...</li>
 * </ol>
 * Scores: full name with a known family name or a title 0.85, other multi-word names 0.7, a given name alone
 * 0.6, known places 0.85, ambiguous places with a preposition 0.7, places inferred from context only 0.5.
 */
public final class NameFinderRecognizer implements Recognizer {

    private static final int MAX_NAME_WORDS = 4;
    /** Cues that introduce a name even when it is a single unknown word ("my name is Xiomara"). */
    private static final Set<String> NAME_VERBS = Set.of("is", "named", "called", "appelle", "llamo", "chiamo", "heiße", "é");

    private final Gazetteer gazetteer;

    public NameFinderRecognizer() {
        this(Gazetteer.builtIn());
    }

    public NameFinderRecognizer(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    @Override
    public String name() {
        return "NameFinderRecognizer";
    }

    @Override
    public Set<String> supportedEntities() {
        return Set.of(Entities.PERSON, Entities.LOCATION);
    }

    @Override
    public List<RecognizerResult> analyze(AnalysisInput input) {
        NameTokens t = new NameTokens(input);
        List<RecognizerResult> out = new ArrayList<>();
        int i = 0;
        while (i < t.size()) {
            int next = tryPlace(input, t, i, out);
            if (next == i) {
                next = tryPerson(input, t, i, out);
            }
            if (next == i) {
                next = tryPlaceFromContext(input, t, i, out);
            }
            i = next == i ? i + 1 : next;
        }
        return out;
    }

    /** Returns the index after the place found at i, or i when none. */
    private int tryPlace(AnalysisInput input, NameTokens t, int i, List<RecognizerResult> out) {
        if (!t.capitalised(i) && !t.shortUpper(i)) {
            return i;
        }
        StringBuilder key = new StringBuilder();
        int found = -1;
        for (int k = i; k < t.size() && k < i + gazetteer.longestPlaceWords(); k++) {
            key.append(k == i ? "" : " ").append(t.lower(k));
            if (gazetteer.places().contains(key.toString()) && (t.capitalised(k) || t.shortUpper(k))) {
                found = k;
            }
            if (!t.adjacent(k)) {
                break;
            }
        }
        if (found < 0) {
            return i;
        }
        String place = key.substring(0, placeKeyLength(t, i, found));
        double score = 0.85;
        if (gazetteer.ambiguous().contains(place) || gazetteer.firstNames().contains(place)
                || gazetteer.surnames().contains(place)) {
            boolean preposition = NerCues.PLACE_PREPOSITIONS.contains(t.previous(i, 1))
                    || NerCues.PLACE_VERBS.contains(t.previous(i, 1));
            boolean surnameAfter = found + 1 < t.size() && t.adjacent(found) && t.capitalised(found + 1)
                    && !gazetteer.places().contains(t.lower(found + 1));
            if (!preposition || surnameAfter || NerCues.TITLES.contains(t.previous(i, 1))) {
                return i;
            }
            score = 0.7;
        }
        out.add(result(input, Entities.LOCATION, t.start(i), t.end(found), score, "gazetteer place"));
        return found + 1;
    }

    private static int placeKeyLength(NameTokens t, int from, int to) {
        int len = 0;
        for (int k = from; k <= to; k++) {
            len += t.lower(k).length() + (k == from ? 0 : 1);
        }
        return len;
    }

    private int tryPerson(AnalysisInput input, NameTokens t, int i, List<RecognizerResult> out) {
        if (!t.capitalised(i) || NerCues.NOT_NAMES.contains(t.lower(i)) || NerCues.TITLES.contains(t.lower(i))) {
            return i;
        }
        boolean title = NerCues.TITLES.contains(t.previous(i, 1));
        boolean given = gazetteer.firstNames().contains(t.lower(i));
        int last = extendName(t, i);
        boolean knownSurname = false;
        for (int k = i + 1; k <= last; k++) {
            knownSurname |= gazetteer.surnames().contains(t.lower(k));
        }
        String cue = t.previous(i, 1);
        boolean personCue = NerCues.PERSON_CUES.contains(cue) || (cue.equals("is") && t.previous(i, 2).equals("name"));
        double score;
        if (title) {
            score = 0.85;
        } else if (given && last > i) {
            score = knownSurname ? 0.85 : 0.7;
        } else if (given) {
            boolean ambiguous = gazetteer.ambiguous().contains(t.lower(i));
            if (ambiguous && !personCue) {
                return i;
            }
            score = 0.6;
        } else if (last > i && knownSurname && gazetteer.surnames().contains(t.lower(last))) {
            score = 0.6;
        } else if (NerCues.STRONG_PERSON_CUES.contains(cue) && (last > i || NAME_VERBS.contains(cue))) {
            score = 0.5;
        } else {
            return i;
        }
        out.add(result(input, Entities.PERSON, t.start(i), t.end(last), score, "gazetteer name"));
        return last + 1;
    }

    /** Index of the last word of the name starting at i (capitalised words, inner particles allowed). */
    private int extendName(NameTokens t, int i) {
        int last = i;
        int k = i;
        while (k + 1 < t.size() && t.adjacent(k) && k + 1 < i + MAX_NAME_WORDS) {
            int n = k + 1;
            if (NerCues.PARTICLES.contains(t.lower(n)) && !t.capitalised(n) && n + 1 < t.size() && t.adjacent(n)
                    && t.capitalised(n + 1)) {
                n++;
            }
            if (!t.capitalised(n) || NerCues.NOT_NAMES.contains(t.lower(n)) || isUnambiguousPlace(t.lower(n))) {
                break;
            }
            last = n;
            k = n;
        }
        return last;
    }

    private boolean isUnambiguousPlace(String word) {
        return gazetteer.places().contains(word) && !gazetteer.surnames().contains(word)
                && !gazetteer.ambiguous().contains(word);
    }

    private int tryPlaceFromContext(AnalysisInput input, NameTokens t, int i, List<RecognizerResult> out) {
        if (!t.capitalised(i) || NerCues.NOT_NAMES.contains(t.lower(i))) {
            return i;
        }
        boolean strong = NerCues.PLACE_VERBS.contains(t.previous(i, 2))
                && NerCues.PLACE_PREPOSITIONS.contains(t.previous(i, 1));
        if (!strong) {
            return i;
        }
        int last = i;
        while (last + 1 < t.size() && last + 1 < i + 3 && t.adjacent(last) && t.capitalised(last + 1)
                && !NerCues.NOT_NAMES.contains(t.lower(last + 1))) {
            last++;
        }
        out.add(result(input, Entities.LOCATION, t.start(i), t.end(last), 0.5, "place from context"));
        return last + 1;
    }

    private RecognizerResult result(AnalysisInput input, String entity, int start, int end, double score, String how) {
        AnalysisExplanation why = !input.explain() ? null
                : new AnalysisExplanation(name(), how, null, score, score, how, 0.0, null, null);
        return new RecognizerResult(entity, start, end, score, name(), why);
    }
}
