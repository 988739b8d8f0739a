package io.edgerouter.privacy.recognizer.ner;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StreetAddressRecognizerTest {

    private static final StreetAddressRecognizer RECOGNIZER = new StreetAddressRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // English house number and street type
                found("english street", "deliver to 221B Baker Street please", "221B Baker Street", 0.7),
                // French street
                found("french rue", "au 12 rue de Rivoli", "12 rue de Rivoli", 0.7),
                // German street with the number after the name
                found("german strasse", "wohnt in der Hauptstraße 5", "Hauptstraße 5", 0.7),
                // a number before a lower-case noun is not an address
                none("quantity", "we sold 12 large boxes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesStreetAddresses(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
