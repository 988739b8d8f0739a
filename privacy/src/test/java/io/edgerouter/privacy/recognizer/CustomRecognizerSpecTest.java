package io.edgerouter.privacy.recognizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgerouter.privacy.InvalidInputException;
import io.edgerouter.privacy.InvalidPatternException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomRecognizerSpecTest {

    private static final CustomRecognizerSpec EMPLOYEE_ID = new CustomRecognizerSpec("employee-id", "EMPLOYEE_ID",
            "EMP-[0-9]{6}", List.of("employee", "staff"), 0.3);

    @Test
    void compiledSpecFindsItsPatternWithTheBaseScore() {
        String text = "ticket for EMP-123456 opened";
        List<RecognizerResult> results = EMPLOYEE_ID.compile().analyze(new AnalysisInput(text));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(text.substring(r.start(), r.end())).isEqualTo("EMP-123456");
            assertThat(r.entityType()).isEqualTo("EMPLOYEE_ID");
            assertThat(r.score()).isEqualTo(0.3);
        });
    }

    @Test
    void contextWordsRaiseTheScoreOfACustomPattern() {
        List<RecognizerResult> results = EMPLOYEE_ID.compile().analyze(new AnalysisInput("employee EMP-123456"));
        assertThat(results).singleElement().satisfies(r -> assertThat(r.score()).isEqualTo(0.65, org.assertj.core.data.Offset.offset(1e-9)));
    }

    @Test
    void rejectsAPatternRe2CannotCompileAndSaysWhy() {
        CustomRecognizerSpec lookbehind = new CustomRecognizerSpec("bad", "X_ID", "(?<=id)[0-9]+", List.of(), 0.5);
        assertThatThrownBy(lookbehind::compile).isInstanceOf(InvalidPatternException.class)
                .hasMessageContaining("custom recognizer 'bad'").hasMessageContaining("(?<=id)[0-9]+");
    }

    @Test
    void rejectsBackreferences() {
        CustomRecognizerSpec backref = new CustomRecognizerSpec("dup", "X_ID", "(a+)\\1", List.of(), 0.5);
        assertThatThrownBy(backref::compile).isInstanceOf(InvalidPatternException.class);
    }

    @Test
    void rejectsPatternsThatMatchTheEmptyString() {
        CustomRecognizerSpec empty = new CustomRecognizerSpec("empty", "X_ID", "[0-9]*", List.of(), 0.5);
        assertThatThrownBy(empty::compile).isInstanceOf(InvalidPatternException.class)
                .hasMessageContaining("empty string");
    }

    @Test
    void rejectsMalformedEntityTypeAndScore() {
        assertThatThrownBy(() -> new CustomRecognizerSpec("n", "lower_case", "x", List.of(), 0.5))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("lower_case");
        assertThatThrownBy(() -> new CustomRecognizerSpec("n", "X_ID", "x", List.of(), 1.5))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1.5");
    }

    @Test
    void aHostilePatternRunsInLinearTime() {
        // (a+)+$ makes a backtracking engine explode on "aaaa...b"; RE2/J stays linear
        CustomRecognizerSpec hostile = new CustomRecognizerSpec("redos", "X_ID", "(a+)+$", List.of(), 0.5);
        Recognizer r = hostile.compile();
        String text = "a".repeat(20_000) + "b";
        long start = System.nanoTime();
        List<RecognizerResult> results = r.analyze(new AnalysisInput(text));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(results).isEmpty();
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anInvalidPolicyPatternFailsFilterCreationNamingItsPolicyPath() {
        io.edgerouter.privacy.PrivacyConfig config = io.edgerouter.privacy.PrivacyConfig.defaults()
                .withCustomRecognizers(List.of(EMPLOYEE_ID, new CustomRecognizerSpec("ticket", "TICKET", "(T-\\d+", List.of(), 0.6)));
        assertThatThrownBy(() -> io.edgerouter.privacy.PrivacyFilter.create(config))
                .isInstanceOf(InvalidPatternException.class)
                .satisfies(e -> assertThat(((InvalidPatternException) e).field()).isEqualTo("custom_recognizers[1].regex"))
                .hasMessageContaining("custom recognizer 'ticket'").hasMessageContaining("missing closing )");
    }

    @Test
    void rejectsNestedRepeatsBeforeRe2BuildsAHugeProgram() {
        // RE2/J would build a million-state program here (seconds of compile time; one more level exhausts the heap)
        CustomRecognizerSpec nested = new CustomRecognizerSpec("nested", "X_ID", "((a{100}){100}){100}", List.of(), 0.5);
        assertThatThrownBy(nested::compile).isInstanceOf(InvalidPatternException.class)
                .hasMessageContaining("1000000 matcher states");
    }

    @Test
    void aPolicyRecognizerIsUsedByTheFilter() {
        io.edgerouter.privacy.PrivacyFilter filter = io.edgerouter.privacy.PrivacyFilter.create(
                io.edgerouter.privacy.PrivacyConfig.defaults().withCustomRecognizers(List.of(EMPLOYEE_ID)));
        assertThat(filter.analyze("staff badge EMP-123456 lost")).extracting(RecognizerResult::entityType)
                .contains("EMPLOYEE_ID");
    }
}
