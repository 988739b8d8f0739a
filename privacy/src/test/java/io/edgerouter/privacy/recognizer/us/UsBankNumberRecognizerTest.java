package io.edgerouter.privacy.recognizer.us;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsBankNumberRecognizerTest {

    private static final UsBankNumberRecognizer RECOGNIZER = new UsBankNumberRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // "account" makes a digit run a bank account number
                found("with account", "checking account 12345678901", "12345678901", 0.4),
                // "acct" abbreviation
                found("with acct", "acct # 00012345678", "00012345678", 0.4),
                // no context: very weak
                weak("no context", "tracking 12345678901", "12345678901", 0.1),
                // seven digits are too short
                none("too short", "account 1234567"),
                // eighteen digits are too long
                none("too long", "account 123456789012345678"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesBankAccountNumbersWithContext(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
