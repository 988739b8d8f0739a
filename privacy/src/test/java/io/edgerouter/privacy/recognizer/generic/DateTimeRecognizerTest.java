package io.edgerouter.privacy.recognizer.generic;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DateTimeRecognizerTest {

    private static final DateTimeRecognizer RECOGNIZER = new DateTimeRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // ---- ISO 8601 and year-first forms ----
                // ISO date alone is a clear date without context
                found("iso date", "The build finished 2023-11-07.", "2023-11-07", 0.7),
                // ISO date-time with seconds and Z is one span
                found("iso date-time Z", "logged 2023-11-07T08:15:42Z by the job", "2023-11-07T08:15:42Z", 0.8),
                // fractional seconds and a negative offset stay in the span
                found("iso fractional offset", "ts=2022-02-28T23:59:59.250-03:00.", "2022-02-28T23:59:59.250-03:00", 0.8),
                // hours and minutes only, with a positive offset
                found("iso minutes offset", "window 2021-06-30T06:00+05:30 opens", "2021-06-30T06:00+05:30", 0.8),
                // a space between date and time also makes one span
                found("iso space time", "run 2020-01-15 14:05 then stop", "2020-01-15 14:05", 0.8),
                // single-digit month and day with dashes (Presidio accepts them)
                found("yyyy-m-d", "since 2019-4-7 we", "2019-4-7", 0.7),
                // year-first with slashes
                found("yyyy/mm/dd", "filed 2018/09/30 ok", "2018/09/30", 0.6),
                // year-first with dots, two-digit month and day
                found("yyyy.mm.dd", "Stand 2017.12.01 gilt", "2017.12.01", 0.6),
                // compact yyyymmdd is weak without context
                weak("yyyymmdd weak", "ref 20230412 noted", "20230412", 0.35),
                // compact yyyymmdd with "date" is raised
                found("yyyymmdd with context", "date of issue: 20230412", "20230412", 0.6),
                // ISO 29 February in a leap year is a real day
                found("leap day", "on 2024-02-29 exactly", "2024-02-29", 0.7),

                // ---- numeric day and month ----
                // m/d/yyyy: 25 cannot be a month, so month-first
                found("us m/d/yyyy", "signed 4/25/2016 here", "4/25/2016", 0.6),
                // d/m/yyyy: 25 cannot be a month, so day-first
                found("eu d/m/yyyy", "signed 25/4/2016 here", "25/4/2016", 0.6),
                // dd.mm.yyyy
                found("dotted dmy", "geboren am 07.08.1979 in", "07.08.1979", 0.6),
                // d-m-yyyy with dashes
                found("dashed dmy", "paid 3-11-2015 cash", "3-11-2015", 0.6),
                // two-digit year with slashes
                found("slashed yy", "rcvd 11/04/19 late", "11/04/19", 0.6),
                // two-digit year with dots
                found("dotted yy", "am 9.3.22 bezahlt", "9.3.22", 0.6),
                // dashed two-digit year is weak without context (looks like codes)
                weak("dashed yy weak", "code 12-05-21 seen", "12-05-21", 0.4),
                // dashed two-digit year with "dob" is raised
                found("dashed yy with dob", "dob 12-05-81", "12-05-81", 0.65),
                // "born" raises a numeric date
                found("numeric with born", "born 02/03/1990", "02/03/1990", 0.9),

                // ---- month names ----
                // month name, day and year: strong without context
                found("month day year", "It shipped September 14, 2022 from", "September 14, 2022", 0.8),
                // day month year
                found("day month year", "It shipped 14 September 2022 from", "14 September 2022", 0.8),
                // abbreviation with a dot
                found("abbrev with dot", "deadline Jan. 9, 2025", "Jan. 9, 2025", 0.8),
                // "Sept" abbreviation
                found("sept abbreviation", "It moved Sept 5 2021 to", "Sept 5 2021", 0.8),
                // weekday, day, month, year in one span
                found("weekday day month year", "We meet Tuesday, 3 March 2026 in Rome", "Tuesday, 3 March 2026", 0.8),
                // ordinal with a comma year
                found("ordinal month day year", "party on March 3rd, 2026!", "March 3rd, 2026", 0.8),
                // ordinal "of" month without a year
                found("ordinal of month", "Paid the 21st of June.", "21st of June", 0.6),
                // bad ordinals as in the corpus still count
                found("odd ordinal", "until 2th of August", "2th of August", 0.6),
                // month and day without a year
                found("month day", "Let us talk about April 30 later", "April 30", 0.6),
                // day and month without a year
                found("day month", "Let us talk about 30 April later", "30 April", 0.6),
                // month and year
                found("month year", "Prices rose in June 2024 sharply", "June 2024", 0.6),
                // upper-case Presidio form dd-MMM-yyyy
                found("dd-MMM-yyyy", "stamp 7-OCT-2020 ok", "7-OCT-2020", 0.6),
                // dd-Mmm without a year
                found("dd-Mmm", "stamp 19-Nov ok", "19-Nov", 0.6),
                // Mmm-yyyy
                found("Mmm-yyyy", "stamp Nov-2020 ok", "Nov-2020", 0.6),
                // lower-case full month names are accepted when unambiguous
                found("lower-case month", "my birthday is january 5th", "january 5th", 0.9),
                // mid-month
                found("mid-March", "Expected mid-March, they said", "mid-March", 0.5),
                // end of a month with a year
                found("end of month year", "finished by the end of May 2023", "the end of May 2023", 0.5),
                // quarter and year
                found("quarter", "The Q3 2025 numbers", "Q3 2025", 0.5),
                // decade
                found("decade", "music of the 1980s mostly", "1980s", 0.5),
                // 30 February does not exist
                none("30 February", "Report it for February 30 then"),

                // ---- times ----
                // bare 24-hour clock: medium
                found("bare clock", "Doors 17:30 sharp", "17:30", 0.45),
                // seconds make it a clear time
                found("clock with seconds", "Doors 17:30:05 sharp", "17:30:05", 0.6),
                // am/pm after a clock time
                found("clock with PM", "Doors 5:30 PM sharp", "5:30 PM", 0.6),
                // hour with pm, no space
                found("hour pm", "Doors 5pm sharp", "5pm", 0.6),
                // dotted p.m.
                found("hour p.m.", "Doors 5 p.m. sharp", "5 p.m.", 0.6),
                // o'clock
                found("o'clock", "Doors 7 o'clock sharp", "7 o'clock", 0.6),
                // UTC zone joins the span
                found("time UTC", "Doors 09:00 UTC sharp", "09:00 UTC", 0.6),
                // GMT with an offset
                found("time GMT+2", "Doors 09:00 GMT+2 sharp", "09:00 GMT+2", 0.6),
                // zone abbreviation
                found("time CET", "Doors 21:15 CET sharp", "21:15 CET", 0.6),
                // am/pm and zone together
                found("time PM EST", "Doors 6:45 PM EST sharp", "6:45 PM EST", 0.6),
                // numeric offset after a space
                found("time offset", "Doors 10:30 +02:00 sharp", "10:30 +02:00", 0.6),
                // IANA zone name
                found("time Europe/Paris", "Doors 08:00 Europe/Paris sharp", "08:00 Europe/Paris", 0.6),
                // "at" raises a bare clock time
                found("clock with at", "see you at 04:30", "04:30", 0.75),
                // noon after "at"
                found("at noon", "Lunch at noon please", "noon", 0.5),
                // date and time with "at": two spans, as labelled in the corpus and as spaCy's DATE/TIME
                found("date part of date at time", "on 3 March at 10:30", "3 March", 0.9),
                // the time part of the same text, raised by "at"
                found("time part of date at time", "on 3 March at 10:30", "10:30", 0.75),

                // ---- relative dates ----
                // "today" alone is weak
                weak("today weak", "Weather in Oslo today: rain", "today", 0.4),
                // "tomorrow" with "due" is raised
                found("tomorrow with due", "The invoice is due tomorrow", "tomorrow", 0.6),
                // "yesterday" alone is weak
                weak("yesterday weak", "It broke yesterday.", "yesterday", 0.4),
                // "tonight" alone is weak
                weak("tonight weak", "We fly tonight.", "tonight", 0.4),
                // relative day with a time is one span
                found("tomorrow at 5pm", "Call me tomorrow at 5pm.", "tomorrow at 5pm", 0.7),
                // weekday with a clock time is one span
                found("weekday at clock", "Lunch Friday at 12:30 works", "Friday at 12:30", 0.7),
                // time before the relative day is one span too
                found("time then day", "Ping me 9am tomorrow", "9am tomorrow", 0.7),
                // next + weekday
                found("next Tuesday", "Let us meet next Tuesday", "next Tuesday", 0.5),
                // this + weekday
                found("this Friday", "Let us meet this Friday", "this Friday", 0.5),
                // a weekday after "on" is a date reference
                found("on Monday", "Let us meet on Monday", "Monday", 0.7),
                // a weekday alone is weak
                weak("weekday alone weak", "Send it before Friday.", "Friday", 0.4),
                // last week is weak without context
                weak("last week weak", "We spoke last week.", "last week", 0.4),
                // in N days is weak without context
                weak("in 3 days weak", "It ships in 3 days.", "in 3 days", 0.4),
                // N units ago in words
                found("two weeks ago", "He left two weeks ago.", "two weeks ago", 0.45),
                // N units ago in digits
                found("3 days ago", "Paid 3 days ago.", "3 days ago", 0.45),

                // ---- years introduced by a word ----
                // born in + year: the year, raised by "born"
                found("born in 1984", "She was born in 1984 in Lyon", "1984", 0.8),
                // since + year
                found("since 2019", "Member since 2019, gold tier", "2019", 0.5),
                // in the year + year
                found("in the year 2000", "It happened in the year 2000.", "2000", 0.5),
                // in + year without context is weak
                weak("in 2024 weak", "In 2024 we grew.", "2024", 0.4),

                // ---- card expiry ----
                // mm/yy with "expires" is raised
                found("expires mm/yy", "The card expires 11/26.", "11/26", 0.4),
                // mm/yy with "valid thru"
                found("valid thru", "VALID THRU 08/29", "08/29", 0.4),
                // mm/yy without context stays very weak
                weak("mm/yy weak", "ratio 11/26 again", "11/26", 0.15),
                // mm/yyyy with "exp"
                found("exp mm/yyyy", "exp 03/2027", "03/2027", 0.5),

                // ---- negatives ----
                // a bare 4-digit number: a count
                none("count", "We sold 2019 units."),
                // a price with a 4-digit amount
                none("price", "It costs 1984 dollars."),
                // version numbers with dots
                none("version 1.2.3", "Upgrade to version 1.2.3 now"),
                // a dotted version that would be a day after "version"
                none("version 1.12.10", "Install version 1.12.10 now"),
                // v-prefixed version
                none("v1.12.10", "tag v1.12.10 pushed"),
                // IPv4 address
                none("ip address", "host 192.168.10.12 down"),
                // an IP whose first octets look like d.m.yy
                none("ip d.m.yy-like", "host 10.11.12.13 down"),
                // a fraction
                none("ratio 3/4", "Add 3/4 cup"),
                // a sports score
                none("score 10-2", "They won 10-2."),
                // a US phone number
                none("phone dashed", "Call 555-123-4567 now"),
                // a phone with spaces
                none("phone spaced", "Call 06 49 40 55 53 now"),
                // an aspect ratio
                none("aspect ratio", "aspect ratio 16:10 only"),
                // a MAC address
                none("mac address", "mac 00:11:22:33:44:55 seen"),
                // 31 February in both readings
                none("31/02", "filed 31/02/2024"),
                // month 13 in both readings
                none("13/13", "filed 13/13/2024"),
                // mixed separators
                none("mixed separators", "code 12/03.2024"),
                // ISO with month 13
                none("iso month 13", "id 2024-13-01 x"),
                // an order id of 8 digits that is no calendar day
                none("order id 8 digits", "Order 20241399 shipped"),
                // digits glued to letters
                none("glued to letters", "ref AB12/03/2024CD"),
                // "May" as a verb is not a month
                none("may verb", "May I ask a question?"),
                // "march" as a verb is not a month
                none("march verb", "They march 5 miles."),
                // an ISBN
                none("isbn", "ISBN 978-3-16-148410-0"),
                // a decimal price with cents
                none("decimal price", "Total 129.99 EUR"),
                // a time glued to a word
                none("glued time", "build12:30x"),
                // a version-like triple with a one-digit tail
                none("semver triple", "node 18.17.1 installed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesDatesAndTimes(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
