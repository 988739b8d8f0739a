package io.edgerouter.agent.telemetry;

import io.edgerouter.protocol.Topics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BufferedRecordTest {

    @Test
    void aRatingLineNamesItsTopicAndReadsBack() {
        BufferedRecord r = new BufferedRecord(Topics.RATINGS, "{\"rating\":1.0,\"app\":\"a\\tb\"}");

        assertThat(r.line()).startsWith(Topics.RATINGS + "\t{");
        assertThat(BufferedRecord.parse(r.line())).isEqualTo(r);
    }

    @Test
    void aBareJsonLineFromAnOlderAgentsBufferIsADecision() {
        assertThat(BufferedRecord.parse("{\"route\":\"LOCAL\"}"))
                .isEqualTo(new BufferedRecord(Topics.DECISIONS, "{\"route\":\"LOCAL\"}"));
    }

    @Test
    void rejectsATopicThatWouldBreakTheLine() {
        assertThatThrownBy(() -> new BufferedRecord("a\tb", "{}")).hasMessageContaining("without tabs or newlines");
    }
}
