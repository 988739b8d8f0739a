package io.edgerouter.privacy.recognizer.us;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsItinRecognizerTest {

    private static final UsItinRecognizer RECOGNIZER = new UsItinRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // dashed ITIN with the word ITIN
                found("dashed with context", "ITIN 912-70-1234", "912-70-1234", 0.85),
                // dashed, no context
                weak("dashed no context", "code 912-70-1234", "912-70-1234", 0.5),
                // spaced, taxpayer context
                found("spaced with taxpayer", "taxpayer id 900 88 1234", "900 88 1234", 0.6),
                // middle group 89 is outside the IRS ranges
                none("group 89 not issued", "itin 912-89-1234"),
                // middle group 93 is outside the IRS ranges
                none("group 93 not issued", "itin 912-93-1234"),
                // does not start with 9
                none("not starting with 9", "itin 812-70-1234"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesItins(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
