package io.edgerouter.privacy.recognizer.es;

import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Spanish DNI / NIF numbers of natural persons: eight digits (seven in old documents) and a control letter,
 * optionally joined by a hyphen ({@code 48213905V}, {@code 48213905-V}, {@code 7654321J}); the letter may be
 * lower case. Checksum: the number modulo 23 selects the control letter from {@code TRWAGMYFPDXBNJZSQVHLCKE}.
 *
 * <p>Ladder (Presidio's): the shape alone is 0.5; a matching control letter gives 1.0; a wrong one drops the
 * match, so context never changes the outcome; the words are kept for explanations and for parity with
 * Presidio: "DNI", "NIF", "identificación" and the words of "documento nacional de identidad".
 */
public final class EsNifRecognizer extends PatternRecognizer {

    /** Presidio's entity name. */
    public static final String ES_NIF = "ES_NIF";

    public EsNifRecognizer() {
        super("EsNifRecognizer", ES_NIF, List.of(
                Pattern.jdk("nif (medium)", "(?<![\\w-])\\d{7,8}-?[A-Za-z](?![\\w-])", 0.5, StartGate.DIGIT_WORD_START)),
                Set.of("dni", "nif", "documento", "nacional", "identidad", "identificación", "identificacion"));
    }

    @Override
    protected Validation validate(String candidate) {
        String s = candidate.replace("-", "").toUpperCase(Locale.ROOT);
        String digits = s.substring(0, s.length() - 1);
        return SpanishControlLetter.of(digits) == s.charAt(s.length() - 1) ? Validation.VALID : Validation.INVALID;
    }
}
