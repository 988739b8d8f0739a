package io.edgerouter.privacy.recognizer.sg;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SgFinRecognizerTest {

    private static final SgFinRecognizer RECOGNIZER = new SgFinRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // S prefix (citizen born before 2000) with the right check letter
                found("S, valid letter", "holder S8812345Z here", "S8812345Z", 1.0),
                // T prefix adds 4 before the remainder
                found("T, valid letter", "holder T0312877B here", "T0312877B", 1.0),
                // F prefix uses the foreigner letter table
                found("F, valid letter", "pass F1234123R issued", "F1234123R", 1.0),
                // G prefix: foreigner table plus 4
                found("G, valid letter", "pass G5566778R issued", "G5566778R", 1.0),
                // M series (from 2022) has its own table and adds 3
                found("M, valid letter", "new FIN M2345612L", "M2345612L", 1.0),
                // M series, remainder picking the table's J
                found("M, valid letter J", "FIN M7000001J", "M7000001J", 1.0),
                // lower case is accepted, as in Presidio
                found("lower case", "nric s8812345z", "s8812345z", 1.0),
                // an unknown prefix letter has no check: weak
                weak("other prefix, weak", "code A1234567Z", "A1234567Z", 0.3),
                // ... and context raises it
                found("other prefix with nric context", "NRIC: B1234567Z", "B1234567Z", 0.6),
                // S prefix with a wrong check letter is dropped, even with context
                none("S, wrong letter", "NRIC S8812345A"),
                // M with the letter the F/G table would give is wrong
                none("M, foreigner table letter", "FIN M2345612M"),
                // G with the letter of the S table is wrong
                none("G, citizen table letter", "FIN G5566778C"),
                // six digits: too short
                none("six digits", "NRIC S881234Z"),
                // eight digits: too long
                none("eight digits", "NRIC S88123456Z"),
                // a valid id glued inside a longer code
                none("inside a longer code", "ref XS8812345Z9"),
                // followed by more letters: a product code, not an id
                none("trailing letters", "part S8812345ZX"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesNricAndFinNumbers(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
