package io.edgerouter.privacy.recognizer.it;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ItIdentityCardRecognizerTest {

    private static final ItIdentityCardRecognizer RECOGNIZER = new ItIdentityCardRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // paper card: two letters, seven digits (very weak, 0.01)
                weak("paper card", "AT4829175", "AT4829175", 0.01),
                // paper card with a space after the letters
                weak("paper card spaced", "n. AT 4829175", "AT 4829175", 0.01),
                // CIE 2.0: seven digits and two letters, mixed case
                weak("cie 2.0", "4829175Ab", "4829175Ab", 0.01),
                // CIE 3.0: two letters, five digits, two letters
                weak("cie 3.0", "CA48291FK", "CA48291FK", 0.01),
                // "carta" lifts it to the context floor 0.4
                found("carta context", "carta d'identità CA48291FK", "CA48291FK", 0.4),
                // "cie" is context as well
                found("cie context", "CIE n. 4829175AB", "4829175AB", 0.4),
                // glued to a preceding digit
                none("digit before", "14829175AB"),
                // CIE 3.0 with a third trailing letter
                none("extra letter", "CA48291FKX"),
                // six digits in the paper form
                none("six digits", "AT482917"),
                // a plain nine-letter word
                none("plain word", "wonderful"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesItalianIdentityCards(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
