package io.edgerouter.privacy.recognizer.us;

import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MedicalLicenseRecognizerTest {

    private static final MedicalLicenseRecognizer RECOGNIZER = new MedicalLicenseRecognizer();

    private static RecognizerRow certain(String why, String text, String span) {
        return new RecognizerRow(why, text, span, 1.0, 1.0);
    }

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // practitioner: type letter, surname initial, check digit passes (4+2+1 + 2*(8+9+3) = 47)
                certain("practitioner", "prescriber BJ4829137", "BJ4829137"),
                // business: 9 in place of the surname initial
                certain("business", "registrant A93051771", "A93051771"),
                // lower case, as Presidio matches case-insensitively
                certain("lower case", "dea xm7770212", "xm7770212"),
                // check digit 1, type F
                certain("type F", "DEA number FS1204801.", "FS1204801"),
                // context cannot lift a validated score above 1.0 and is not needed
                certain("with context", "DEA certificate BJ4829137", "BJ4829137"),
                // wrong check digit
                none("check digit fails", "DEA BJ4829138"),
                // I is not a registrant type
                none("type I", "DEA IJ4829137"),
                // N is not a registrant type
                none("type N", "DEA NJ4829137"),
                // a digit other than 9 in second place
                none("second char 1", "DEA B14829137"),
                // six digits
                none("too short", "DEA BJ482913"),
                // eight digits
                none("too long", "DEA BJ48291371"),
                // glued to a letter before
                none("after a letter", "DEA XBJ4829137"),
                // part of a dashed number
                none("followed by dashed digits", "DEA BJ4829137-5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesDeaNumbersByCheckDigit(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
