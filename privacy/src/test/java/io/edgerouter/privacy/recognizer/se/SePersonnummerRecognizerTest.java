package io.edgerouter.privacy.recognizer.se;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SePersonnummerRecognizerTest {

    private static final SePersonnummerRecognizer RECOGNIZER = new SePersonnummerRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // YYMMDD-NNNC: born 9 July 1985, Luhn digit 2
                found("short form with hyphen", "personnummer 850709-1232", "850709-1232", 1.0),
                // YYYYMMDD-NNNC: the same person with the century
                found("long form with hyphen", "19850709-1232", "19850709-1232", 1.0),
                // twelve digits without a separator
                found("long form bare", "pnr 198507091232.", "198507091232", 1.0),
                // ten digits without a separator
                found("short form bare", "8507091232", "8507091232", 1.0),
                // '+' marks a person aged 100 or more
                found("plus separator", "850709+1232", "850709+1232", 1.0),
                // samordningsnummer: day 69 = the 9th, Luhn digit 9
                found("coordination number", "samordningsnummer 850769-1239", "850769-1239", 1.0),
                // 29 February 2000 in the long form
                found("leap day 2000", "20000229-4767", "20000229-4767", 1.0),
                // glued to preceding letters: Presidio's very weak form, certain once the checks pass
                found("after letters", "mitt id är850709-1232", "850709-1232", 1.0),
                // wrong Luhn digit
                none("wrong check digit", "personnummer 850709-1233"),
                // month 13 with a passing Luhn digit
                none("month 13", "851309-1234"),
                // 30 February with a passing Luhn digit
                none("30 February", "850230-1230"),
                // 29 February 1999 does not exist
                none("no leap day", "990229-4769"),
                // a long form in the future
                none("future date", "20991231-5554"),
                // a long form whose century is not 18, 19 or 20
                none("century 17", "178507091232"),
                // eleven digits: neither form
                none("eleven digits", "85070912321"),
                // preceded by a digit: a longer number
                none("digit before", "9850709-1232"),
                // followed by a letter
                none("letter after", "8507091232X"),
                // a letter inside the date
                none("letter inside", "8507x9-1232"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesSwedishPersonnummer(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
