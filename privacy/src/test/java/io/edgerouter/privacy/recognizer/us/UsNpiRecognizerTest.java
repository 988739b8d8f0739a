package io.edgerouter.privacy.recognizer.us;

import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsNpiRecognizerTest {

    private static final UsNpiRecognizer RECOGNIZER = new UsNpiRecognizer();

    private static RecognizerRow exactly(String why, String text, String span, double score) {
        return new RecognizerRow(why, text, span, score - 1e-9, score + 1e-9);
    }

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // individual provider, Luhn over 80840 + number passes: certain
                exactly("type 1, bare", "ref 1582047365", "1582047365", 1.0),
                // organisation provider
                exactly("type 2, bare", "ref 2345671236", "2345671236", 1.0),
                // printed 4-3-3 with dashes
                exactly("dashed", "ref 1582-047-365", "1582-047-365", 1.0),
                // printed 4-3-3 with spaces
                exactly("spaced", "NPI 1987 654 328", "1987 654 328", 1.0),
                // another identifier's word and no NPI word: the bare pattern score
                exactly("nhs context holds the check back", "NHS number 1582047365", "1582047365", 0.1),
                // ...and the formatted pattern score
                exactly("phone context holds the check back", "phone 1582 047 365", "1582 047 365", 0.4),
                // "provider" keeps the check even with "phone" nearby
                exactly("provider and phone", "provider 1582047365 phone", "1582047365", 1.0),
                // Luhn fails
                none("checksum fails", "NPI 1582047366"),
                // NPIs start with 1 or 2
                none("leading three", "NPI 3582047365"),
                // nine equal body digits are rejected even though Luhn may pass
                none("degenerate body", "NPI 1111111112"),
                // nine digits
                none("too short", "NPI 158204736"),
                // eleven digits
                none("too long", "NPI 15820473651"),
                // wrong grouping
                none("3-3-4 grouping", "NPI 158-204-7365"),
                // glued to a letter
                none("after a letter", "NPI x1582047365"),
                // the tail of a dotted number
                none("inside a dotted number", "NPI 3.1582047365"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesProviderIdentifiersByLuhn(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
