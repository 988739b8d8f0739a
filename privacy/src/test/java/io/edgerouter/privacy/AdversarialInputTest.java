package io.edgerouter.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgerouter.privacy.operator.EngineResult;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.vault.Vault;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Texts built to hit worst cases (tens of thousands of overlapping matches, endless digit runs, BEGIN lines without
 * END, placeholder look-alikes) still finish in linear time at 64 K characters, and masking then restoring them
 * still gives the text back. Before the O(n log n) de-duplication these took seconds to minutes.
 */
class AdversarialInputTest {

    private static final int LENGTH = 64 * 1024;
    private static final PrivacyFilter FILTER = PrivacyFilter.create(PrivacyConfig.defaults());

    static Stream<String> units() {
        return Stream.of("1.1.1.1 ", "::1 ", "12:30 ", "0 ", "1 2 ", "123456789 ", "a@b.co ", "www.a.com ",
                "4111111111111111 ", "+44 20 7946 0958 ", "John Smith ", "Berlin ", "x", "<PERSON_1",
                "-----BEGIN RSA PRIVATE KEY-----\n", "aB3dE5gH7jK9mN1pQ3sT5vX7 ", "DE89370400440532013000 ");
    }

    @ParameterizedTest(name = "repeated ''{0}''")
    @MethodSource("units")
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void repeatedUnitsAreAnalyzedMaskedAndRestoredInLinearTime(String unit) {
        String text = unit.repeat(LENGTH / unit.length());
        List<RecognizerResult> found = FILTER.analyze(text);
        Vault vault = new Vault(1_000_000);
        EngineResult masked = FILTER.anonymize(text, found, Map.of(), vault);
        assertThat(FILTER.deanonymize(masked.text(), vault)).isEqualTo(text);
    }
}
