package io.edgerouter.privacy.recognizer.au;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuAcnRecognizerTest {

    private static final AuAcnRecognizer RECOGNIZER = new AuAcnRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // spaced 3-3-3 form with a passing complement check is certain
                found("spaced, valid", "company 887 633 490 registered", "887 633 490", 1.0),
                // run together
                found("bare, valid", "company 672432950 registered", "672432950", 1.0),
                // check digit 0 (weighted sum already a multiple of ten) is valid
                found("check digit zero", "ACN 004085616 and 000000180", "000000180", 1.0),
                // with the context word
                found("acn context", "ACN 115 356 904", "115 356 904", 1.0),
                // last digit changed: the check fails, dropped even with context
                none("spaced, failing check", "ACN 887 633 491"),
                // bare form failing the check
                none("bare, failing check", "ACN 672432951"),
                // valid nine digits inside an eleven-digit order number
                none("inside a longer run", "order 67243295012"),
                // glued to letters
                none("glued to letters", "SKU A672432950B"),
                // spaced form continued by another group
                none("spaced, longer grouping", "call 887 633 490 12"),
                // eight digits: too short
                none("eight digits", "ACN 67243295"),
                // a price with a valid-looking integer part
                none("decimal", "EUR 672432950.00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesAustralianCompanyNumbers(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
