package io.edgerouter.privacy.recognizer.es;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Spanish NIE numbers (foreigners' identity numbers): X, Y or Z, seven digits and a control letter, optionally
 * with a hyphen before the letter ({@code X4821390S}, {@code Y3051782-H}); either letter may be lower case.
 * Checksum: X/Y/Z stand for 0/1/2 in front of the digits and that number modulo 23 selects the control letter
 * from the DNI alphabet.
 *
 * <p>Ladder (Presidio's): the shape is 0.5, a matching control letter gives 1.0 and a wrong one drops the match.
 * Context: "NIE", "número de identificación de extranjero" (as the words "extranjero", "extranjeros").
 */
public final class EsNieRecognizer extends PatternRecognizer {

    /** Presidio's entity name. */
    public static final String ES_NIE = "ES_NIE";

    private static final StartGate.Chars XYZ = StartGate.Chars.of("XYZxyz");

    public EsNieRecognizer() {
        super("EsNieRecognizer", ES_NIE, List.of(
                Pattern.jdk("nie (medium)", "(?<![\\w-])[XYZxyz]\\d{7}-?[A-Za-z](?![\\w-])", 0.5,
                        StartGate.first(XYZ, StartGate.Chars.WORD).withCharAt(1, StartGate.Chars.DIGIT))),
                Set.of("nie", "extranjero", "extranjeros", "extranjería", "extranjeria"));
    }

    @Override
    protected Validation validate(String candidate) {
        String s = candidate.replace("-", "").toUpperCase(Locale.ROOT);
        String number = "XYZ".indexOf(s.charAt(0)) + s.substring(1, s.length() - 1);
        return SpanishControlLetter.of(number) == s.charAt(s.length() - 1) ? Validation.VALID : Validation.INVALID;
    }
}
