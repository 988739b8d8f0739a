package io.edgerouter.privacy.recognizer.india;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InAadhaarRecognizerTest {

    private static final InAadhaarRecognizer RECOGNIZER = new InAadhaarRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // twelve digits with a correct Verhoeff digit: certain
                found("bare, valid", "uid 273649182056 ok", "273649182056", 1.0),
                // groups of four with spaces
                found("spaced, valid", "card 5820 1937 4613 ok", "5820 1937 4613", 1.0),
                // groups of four with dashes
                found("dashed, valid", "card 9081-7263-5408 ok", "9081-7263-5408", 1.0),
                // groups of four with colons
                found("colons, valid", "card 4938:2716:5044 ok", "4938:2716:5044", 1.0),
                // with the context word
                found("aadhaar context", "Aadhaar no. 273649182056", "273649182056", 1.0),
                // wrong Verhoeff digit: dropped even with context
                none("bare, failing check", "Aadhaar 273649182057"),
                // wrong Verhoeff digit in the spaced form
                none("spaced, failing check", "Aadhaar 5820 1937 4614"),
                // a correct Verhoeff digit but first digit 1: never issued
                none("first digit 1", "Aadhaar 162738495011"),
                // a palindrome with a correct Verhoeff digit is rejected
                none("palindrome", "Aadhaar 201512215102"),
                // separators must agree
                none("mixed separators", "Aadhaar 5820 1937-4613"),
                // valid digits inside a longer run (a 16-digit card number)
                none("inside a longer run", "card 2736491820561234"),
                // the grouped form continued by a fourth group
                none("grouped, longer grouping", "card 5820 1937 4613 1234"),
                // glued to letters
                none("glued to letters", "ref A273649182056Z"),
                // eleven digits
                none("eleven digits", "Aadhaar 27364918205"),
                // a decimal amount
                none("decimal", "INR 273649182056.00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesAadhaarNumbers(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
