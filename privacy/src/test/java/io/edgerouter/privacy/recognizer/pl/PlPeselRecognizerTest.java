package io.edgerouter.privacy.recognizer.pl;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlPeselRecognizerTest {

    private static final PlPeselRecognizer RECOGNIZER = new PlPeselRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // born 15 March 1987, check digit 1
                found("1900s birth date", "PESEL 87031502741", "87031502741", 1.0),
                // month 26 = June of the 2000s: born 30 June 2004
                found("2000s birth date", "numer 04263009150.", "04263009150", 1.0),
                // 29 February 2000 exists (2000 was a leap year)
                found("leap day 2000", "pesel: 00222900009", "00222900009", 1.0),
                // a valid number without context is still certain
                found("no context", "id 87031502741 end", "87031502741", 1.0),
                // right shape, wrong check digit
                none("wrong check digit", "PESEL 87031502742"),
                // check digit right but 29 February 1999 does not exist
                none("impossible date", "PESEL 99022900007"),
                // check digit right but 29 February 1900 does not exist (1900 was no leap year)
                none("no leap day 1900", "PESEL 00022900003"),
                // month 41 encodes the 2100s: nobody has such a number yet
                none("2100s month", "PESEL 01410100007"),
                // 1 January 2099 is in the future
                none("future birth date", "PESEL 99210100008"),
                // month 13 is not a month in any century
                none("month 13", "PESEL 87131502741"),
                // twelve digits: a longer number
                none("twelve digits", "870315027412"),
                // ten digits: too short
                none("ten digits", "8703150274"),
                // glued to a letter
                none("letter before", "x87031502741"),
                // hyphenated groups are not a PESEL format
                none("hyphenated", "870315-02741"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesPesel(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
