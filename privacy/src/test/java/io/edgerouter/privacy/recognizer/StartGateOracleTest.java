package io.edgerouter.privacy.recognizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgerouter.privacy.corpus.LabelledCorpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Every built-in pattern, run through its {@link StartGate} (and through the shared token offsets), reports exactly
 * the spans that plain {@code Matcher.find()} reports: a gate may only skip offsets where no match can start.
 * Texts: the labelled corpus plus random strings over the characters that matter to the gates.
 */
public class StartGateOracleTest {

    private static final String ALPHABET = "aAbBcCeEfFgGhHiIkKoOpPsSwWxXyYzZ0123456789 .:-_+/()@%=#\n\té";

    @Test
    void gatedPatternsFindWhatPlainFindFinds() {
        List<String> texts = new ArrayList<>();
        LabelledCorpus.load().forEach(s -> texts.add(s.text()));
        Random random = new Random(11);
        for (int i = 0; i < 400; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(80);
            for (int k = 0; k < n; k++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            texts.add(sb.toString());
        }
        int checked = 0;
        for (Recognizer r : RecognizerRegistry.builtIn().recognizers()) {
            if (!(r instanceof PatternRecognizer pr)) {
                continue;
            }
            for (PatternRecognizer.Pattern p : pr.patterns()) {
                java.util.regex.Pattern plain = java.util.regex.Pattern.compile(p.regex().source());
                for (String text : texts) {
                    List<String> gated = new ArrayList<>();
                    p.regex().forEachMatch(new AnalysisInput(text), (s, e) -> gated.add(s + ".." + e));
                    List<String> bySource = new ArrayList<>();
                    p.regex().forEachMatch(text, (s, e) -> bySource.add(s + ".." + e));
                    List<String> expected = plainFind(plain, text);
                    assertThat(gated).as("%s / %s in: %s", r.name(), p.name(), text).isEqualTo(expected);
                    assertThat(bySource).as("%s / %s in: %s", r.name(), p.name(), text).isEqualTo(expected);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    /** Spans of plain {@code find()} ("s..e"; the named group "span" when the pattern has one): the oracle. */
    public static List<String> plainFind(java.util.regex.Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        boolean named = p.pattern().contains("(?<span>");
        while (m.find()) {
            int s = named ? m.start("span") : m.start();
            int e = named ? m.end("span") : m.end();
            if (s >= 0 && e > s) {
                out.add(s + ".." + e);
            }
        }
        return out;
    }
}
