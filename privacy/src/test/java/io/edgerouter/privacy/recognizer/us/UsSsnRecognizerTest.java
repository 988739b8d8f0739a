package io.edgerouter.privacy.recognizer.us;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsSsnRecognizerTest {

    private static final UsSsnRecognizer RECOGNIZER = new UsSsnRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // dashed form alone is a medium signal
                weak("dashed, no context", "ref 536-22-8726 end", "536-22-8726", 0.5),
                // "SSN" nearby raises it
                found("dashed with ssn", "SSN: 536-22-8726", "536-22-8726", 0.85),
                // "social security" phrase as context
                found("social security context", "social security number 536 22 8726", "536 22 8726", 0.6),
                // nine bare digits are very weak without context
                weak("bare digits no context", "id 536228726", "536228726", 0.1),
                // area 000 is never issued
                none("area 000", "ssn 000-12-3456"),
                // area 666 is never issued
                none("area 666", "ssn 666-12-3456"),
                // area 9xx belongs to ITINs
                none("area 9xx", "ssn 912-70-3456"),
                // group 00 is never issued
                none("group 00", "ssn 536-00-8726"),
                // serial 0000 is never issued
                none("serial 0000", "ssn 536-22-0000"),
                // the famous sample card number
                none("woolworth sample", "ssn 078-05-1120"),
                // mixed separators
                none("mixed separators", "ssn 536-22.8726"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesSocialSecurityNumbers(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
