package io.edgerouter.gateway.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.protocol.json.FieldViolation;
import io.edgerouter.protocol.openai.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The sampling parameters' rules, one row per rule: the violation names the field and says what is allowed. */
class VerifyRequestParserTest {

    private static final int VOCAB = 259;
    private final VerifyRequestParser parser = new VerifyRequestParser("sha256:t", VOCAB, 64, 1024);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // 0 is greedy decoding, which has its own mode
            "'mode':'sample','temperature':0            | temperature | send mode greedy",
            // OpenAI's upper bound
            "'mode':'sample','temperature':2.5          | temperature | (0, 2]",
            // negative
            "'mode':'sample','temperature':-0.5         | temperature | (0, 2]",
            // beyond double range: parsed as infinity, not finite
            "'mode':'sample','temperature':1e999        | temperature | finite",
            // not a number
            "'mode':'sample','temperature':'hot'        | temperature | must be a number",
            // nothing left to sample from
            "'mode':'sample','top_p':0                  | top_p       | (0, 1]",
            // above 1
            "'mode':'sample','top_p':1.5                | top_p       | (0, 1]",
            // a fraction is not a count
            "'mode':'sample','top_k':2.5                | top_k       | must be an integer",
            // negative
            "'mode':'sample','top_k':-1                 | top_k       | between 0 and 259",
            // more than the vocabulary
            "'mode':'sample','top_k':260                | top_k       | between 0 and 259",
            // greedy takes the argmax: a temperature would be silently ignored
            "'mode':'greedy','temperature':0.7          | temperature | mode sample only",
            // also for top_p
            "'mode':'greedy','top_p':0.9                | top_p       | mode sample only",
            // also for top_k, even 1
            "'mode':'greedy','top_k':1                  | top_k       | mode sample only",
            // greedy is the default mode, and the message says so
            "'temperature':0.7                          | temperature | mode greedy (the default)",
            // even temperature 0 is rejected in greedy mode: one rule, no exceptions
            "'mode':'greedy','temperature':0            | temperature | mode sample only",
    })
    void breakingASamplingRuleNamesTheFieldAndTheRule(String fields, String param, String rule) {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class, () -> parser.parse(body(fields)));

        assertThat(e).as("rejected").isNotNull();
        assertThat(e.param()).isEqualTo(param);
        assertThat(e.violations()).extracting(FieldViolation::rule).singleElement().asString().contains(rule);
    }

    @Test
    void everyBrokenParameterIsListed() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> parser.parse(body("'mode':'sample','temperature':3,'top_p':0,'top_k':-2")));

        assertThat(e.violations()).extracting(FieldViolation::path).containsExactly("temperature", "top_p", "top_k");
    }

    @Test
    void sampleModeDefaultsToTheTargetsOwnDistribution() {
        VerifyCall call = parser.parse(body("'mode':'sample'"));

        assertThat(call.sampling()).isEqualTo(new VerifyCall.Sampling(1, 1, 0));
    }

    @Test
    void boundsAreAccepted() {
        VerifyCall call = parser.parse(body("'mode':'sample','temperature':2,'top_p':1,'top_k':" + VOCAB));

        assertThat(call.sampling()).isEqualTo(new VerifyCall.Sampling(2, 1, VOCAB));
    }

    @Test
    void smallPositiveValuesAreAccepted() {
        VerifyCall call = parser.parse(body("'mode':'sample','temperature':0.001,'top_p':1e-9,'top_k':0"));

        assertThat(call.sampling()).isEqualTo(new VerifyCall.Sampling(0.001, 1e-9, 0));
    }

    private static JsonNode body(String fields) {
        String json = ("{'tokenizer_hash':'sha256:t','context_ids':[1,2],'draft_ids':[3]," + fields + "}").replace('\'', '"');
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
