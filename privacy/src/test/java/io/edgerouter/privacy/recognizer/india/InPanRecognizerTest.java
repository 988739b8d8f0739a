package io.edgerouter.privacy.recognizer.india;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InPanRecognizerTest {

    private static final InPanRecognizer RECOGNIZER = new InPanRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // fourth letter P (individual holder): medium without context
                weak("holder type P", "id BQTPK4821M here", "BQTPK4821M", 0.5),
                // "PAN" nearby raises it
                found("holder type with pan context", "PAN: BQTPK4821M", "BQTPK4821M", 0.85),
                // company holder type, lower case is accepted
                weak("holder type C, lower case", "id aafcr7788q here", "aafcr7788q", 0.5),
                // a fourth letter that is no holder type: weak
                weak("other fourth letter", "id BQTZK4821M here", "BQTZK4821M", 0.1),
                // a product code of the same shape stays weak
                weak("product code shape", "firmware MODEL2024X", "MODEL2024X", 0.1),
                // any ten-character token with four digits: very weak
                weak("pan-like token", "token A1111BCDEF seen", "A1111BCDEF", 0.01),
                // ... and context makes even that usable, as in Presidio
                found("pan-like token with context", "PAN A1111BCDEF", "A1111BCDEF", 0.4),
                // nine characters: too short
                none("too short", "PAN BQTPK482M"),
                // eleven characters: too long for every pattern
                none("too long", "PAN BQTPK48219M"),
                // ten characters without four consecutive digits
                none("no four digits", "code AB12CD34EF"),
                // glued to more letters
                none("glued", "xBQTPK4821Mx"),
                // a PAN shape inside a hyphenated code
                none("inside a hyphenated code", "part-BQTPK4821M-2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesPermanentAccountNumbers(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
