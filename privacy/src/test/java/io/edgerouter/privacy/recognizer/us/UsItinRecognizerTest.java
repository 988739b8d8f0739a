package io.edgerouter.privacy.recognizer.us;

import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsItinRecognizerTest {

    private static final UsItinRecognizer RECOGNIZER = new UsItinRecognizer();

    private static RecognizerRow exactly(String why, String text, String span, double score) {
        return new RecognizerRow(why, text, span, score - 1e-9, score + 1e-9);
    }

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // two dashes: medium
                exactly("dashed", "ref 912-70-3456", "912-70-3456", 0.5),
                // two spaces: medium
                exactly("spaced", "ref 912 70 3456", "912 70 3456", 0.5),
                // Presidio picks each separator on its own: dash then space is medium too
                exactly("dash and space", "ref 912-70 3456", "912-70 3456", 0.5),
                // no separator: weak
                exactly("bare digits", "ref 912703456", "912703456", 0.3),
                // one separator only: very weak
                weak("first separator only", "ref 912-703456", "912-703456", 0.05),
                // one separator only: very weak
                weak("second separator only", "ref 91270-3456", "91270-3456", 0.05),
                // "ITIN" raises the medium form
                exactly("dashed with itin", "ITIN 912-70-3456", "912-70-3456", 0.85),
                // "taxpayer" raises the bare form
                exactly("bare with taxpayer", "taxpayer id 912703456", "912703456", 0.65),
                // "tin" raises a very weak form to the floor
                exactly("one separator with tin", "TIN 912-703456", "912-703456", 0.4),
                // lowest and highest of the 50-65 range
                exactly("group 50", "ref 912-50-3456", "912-50-3456", 0.5),
                // top of the 50-65 range
                exactly("group 65", "ref 912-65-3456", "912-65-3456", 0.5),
                // 88 ends the 70-88 range
                exactly("group 88", "ref 912-88-3456", "912-88-3456", 0.5),
                // 94-99 is allowed
                exactly("group 99", "ref 912-99-3456", "912-99-3456", 0.5),
                // 66-69 are not ITIN groups
                none("group 66", "itin 912-66-3456"),
                // 89 is not an ITIN group
                none("group 89", "itin 912-89-3456"),
                // 93 is not an ITIN group
                none("group 93", "itin 912-93-3456"),
                // below 50 is not an ITIN group
                none("group 49", "itin 912493456"),
                // an ITIN starts with 9
                none("first digit 8", "itin 812-70-3456"),
                // glued to a letter
                none("after a letter", "itin x912-70-3456"),
                // one digit too many
                none("ten digits", "itin 9127034561"),
                // the tail of a longer dashed number
                none("inside a longer dashed number", "itin 1-912-70-3456"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesItins(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
