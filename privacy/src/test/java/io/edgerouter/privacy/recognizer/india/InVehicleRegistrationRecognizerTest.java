package io.edgerouter.privacy.recognizer.india;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InVehicleRegistrationRecognizerTest {

    private static final InVehicleRegistrationRecognizer RECOGNIZER = new InVehicleRegistrationRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // Karnataka, district 53, known: certain
                found("state, known district", "car KA53ME3456 parked", "KA53ME3456", 1.0),
                // Delhi single-digit district with a three-letter series
                found("delhi one-digit district", "car DL3CJB0042 parked", "DL3CJB0042", 1.0),
                // Gujarat zero-padded district (the table lists it unpadded)
                found("gujarat padded district", "car GJ05KT7781 parked", "GJ05KT7781", 1.0),
                // Maharashtra district 12 with one series letter
                found("one series letter", "car MH12A4567 parked", "MH12A4567", 1.0),
                // Karnataka has no district 99 in the table: stays medium
                weak("unknown district", "code KA99ME3456 here", "KA99ME3456", 0.5),
                // a two-letter code that is no state: medium only
                weak("unknown state code", "code ZZ12AB3456 here", "ZZ12AB3456", 0.5),
                // Maharashtra needs two district digits: one digit stays medium
                weak("padded state, one digit", "code MH1AB3456 here", "MH1AB3456", 0.5),
                // context raises an unvalidated plate
                found("unknown district with context", "vehicle KA99ME3456", "KA99ME3456", 0.85),
                // Bharat series
                weak("bharat series", "car 22BH4521KM parked", "22BH4521KM", 0.85),
                // armed forces plate
                weak("armed forces", "truck 15B123456C parked", "15B123456C", 0.85),
                // diplomatic plate with a mission number up to 80: validated
                found("diplomatic, known mission", "car 77CD1234 parked", "77CD1234", 1.0),
                // diplomatic plate with an unknown mission number: medium
                weak("diplomatic, unknown mission", "car 90CD1234 parked", "90CD1234", 0.4),
                // old three-letter plate: weak
                weak("three letters", "car MCX1243 parked", "MCX1243", 0.2),
                // two letters and four digits: very weak
                weak("two letters", "code MN2412 here", "MN2412", 0.01),
                // I and five digits: very weak
                weak("I series", "code I15432 here", "I15432", 0.01),
                // serial 0000 is never issued
                none("serial 0000", "vehicle KA53ME0000"),
                // Bharat series letters exclude I and O
                none("bharat with O", "vehicle 22BH4521OK"),
                // lower case is not a plate
                none("lower case", "vehicle ka53me3456"),
                // an ordinary word with digits of another shape
                none("word and digits", "vehicle ABNE123456"),
                // glued inside a longer code
                none("glued", "part XKA53ME3456Y"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesVehicleRegistrations(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
