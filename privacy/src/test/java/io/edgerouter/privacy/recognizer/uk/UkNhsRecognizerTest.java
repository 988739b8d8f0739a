package io.edgerouter.privacy.recognizer.uk;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UkNhsRecognizerTest {

    private static final UkNhsRecognizer RECOGNIZER = new UkNhsRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // official 3-3-4 format with "NHS": check digit passes, context raises
                found("spaced with nhs", "NHS number 943 476 5919", "943 476 5919", 0.85),
                // compact, patient context
                found("compact with patient", "patient 9434765919", "9434765919", 0.85),
                // check digit passes but no context: medium
                weak("valid without context", "ref 943-476-5919", "943-476-5919", 0.5),
                // wrong check digit
                none("check digit failure", "NHS 943 476 5918"),
                // remainder giving check value 10 is never issued
                none("check value 10", "NHS 123 456 7890"),
                // inconsistent grouping
                none("mixed separators", "NHS 943 476-5919"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesNhsNumbersWithModulus11(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
