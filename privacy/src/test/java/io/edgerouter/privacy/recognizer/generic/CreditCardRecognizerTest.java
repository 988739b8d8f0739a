package io.edgerouter.privacy.recognizer.generic;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CreditCardRecognizerTest {

    private static final CreditCardRecognizer RECOGNIZER = new CreditCardRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // Visa test number grouped by spaces: Luhn passes
                found("visa with spaces", "card 4111 1111 1111 1111 exp 10/26", "4111 1111 1111 1111", 1.0),
                // Mastercard grouped by dashes
                found("mastercard with dashes", "5500-0000-0000-0004", "5500-0000-0000-0004", 1.0),
                // American Express 4-6-5 grouping, 15 digits
                found("amex 4-6-5", "amex 3782 822463 10005 ok", "3782 822463 10005", 1.0),
                // compact Discover number
                found("discover compact", "pay with 6011111111111117", "6011111111111117", 1.0),
                // last digit changed: Luhn fails, discarded
                none("luhn failure", "card 4111 1111 1111 1112"),
                // Luhn-valid but no card issuer starts with 9
                none("unknown issuer prefix", "ref 9999 9999 9999 9995"),
                // twelve digits are too short for a card
                none("too short", "4111 1111 1111"),
                // part of a longer number: not a card
                none("inside a longer digit run", "00004111111111111111000"),

                // UATP airline card: prefix 1, 15 digits, Luhn passes
                found("uatp 15 digits", "airline card 135792468013578", "135792468013578", 1.0),
                // Visa 4-4-4-4 with the Luhn check digit computed for our own number
                found("visa dashes", "paid 4539-1488-0343-6467 ok", "4539-1488-0343-6467", 1.0),
                // a 13-digit number starting with 1 is no UATP card even when Luhn passes
                none("13 digits starting with 1", "ref 1357924680138"),
                // Luhn fails: dropped, as in Presidio
                none("uatp luhn failure", "135792468013579"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesCardNumbersWithLuhn(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
