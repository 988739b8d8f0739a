package io.edgerouter.privacy.recognizer.au;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuTfnRecognizerTest {

    private static final AuTfnRecognizer RECOGNIZER = new AuTfnRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // spaced 3-3-3 form with a passing mod-11 check is certain
                found("spaced, valid", "my number is 313 922 144", "313 922 144", 1.0),
                // another identifier's word ("SSN") and none of TFN's: the passing checksum is held back
                weak("held back by an SSN word", "my SSN is 536228700", "536228700", 0.02),
                // with its own word as well, the checksum counts again
                found("own word wins", "SSN or TFN 536228700", "536228700", 1.0),
                // run together
                found("bare, valid", "my number is 762066998", "762066998", 1.0),
                // with the context word
                found("tfn context", "TFN: 316586892", "316586892", 1.0),
                // last digit changed: the check fails, dropped even with context
                none("spaced, failing check", "TFN 313 922 145"),
                // bare form failing the check
                none("bare, failing check", "tax file number 762066999"),
                // valid nine digits inside a longer run
                none("inside a longer run", "ref 7620669981"),
                // glued to letters
                none("glued to letters", "x762066998Z9"),
                // a spaced valid number continued by a group
                none("spaced, longer grouping", "313 922 144 7"),
                // a decimal
                none("decimal", "sum 762066998.25"),
                // eight digits
                none("eight digits", "TFN 76206699"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesAustralianTaxFileNumbers(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
