package io.edgerouter.privacy.recognizer.us;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsPassportRecognizerTest {

    private static final UsPassportRecognizer RECOGNIZER = new UsPassportRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // next-generation book number with "passport"
                found("letter and eight digits with context", "passport C03005988", "C03005988", 0.4),
                // nine digits with "passport"
                found("nine digits with context", "Passport no. 340020013", "340020013", 0.4),
                // without context both shapes stay below the usual 0.4 threshold
                weak("letter and digits without context", "item C03005988", "C03005988", 0.2),
                weak("nine digits without context", "order 340020013", "340020013", 0.1),
                // ten digits are not a passport number
                none("ten digits", "passport 3400200135"),
                // two letters are a different shape
                none("two letters", "passport AB0300598"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesPassportNumbersOnlyWithContext(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
