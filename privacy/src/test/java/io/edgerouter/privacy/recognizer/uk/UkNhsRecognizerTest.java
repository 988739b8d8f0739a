package io.edgerouter.privacy.recognizer.uk;

import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UkNhsRecognizerTest {

    private static final UkNhsRecognizer RECOGNIZER = new UkNhsRecognizer();

    private static RecognizerRow exactly(String why, String text, String span, double score) {
        return new RecognizerRow(why, text, span, score - 1e-9, score + 1e-9);
    }

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // compact ten digits, check digit passes: certain, even without context
                exactly("compact", "ref 4857773023", "4857773023", 1.0),
                // official 3-3-4 spacing
                exactly("spaced", "NHS number 485 777 3023", "485 777 3023", 1.0),
                // dashes
                exactly("dashed", "ref 601-234-5674", "601-234-5674", 1.0),
                // Presidio chooses each gap on its own: dash then space is accepted
                exactly("mixed gaps", "ref 700-111 2224", "700-111 2224", 1.0),
                // only one gap
                exactly("one gap", "ref 321654 9879", "321654 9879", 1.0),
                // check value 11 means check digit 0
                exactly("check digit 0", "patient 6012345070", "6012345070", 1.0),
                // a phone word and no NHS word: Presidio's pattern score, so a phone match wins
                exactly("phone context", "phone 404-536-6849", "404-536-6849", 0.5),
                // a phone word but also "NHS": the check counts
                exactly("phone and nhs context", "NHS 485 777 3023, phone", "485 777 3023", 1.0),
                // wrong check digit
                none("check digit fails", "NHS 485 777 3024"),
                // check value 10 is never issued
                none("check value 10", "NHS 485 777 3040"),
                // after an international dialling code it is a phone number
                none("after a dialling code", "call +1 485 777 3023"),
                // eleven digits
                none("eleven digits", "NHS 48577730231"),
                // glued to a letter
                none("after a letter", "NHS x4857773023"),
                // the tail of a dashed number
                none("inside a dashed number", "NHS 1-485-777-3023"),
                // 3-4-3 grouping is not an NHS layout
                none("wrong grouping", "NHS 485 7773 023"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesNhsNumbersWithModulus11(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
