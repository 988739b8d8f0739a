package io.edgerouter.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgerouter.privacy.corpus.LabelledCorpus;
import io.edgerouter.privacy.operator.EngineResult;
import io.edgerouter.privacy.operator.OperatorConfig;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.vault.StreamingDeanonymizer;
import io.edgerouter.privacy.vault.Vault;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: for any text, deanonymize(anonymize(x)) == x, whole or streamed, and no detected value survives
 * in the anonymized text. Texts are random mixes of corpus sentences, random characters (including '<', '>',
 * '_' and upper-case runs that resemble placeholders) and repeated values.
 */
class RoundTripPropertyTest {

    private static final PrivacyFilter FILTER = PrivacyFilter.create(PrivacyConfig.defaults());
    private static final List<String> SENTENCES = LabelledCorpus.load().stream().map(LabelledCorpus.Sample::text).toList();
    /** Users may quote placeholders themselves; they must come back unchanged, not as someone's value. */
    private static final List<String> LITERAL_PLACEHOLDERS = List.of("<PERSON_1>", "<EMAIL_ADDRESS_1>", "<PHONE_NUMBER_2>",
            "<LOCATION_1>", "<X_1>");
    private static final String NOISE = "abcXYZ_<>0123456789 .,:;@-+/\n\tÄéß漢字🙂<PERSON_ <A_1 >";

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + random.nextInt(5);
        for (int p = 0; p < parts; p++) {
            int kind = random.nextInt(5);
            if (kind == 0) {
                sb.append(LITERAL_PLACEHOLDERS.get(random.nextInt(LITERAL_PLACEHOLDERS.size())));
            } else if (kind <= 2) {
                sb.append(SENTENCES.get(random.nextInt(SENTENCES.size())));
            } else {
                int n = random.nextInt(30);
                for (int i = 0; i < n; i++) {
                    sb.appendCodePoint(NOISE.codePointAt(NOISE.offsetByCodePoints(0, random.nextInt(NOISE.codePointCount(0, NOISE.length())))));
                }
            }
            sb.append(random.nextBoolean() ? " " : "\n");
        }
        if (random.nextInt(4) == 0) {
            sb.append(sb); // the same values twice: must get the same placeholders
        }
        return sb.toString();
    }

    @Test
    void deanonymizeOfAnonymizeIsTheIdentityWholeAndStreamed() {
        Random random = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            String text = randomText(random);
            Vault vault = new Vault();
            List<RecognizerResult> found = FILTER.analyze(text);
            EngineResult masked = FILTER.anonymize(text, found, Map.of(), vault);
            for (RecognizerResult r : found) {
                String value = text.substring(r.start(), r.end());
                if (value.length() >= 6) {
                    assertThat(masked.text()).as("value leaked in trial %d", trial).doesNotContain(value);
                }
            }
            assertThat(FILTER.deanonymize(masked.text(), vault)).as("trial %d", trial).isEqualTo(text);
            assertThat(streamed(masked.text(), vault, random)).as("streamed trial %d", trial).isEqualTo(text);
        }
    }

    @Test
    void encryptThenDecryptIsTheIdentity() {
        Random random = new Random(7);
        OperatorConfig encrypt = OperatorConfig.of("encrypt", "key", "k3y-of-16-bytes!");
        OperatorConfig decrypt = OperatorConfig.of("decrypt", "key", "k3y-of-16-bytes!");
        for (int trial = 0; trial < 100; trial++) {
            String text = randomText(random);
            EngineResult masked = FILTER.anonymize(text, FILTER.analyze(text), Map.of("DEFAULT", encrypt), null);
            List<RecognizerResult> spans = new ArrayList<>();
            masked.items().forEach(i -> spans.add(new RecognizerResult(i.entityType(), i.start(), i.end(), 1.0, "t")));
            String back = FILTER.anonymizer().deanonymize(masked.text(), spans, Map.of("DEFAULT", decrypt), null).text();
            assertThat(back).as("trial %d", trial).isEqualTo(text);
        }
    }

    private static String streamed(String answer, Vault vault, Random random) {
        StreamingDeanonymizer s = FILTER.streamingDeanonymizer(vault);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < answer.length()) {
            int n = Math.min(answer.length() - i, 1 + random.nextInt(12));
            out.append(s.accept(answer.substring(i, i + n)));
            i += n;
        }
        return out.append(s.flush()).toString();
    }
}
