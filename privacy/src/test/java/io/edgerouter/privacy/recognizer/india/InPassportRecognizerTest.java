package io.edgerouter.privacy.recognizer.india;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InPassportRecognizerTest {

    private static final InPassportRecognizer RECOGNIZER = new InPassportRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // letter and seven digits: weak without context
                weak("bare, no context", "ref J8369854 ok", "J8369854", 0.1),
                // "passport" raises it
                found("passport context", "passport no. J8369854", "J8369854", 0.44),
                // printed with a space after the third character
                found("spaced, context", "Passport: K45 72913", "K45 72913", 0.44),
                // first digit 0 is not issued
                none("first digit 0", "passport J0369854"),
                // last digit 0 is not issued
                none("last digit 0", "passport J8369850"),
                // lower-case letter
                none("lower case", "passport j8369854"),
                // six digits
                none("six digits", "passport J836985"),
                // eight digits (a US next-generation passport shape)
                none("eight digits", "passport J83698541"),
                // two letters
                none("two letters", "passport AJ8369854"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesIndianPassportNumbers(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
