package io.edgerouter.privacy.recognizer.us;

import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AbaRoutingRecognizerTest {

    private static final AbaRoutingRecognizer RECOGNIZER = new AbaRoutingRecognizer();

    private static RecognizerRow exactly(String why, String text, String span, double score) {
        return new RecognizerRow(why, text, span, score - 1e-9, score + 1e-9);
    }

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // bare nine digits, weights 3-7-1 sum to a multiple of ten: certain
                exactly("bare, checksum passes", "ref 261073054", "261073054", 1.0),
                // the printed 4-4-1 layout
                exactly("dashed, checksum passes", "ref 3110-7629-9", "3110-7629-9", 1.0),
                // first digit 0 (district range 00-12)
                exactly("leading zero", "ref 021000021", "021000021", 1.0),
                // first digit 6 (thrift range 61-72)
                exactly("leading six", "routing 674012343", "674012343", 1.0),
                // first digit 8 (electronic range 80)
                exactly("leading eight", "aba 812345678", "812345678", 1.0),
                // another identifier's word nearby and no routing word: the bare pattern score
                exactly("passport context holds the check back", "passport 261073054", "261073054", 0.05),
                // ...and the dashed pattern score for the dashed layout
                exactly("phone context holds the check back", "phone 3110-7629-9", "3110-7629-9", 0.3),
                // both words nearby: the routing word keeps the check
                exactly("routing and account words", "routing 261073054 for the account", "261073054", 1.0),
                // checksum fails
                none("checksum fails", "routing 261073055"),
                // checksum fails in the dashed layout
                none("dashed checksum fails", "routing 3110-7629-8"),
                // first digit 4 is no routing range
                none("leading four", "routing 421042111"),
                // first digit 9 is no routing range
                none("leading nine", "routing 912345675"),
                // ten digits
                none("ten digits", "routing 2610730541"),
                // wrong dashed grouping
                none("wrong grouping", "routing 311-07629-9"),
                // glued to a letter
                none("after a letter", "routing x261073054"),
                // the tail of a dashed number
                none("inside a dashed number", "routing 5-261073054"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesRoutingNumbersByChecksum(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
