package io.edgerouter.privacy.recognizer.au;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuAbnRecognizerTest {

    private static final AuAbnRecognizer RECOGNIZER = new AuAbnRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // spaced 2-3-3-3 form with a passing mod-89 check is certain
                found("spaced, valid", "supplier 33 401 878 017 ok", "33 401 878 017", 1.0),
                // the same number run together
                found("bare, valid", "supplier 33401878017 ok", "33401878017", 1.0),
                // another valid number, with the context word
                found("bare, valid, abn context", "ABN: 26245624180", "26245624180", 1.0),
                // the check runs on spaced numbers too: last digit changed
                none("spaced, failing check", "ABN 33 401 878 018"),
                // bare eleven digits failing the check, even with context
                none("bare, failing check", "ABN 26245624181"),
                // leading zero can never be valid (first digit minus one is -1)
                none("leading zero", "ABN 00000000560"),
                // valid digits inside a longer digit run
                none("inside 13 digits", "id 3340187801799"),
                // valid digits glued to letters
                none("glued to letters", "x33401878017Z9"),
                // valid digits as the integer part of a decimal
                none("decimal", "total 33401878017.50"),
                // spaced form continued by a further digit group
                none("spaced, longer grouping", "tel 33 401 878 017 55"),
                // spaced form preceded by another digit group
                none("spaced, preceded by a group", "tel 12 33 401 878 017"),
                // ten digits: too short
                none("ten digits", "ABN 3340187801"),
                // groups split by a line break are not a number
                none("line break", "33 401\n878 017"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesAustralianBusinessNumbers(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
