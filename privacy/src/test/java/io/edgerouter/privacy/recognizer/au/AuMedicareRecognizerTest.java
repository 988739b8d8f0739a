package io.edgerouter.privacy.recognizer.au;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuMedicareRecognizerTest {

    private static final AuMedicareRecognizer RECOGNIZER = new AuMedicareRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // spaced 4-5-1 form with a passing check digit is certain
                found("spaced, valid", "card 3125 55148 2 on file", "3125 55148 2", 1.0),
                // run together
                found("bare, valid", "card 5004431471 on file", "5004431471", 1.0),
                // the issue number (tenth digit) is not checked
                found("other issue number", "Medicare 5004431479", "5004431479", 1.0),
                // with the context word
                found("medicare context", "Medicare no. 3461 90032 7", "3461 90032 7", 1.0),
                // ninth digit changed: the check fails, dropped even with context
                none("spaced, failing check", "Medicare 3125 55149 2"),
                // bare form failing the check
                none("bare, failing check", "Medicare 5004431481"),
                // must start with 2 to 6
                none("leading 7", "Medicare 7004431471"),
                // valid ten digits inside a longer run
                none("inside a longer run", "id 500443147123"),
                // glued to letters
                none("glued to letters", "x5004431471Z"),
                // nine digits: too short
                none("nine digits", "Medicare 500443147"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesMedicareNumbers(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
