package io.edgerouter.privacy.recognizer.ner;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/** Street addresses ("221B Baker Street", "12 rue de Rivoli", "Hauptstraße 5") reported as LOCATION. */
public final class StreetAddressRecognizer extends PatternRecognizer {

    private static final String STREET_TYPES = "Street|St\\.?|Road|Rd\\.?|Avenue|Ave\\.?|Lane|Ln\\.?|Boulevard|Blvd\\.?"
            + "|Drive|Dr\\.?|Way|Place|Pl\\.?|Court|Ct\\.?|Terrace|Close|Crescent|Square|Parkway|Highway";

    public StreetAddressRecognizer() {
        super("StreetAddressRecognizer", Entities.LOCATION, List.of(
                Pattern.jdk("number then street", "(?<![\\w-])\\d{1,5}[A-Za-z]?,? (?:[A-Z][a-z]{1,20} ){1,3}(?:"
                        + STREET_TYPES + ")(?![\\w])", 0.7,
                        // the street's capital follows the number (1-5 digits, a letter, a comma) and a space
                        StartGate.DIGIT_WORD_START.withCharWithin(2, 8, StartGate.Chars.UPPER)),
                Pattern.jdk("romance street", "(?<![\\w-])\\d{1,4},? (?:rue|avenue|boulevard|calle|avenida|via|viale|piazza|rua)"
                        + " (?:(?:de|del|de la|des|du|di|della|da|do) )?[A-Z][\\p{L}'-]{1,20}(?: [A-Z][\\p{L}'-]{1,20})?", 0.7,
                        // rue, avenue, boulevard, calle, via, piazza: after the number (1-4 digits, a comma) and a space
                        StartGate.DIGIT_WORD_START.withCharWithin(2, 6, StartGate.Chars.of("rabcvp"))),
                Pattern.jdk("germanic street", "(?<![\\w-])[A-Z][\\p{L}-]{2,30}(?:straße|strasse|str\\.|weg|gasse|platz|allee"
                        + "|laan|straat|gracht|vej|gatan|gata) \\d{1,4}[a-z]?(?![\\w])", 0.7,
                        StartGate.UPPER_WORD_START.withCharWithin(4, 42, StartGate.Chars.DIGIT))),
                Set.of("address", "live", "lives", "street", "deliver", "ship"));
    }
}
