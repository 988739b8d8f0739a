package io.edgerouter.privacy.recognizer.datetime;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgerouter.privacy.DigitFloodTest;
import io.edgerouter.privacy.corpus.LabelledCorpus;
import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.StartGateOracleTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link RuleScan} (token anchors, lookbehind-free bodies, hand-written shapes) reports for every rule exactly the
 * spans that the rule's regex reports with plain {@code Matcher.find()} over the whole text. Texts: the labelled
 * corpus, the start of each digit flood, random sequences of date and time words, and random strings over the
 * characters of numeric dates and times.
 */
class RuleScanOracleTest {

    private static final String[] WORDS = {"Jan", "January", "jan", "JAN", "Feb.", "March", "Mar", "May", "MAY",
            "june", "Sept", "Sept.", "SEPT", "Dec", "Monday", "Mon", "Tue.", "tuesday", "FRIDAY", "Thurs", "Sundays",
            "today", "Today", "tomorrow", "TONIGHT", "yesterday", "morning", "evening", "night", "this", "next",
            "last", "coming", "past", "the", "The", "day", "after", "of", "on", "On", "at", "by", "until", "since",
            "in", "In", "from", "before", "born", "class", "year", "circa", "ago", "from now", "later", "days", "week",
            "weekend", "month", "hours", "a few", "a couple of", "two", "Two", "an", "a", "noon", "midnight",
            "o'clock", "am", "pm", "a.m.", "P.M.", "PM", "UTC", "UTC+2", "GMT-5", "EST", "CEST", "Z", "Europe/Paris",
            "version", "v", "ratio", "date", "dob", "expires", "Q3", "mid-", "Mid", "midMarch", "early", "Late",
            "end", "beginning", "1990s", "st", "nd", "th", "'24", "2024", "1984", "20240315", "2024-03-15",
            "2024-02-30", "2024-3-5", "2024/03/15", "2024.03.15", "15.03.2024", "31/02/2024", "12/31/99", "12-03-24",
            "1.12.10", "03/24", "12/2024", "5", "17", "31", "3", "12", "24", "12:30", "17:30:05", "9:00",
            "23:59:59.123", "16:9", "25:00", "2024-03-15T14:30:00.123+02:00", "2024-03-15 14:30",
            "2024-01-31T10:00Z", "T14:30", "+02:00", "-05:00", "5-MAY-2021", "5th-May", "May-21", "@", "%", "$",
            "#", "\u20ac", "-", "/", ".", ":", ",", "+", "(", "'", "_", "x", "\u00e9"};
    private static final String[] GLUE = {" ", " ", " ", "", ", ", "-", "/", ".", ":", "\n", " the ", " of "};
    private static final String CHARS = "01234567890123456789:::--TTZ  +.,/apmAPMUTCGESx\u00e9";

    @Test
    void everyRuleFindsWhatPlainFindFinds() {
        List<String> texts = new ArrayList<>();
        LabelledCorpus.load().forEach(s -> texts.add(s.text()));
        DigitFloodTest.floods().forEach(f -> texts.add(f.substring(0, 3000)));
        Random random = new Random(5);
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                sb.append(WORDS[random.nextInt(WORDS.length)]).append(GLUE[random.nextInt(GLUE.length)]);
            }
            texts.add(sb.toString());
            sb.setLength(0);
            for (int k = random.nextInt(40); k >= 0; k--) {
                sb.append(CHARS.charAt(random.nextInt(CHARS.length())));
            }
            texts.add(sb.toString());
        }
        List<DateTimeRules.Rule> rules = DateTimeRules.rules();
        List<Pattern> plain = rules.stream().map(r -> Pattern.compile(r.pattern().regex().source())).toList();
        int matches = 0;
        for (String text : texts) {
            List<List<String>> scanned = new ArrayList<>();
            rules.forEach(r -> scanned.add(new ArrayList<>()));
            RuleScan.scan(new AnalysisInput(text), (r, s, e) -> scanned.get(r).add(s + ".." + e));
            for (int r = 0; r < rules.size(); r++) {
                List<String> expected = StartGateOracleTest.plainFind(plain.get(r), text);
                assertThat(scanned.get(r)).as("%s in: %s", rules.get(r).pattern().name(), text).isEqualTo(expected);
                matches += expected.size();
            }
        }
        assertThat(matches).isGreaterThan(3_000);
    }
}
