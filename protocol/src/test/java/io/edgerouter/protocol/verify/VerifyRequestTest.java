package io.edgerouter.protocol.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyRequestTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void samplingParametersTravelInSnakeCase() throws Exception {
        VerifyRequest r = new VerifyRequest("sha256:ab", "s-1", List.of(1, 2), null, List.of(3), List.of(-0.5),
                VerifyMode.SAMPLE, 7L, null).withSampling(0.7, 0.9, 40);

        JsonNode wire = json.readTree(json.writeValueAsString(r));

        assertThat(wire.get("temperature").doubleValue()).isEqualTo(0.7);
        assertThat(wire.get("top_p").doubleValue()).isEqualTo(0.9);
        assertThat(wire.get("top_k").intValue()).isEqualTo(40);
        assertThat(json.treeToValue(wire, VerifyRequest.class)).isEqualTo(r);
    }

    @Test
    void unsetSamplingParametersAreLeftOffTheWire() throws Exception {
        VerifyRequest r = new VerifyRequest("sha256:ab", null, List.of(1), null, List.of(2), null, VerifyMode.GREEDY, null, 8);

        JsonNode wire = json.readTree(json.writeValueAsString(r));

        assertThat(wire.has("temperature")).isFalse();
        assertThat(wire.has("top_p")).isFalse();
        assertThat(wire.has("top_k")).isFalse();
        assertThat(wire.get("continue_max_tokens").intValue()).isEqualTo(8);
    }

    @Test
    void onlyTheSetParameterIsSent() throws Exception {
        VerifyRequest r = new VerifyRequest("sha256:ab", null, List.of(1), null, List.of(2), null, VerifyMode.SAMPLE, 1L, null)
                .withSampling(null, null, 1);

        JsonNode wire = json.readTree(json.writeValueAsString(r));

        assertThat(wire.get("top_k").intValue()).isEqualTo(1);
        assertThat(wire.has("temperature")).isFalse();
        assertThat(wire.has("top_p")).isFalse();
    }
}
