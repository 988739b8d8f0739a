package io.edgerouter.privacy.recognizer.us;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsDriverLicenseRecognizerTest {

    private static final UsDriverLicenseRecognizer RECOGNIZER = new UsDriverLicenseRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // California style letter + 7 digits, with "driver's license"
                found("letter and digits with context", "my driver's license D1234567", "D1234567", 0.4),
                // Florida style dashed groups with "DL"
                found("florida dashed with DL", "DL S123-456-78-901-0", "S123-456-78-901-0", 0.5),
                // Wisconsin style dashed groups
                found("wisconsin dashed with licence", "licence W123-4567-8901", "W123-4567-8901", 0.5),
                // no context: weak
                weak("letter and digits no context", "code D1234567", "D1234567", 0.15),
                // lower-case letters are not licence numbers
                none("lower case", "license d1234567"),
                // too short
                none("too short", "license D123"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesDriverLicencesWithContext(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
