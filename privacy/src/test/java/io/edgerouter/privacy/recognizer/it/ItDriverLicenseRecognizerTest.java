package io.edgerouter.privacy.recognizer.it;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ItDriverLicenseRecognizerTest {

    private static final ItDriverLicenseRecognizer RECOGNIZER = new ItDriverLicenseRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // two letters, seven digits, a letter: weak without context (0.2)
                weak("standard form", "ref MI4827193K", "MI4827193K", 0.2),
                // lower case is accepted, still weak
                weak("lower case", "mi4827193k", "mi4827193k", 0.2),
                // duplicate licence form U1 + seven digits/letters + letter
                weak("duplicate form", "U1H52J194M", "U1H52J194M", 0.2),
                // "patente" raises it to 0.55
                found("patente context", "patente di guida MI4827193K", "MI4827193K", 0.55),
                // "licenza" is context too
                found("licenza context", "licenza: U1H52J194M", "U1H52J194M", 0.55),
                // A is not allowed in the duplicate form's middle
                none("A in duplicate form", "U1H52A194M"),
                // digits where the letters belong
                none("digits first", "994827193K"),
                // six digits: too short
                none("six digits", "MI482719K"),
                // glued to a preceding letter
                none("letter before", "XMI4827193K"),
                // followed by a digit
                none("digit after", "MI4827193K7"),
                // a plain ten-letter word
                none("plain word", "friendship"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesItalianDriverLicenses(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
