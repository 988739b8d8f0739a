package io.edgerouter.privacy.recognizer.th;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ThTninRecognizerTest {

    private static final ThTninRecognizer RECOGNIZER = new ThTninRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // thirteen digits with a passing mod-11 check digit: certain
                found("bare, check passes", "card 1101700123456 ok", "1101700123456", 1.0),
                // another province code
                found("bare, other province", "card 3109900345677 ok", "3109900345677", 1.0),
                // the grouping printed on the card, with dashes
                found("dashed card grouping", "card 5-1012-34567-89-0 ok", "5-1012-34567-89-0", 1.0),
                // the card grouping with spaces
                found("spaced card grouping", "card 8 6000 11122 23 4 ok", "8 6000 11122 23 4", 1.0),
                // Thai context words before the number
                found("thai context", "เลขประจำตัวประชาชน: 1101700123456", "1101700123456", 1.0),
                // failing check digit is dropped, even with context
                none("check fails", "TNIN 1101700123457"),
                // failing check digit in the dashed form
                none("dashed, check fails", "TNIN 3-1099-00345-67-8"),
                // province code 28 does not exist (check digit correct)
                none("province 28", "TNIN 1280000000015"),
                // second digit 0 is not a province
                none("second digit 0", "TNIN 1023456789015"),
                // province code 98 does not exist
                none("province 98", "TNIN 1987654321015"),
                // first digit 0
                none("first digit 0", "TNIN 0287654321013"),
                // mixed separators are not the card grouping
                none("mixed separators", "TNIN 5-1012 34567-89-0"),
                // twelve digits
                none("twelve digits", "TNIN 110170012345"),
                // fourteen digits containing a valid number
                none("inside a longer run", "TNIN 11017001234567"),
                // glued to letters
                none("glued to letters", "x1101700123456Z"),
                // the card grouping continued by another group
                none("spaced, longer grouping", "8 6000 11122 23 4 5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesThaiNationalIdNumbers(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
