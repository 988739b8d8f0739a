package io.edgerouter.privacy.recognizer.us;

import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsDriverLicenseRecognizerTest {

    private static final UsDriverLicenseRecognizer RECOGNIZER = new UsDriverLicenseRecognizer();

    private static RecognizerRow exactly(String why, String text, String span, double score) {
        return new RecognizerRow(why, text, span, score - 1e-9, score + 1e-9);
    }

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // letter + 7 digits (California style) without context: weak
                exactly("letter and digits, no context", "code D1234567", "D1234567", 0.3),
                // the same with "driver's license": raised
                exactly("letter and digits with context", "my driver's license D1234567", "D1234567", 0.65),
                // Presidio matches letters case-insensitively
                exactly("lower-case letter", "license d1234567", "d1234567", 0.65),
                // letter + 12 digits (Michigan, Minnesota style)
                exactly("letter and twelve digits", "lic S123456789012", "S123456789012", 0.65),
                // two letters + digits (e.g. Kansas, Nevada)
                exactly("two letters and digits", "permit AB123456", "AB123456", 0.65),
                // letter + 6 digits + R (Oklahoma style)
                exactly("letter, six digits, R", "license A123456R", "A123456R", 0.65),
                // two letters, 6 digits, letter
                exactly("two letters, digits, letter", "license AB123456C", "AB123456C", 0.65),
                // letter-digit-letter-digit-letter
                exactly("alternating", "license A1B2C", "A1B2C", 0.65),
                // two digits, three letters, five digits (Colorado style)
                exactly("digits letters digits", "license 12ABC12345", "12ABC12345", 0.65),
                // nine digits + letter
                exactly("nine digits and letter", "license 123456789A", "123456789A", 0.65),
                // eight digits + two letters
                exactly("eight digits and two letters", "license 12345678AB", "12345678AB", 0.65),
                // three digits, two letters, four digits
                exactly("digits, two letters, digits", "license 123AB4567", "123AB4567", 0.65),
                // seven digits + letter
                exactly("seven digits and letter", "license 1234567A", "1234567A", 0.65),
                // Florida dashed groups with "DL"
                exactly("florida dashed with DL", "DL S123-456-78-901-0", "S123-456-78-901-0", 0.65),
                // Wisconsin dashed groups with "licence"
                exactly("wisconsin dashed with licence", "licence W123-4567-8901-23", "W123-4567-8901-23", 0.65),
                // dashed groups without context stay weak
                exactly("dashed without context", "ref W123-4567-8901", "W123-4567-8901", 0.3),
                // bare digits without context: almost nothing
                weak("digits, no context", "ref 12345678", "12345678", 0.01),
                // bare digits with "driver license": the 0.4 floor
                exactly("digits with context", "driver license 12345678", "12345678", 0.4),
                // sixteen digits are one of Presidio's digit lengths
                weak("sixteen digits", "ref 1234567890123456", "1234567890123456", 0.01),
                // fifteen digits are not
                none("fifteen digits", "license 123456789012345"),
                // five digits are too short
                none("five digits", "license 12345"),
                // letters only
                none("letters only", "license ABCDEFG"),
                // a letter among the digits in no state's layout
                none("no state format", "license D12X345678"),
                // letter + 15 digits is too long
                none("letter and fifteen digits", "license D123456789012345"),
                // part of a hyphenated code
                none("after a hyphen", "license ABC-D1234567"),
                // followed by a hyphen and more
                none("before a hyphen", "license D1234567-9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesDriverLicences(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
