package io.edgerouter.privacy.recognizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Holds back a checksum's certainty when the text says the number is something else. A one-digit checksum passes
 * for one random number in ten: an ABA routing check passes for a tenth of all nine-digit passport numbers, an NPI
 * check for a tenth of all ten-digit NHS or phone numbers. When such a number has another identifier's word nearby
 * ("passport", "NHS", "phone"...) and none of its own, it keeps its pattern score instead of 1.0, so the other
 * recognizer's context-raised match over the same span wins.
 */
public final class CompetingContext {

    /** Context words of the other identifiers that share these shapes. */
    public static final Set<String> OTHER_IDENTIFIERS = Set.of("passport", "ssn", "social", "security", "itin", "taxpayer",
            "driver", "license", "licence", "dl", "nhs", "patient", "phone", "telephone", "tel", "mobile", "cell",
            "call", "fax", "landline", "whatsapp", "dial", "ring", "card", "iban", "medicare", "invoice", "order",
            "personnummer", "pesel", "tfn", "acn", "abn", "aadhaar", "nric", "rrn", "hetu", "nif", "nie", "dni", "npi",
            "routing");

    private CompetingContext() {
    }

    /**
     * @param own       this recognizer's context words (any of them nearby keeps the validated score)
     * @param baseScore the pattern score of a matched span, given to held-back results
     */
    public static List<RecognizerResult> holdBack(AnalysisInput input, List<RecognizerResult> found, Set<String> own,
                                           ToDoubleFunction<String> baseScore) {
        List<RecognizerResult> out = new ArrayList<>(found.size());
        for (RecognizerResult r : found) {
            if (r.score() >= 1.0
                    && ContextEnhancer.supportingWord(input, r.start(), r.end(), OTHER_IDENTIFIERS) != null
                    && ContextEnhancer.supportingWord(input, r.start(), r.end(), own) == null) {
                double score = baseScore.applyAsDouble(input.text().substring(r.start(), r.end()));
                AnalysisExplanation e = r.explanation();
                AnalysisExplanation why = e == null ? null : new AnalysisExplanation(e.recognizer(), e.patternName(),
                        e.pattern(), e.originalScore(), score,
                        "checksum passes, but another identifier's word is nearby and none of this one's", 0, null,
                        Boolean.TRUE);
                r = new RecognizerResult(r.entityType(), r.start(), r.end(), score, r.recognizer(), why);
            }
            out.add(r);
        }
        return out;
    }
}
