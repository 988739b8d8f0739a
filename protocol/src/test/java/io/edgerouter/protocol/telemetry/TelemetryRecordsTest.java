package io.edgerouter.protocol.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // an agent from before the scored field: its score counts
            "{'fleet':'f','route':'LOCAL','score':0.4} | true",
            "{'fleet':'f','route':'LOCAL','score':0.4,'scored':true} | true",
            // a forced route: the score did not choose it
            "{'fleet':'f','route':'OFFLOAD','score':0.4,'scored':false} | false",
            // nothing was scored (model: local)
            "{'fleet':'f','route':'LOCAL','scored':false} | false",
            "{'fleet':'f','route':'LOCAL'} | false",
    })
    void onlyScoredDecisionsAreThresholdSamples(String json, boolean sample) throws Exception {
        DecisionRecord d = JSON.readValue(json.replace('\'', '"'), DecisionRecord.class);

        assertThat(d.isThresholdSample()).isEqualTo(sample);
    }

    @Test
    void decisionWithoutScoreIsWrittenWithoutOneAndWithoutTheHelper() throws Exception {
        DecisionRecord d = new DecisionRecord("f", "app", "a", "r", 0, 1L, "LOCAL", null, false, List.of("forced:request"),
                1, "m", 1.0, 1, 1, 0, 0, 0);

        String written = JSON.writeValueAsString(d);

        assertThat(written).doesNotContain("\"score\"").contains("\"scored\":false").doesNotContain("threshold_sample")
                .doesNotContain("thresholdSample");
        assertThat(JSON.readValue(written, DecisionRecord.class)).isEqualTo(d);
    }

    @Test
    void ratingReadsBackEqualAndRejectsARatingOutOfRange() throws Exception {
        RatingRecord r = new RatingRecord("f", "app", "a", "r", RatingRecord.WHOLE_COMPLETION, 1L, "VERIFY", 0.7, true,
                "m+3", -0.5, false);

        assertThat(JSON.readValue(JSON.writeValueAsString(r), RatingRecord.class)).isEqualTo(r);
        assertThatThrownBy(() -> JSON.readValue("{\"fleet\":\"f\",\"route\":\"LOCAL\",\"rating\":2}", RatingRecord.class))
                .hasMessageContaining("rating must be between -1 and 1, got 2.0");
    }
}
