package io.edgerouter.privacy.recognizer.kr;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KrRrnRecognizerTest {

    private static final KrRrnRecognizer RECOGNIZER = new KrRrnRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // dashed, real date, region code and check digit pass: certain
                found("dashed, check passes", "number 850714-1420311 on the form", "850714-1420311", 1.0),
                // the same run together
                found("bare, check passes", "number 8507141420311 on the form", "8507141420311", 1.0),
                // born in 2001 (century digit 3), check passes
                found("2000s, check passes", "id 011225-3622086", "011225-3622086", 1.0),
                // 29 February of a leap year is a real date
                found("leap day", "id 920229-2477109", "920229-2477109", 1.0),
                // failing check digit: could be a post-2020 random number, stays medium
                weak("check fails, medium", "id 850714-1420312", "850714-1420312", 0.5),
                // region code above 95 is not a pre-2020 number: medium even though the digit checks
                weak("region 98, medium", "id 880315-1987654", "880315-1987654", 0.5),
                // the medium form with context
                found("check fails, rrn context", "RRN: 850714-1420312", "850714-1420312", 0.85),
                // Korean context word
                found("korean context", "주민등록번호 0112253622087", "0112253622087", 0.85),
                // 29 February 1993 does not exist: dropped
                none("no leap day", "RRN 930229-1420311"),
                // 31 April does not exist
                none("31 April", "RRN 990431-2420311"),
                // month 13 is not a date
                none("month 13", "RRN 851314-1420311"),
                // century digit 5 (foreigner numbers) is not an RRN
                none("century digit 5", "RRN 850714-5420311"),
                // a plus instead of the dash
                none("plus separator", "RRN 850714+1420311"),
                // fourteen digits
                none("too long", "RRN 850714-14203112"),
                // inside a longer digit run
                none("inside a longer run", "id 98507141420311"),
                // glued to letters
                none("glued to letters", "xx8507141420311z"),
                // twelve digits
                none("too short", "RRN 850714-142031"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesResidentRegistrationNumbers(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
