package io.edgerouter.privacy.recognizer.it;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ItVatCodeRecognizerTest {

    private static final ItVatCodeRecognizer RECOGNIZER = new ItVatCodeRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // eleven digits whose last one matches the check
                found("valid", "partita IVA 02748931561", "02748931561", 1.0),
                // spaces between digit groups with "IVA" nearby: the weak score raised by context
                found("spaced with context", "P.IVA 027 4893 1561", "027 4893 1561", 0.44),
                // spaced groups without context stay weak even when the check passes (phone numbers look alike)
                weak("spaced, no context", "Mobile: 027 4893 1561", "027 4893 1561", 0.1),
                // a spaced form failing the check is dropped
                none("spaced, wrong check digit", "P.IVA 027 4893 1562"),
                // an underscore inside, as Presidio allows
                found("underscore", "02748931_561", "02748931_561", 1.0),
                // valid without context
                found("no context", "ref 02748931561.", "02748931561", 1.0),
                // wrong check digit
                none("wrong check digit", "partita IVA 02748931562"),
                // all zeros passes the arithmetic but is no VAT number
                none("all zeros", "00000000000"),
                // twelve digits
                none("twelve digits", "027489315610"),
                // ten digits
                none("ten digits", "0274893156"),
                // the eleven digits continue an earlier digit group
                none("continues a group", "5 02748931561"),
                // more digits follow after a space
                none("followed by a group", "02748931561 7"),
                // a leading '+' marks an international phone number
                none("phone number", "+0274893 1561"),
                // glued to letters
                none("letters before", "IT02748931561"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesItalianVatCodes(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
