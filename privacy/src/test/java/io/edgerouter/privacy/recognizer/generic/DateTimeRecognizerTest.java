package io.edgerouter.privacy.recognizer.generic;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DateTimeRecognizerTest {

    private static final DateTimeRecognizer RECOGNIZER = new DateTimeRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // ISO 8601 date
                found("iso date", "due 2024-03-15.", "2024-03-15", 0.85),
                // ISO date-time with zone
                found("iso date-time", "at 2024-03-15T09:30:00Z", "2024-03-15T09:30:00Z", 0.85),
                // European day.month.year
                found("dotted dmy", "geboren am 3.07.1981", "3.07.1981", 0.6),
                // US month/day/year: day 21 cannot be a month, so it is read as m/d/y
                found("us mdy", "DOB 9/21/1990", "9/21/1990", 0.6),
                // month name with weekday
                found("weekday and month name", "on Monday, March 3, 2025 we", "Monday, March 3, 2025", 0.7),
                // day month year
                found("day month year", "born 12 March 1984", "12 March 1984", 0.85),
                // clock time with am/pm
                found("clock with pm", "arrive at 3:45 PM", "3:45 PM", 0.6),
                // "date" nearby raises a weak numeric date
                found("context raises numeric date", "date: 12/03/29", "12/03/29", 0.8),
                // 31 February is no calendar day in either reading
                none("impossible day", "on 31/02/2024"),
                // mixed separators are not a date
                none("mixed separators", "code 12/03.2024"),
                // a version number is not a date
                none("version number", "version 2.14.1"),
                // a bare year is not reported
                none("bare year", "in 2024 we grew"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesExplicitDatesAndTimes(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
