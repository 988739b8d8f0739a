package io.edgerouter.gateway.fleet;

import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PolicyCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecalibratorTest {

    private static final PolicyCodec CODEC = PolicyCodec.schemaOnly();

    private static double[] uniformScores(int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = (i + 1) / (double) n;
        }
        return s;
    }

    private static Policy policy(String routing, String budget) {
        return CODEC.parse("""
                {"version": 4, "fleet": "f", "routing": %s, "budget": %s}""".formatted(routing, budget));
    }

    @Test
    void thresholdsAreTheQuantilesOfTheTargetShares() {
        Policy p = policy("{\"target\": {\"offload_share\": 0.1, \"verify_share\": 0.2}}", "{}");
        Recalibrator.Observation seen = new Recalibrator.Observation(uniformScores(100), 100, 30, 3000, 0);

        Policy next = new Recalibrator(0.02).recalibrate(p, seen, "learning-loop").orElseThrow();

        assertThat(next.version()).isEqualTo(5);
        assertThat(next.issuedBy()).isEqualTo("learning-loop");
        assertThat(next.routing().target()).as("the target is carried forward").contains(new Policy.TargetShare(0.1, 0.2));
        assertThat(next.routing().thresholds().orElseThrow().offload()).isCloseTo(0.905, within(1e-9));
        assertThat(next.routing().thresholds().orElseThrow().verify()).isCloseTo(0.705, within(1e-9));
    }

    @Test
    void overBudgetFleetGetsSmallerCloudShares() {
        // 100 decisions in one hour, 30 of them cloud at 100 tokens each: 3000 tokens/h at a 30 % share; budget 1500/h
        Policy p = policy("{\"target\": {\"offload_share\": 0.1, \"verify_share\": 0.2}}", "{\"cloud_tokens_per_hour\": 1500}");
        Recalibrator.Observation seen = new Recalibrator.Observation(uniformScores(100), 100, 30, 3000, 1.0);

        Policy next = new Recalibrator(0.02).recalibrate(p, seen, "learning-loop").orElseThrow();

        // shares halved: 5 % offload, 15 % cloud in all
        assertThat(next.routing().thresholds().orElseThrow().offload()).isCloseTo(0.955, within(1e-9));
        assertThat(next.routing().thresholds().orElseThrow().verify()).isCloseTo(0.855, within(1e-9));
    }

    @Test
    void smallMoveIsNotPublished() {
        Policy p = policy("{\"thresholds\": {\"offload\": 0.9, \"verify\": 0.7},"
                + " \"target\": {\"offload_share\": 0.1, \"verify_share\": 0.2}}", "{}");
        Recalibrator.Observation seen = new Recalibrator.Observation(uniformScores(100), 100, 30, 3000, 0);

        assertThat(new Recalibrator(0.02).recalibrate(p, seen, "learning-loop")).isEmpty();
    }

    @Test
    void aLoopPolicyReplayedAfterARestartStillAimsAtTheOperatorsTarget() {
        // the latest policy on the compacted topic is the loop's own: thresholds far off, the operator's target along
        Policy p = policy("{\"thresholds\": {\"offload\": 0.5, \"verify\": 0.3},"
                + " \"target\": {\"offload_share\": 0.1, \"verify_share\": 0.2}}", "{}");
        Recalibrator.Observation seen = new Recalibrator.Observation(uniformScores(100), 100, 30, 3000, 0);

        Policy next = new Recalibrator(0.02).recalibrate(p, seen, "learning-loop").orElseThrow();

        assertThat(next.routing().thresholds().orElseThrow().offload()).isCloseTo(0.905, within(1e-9));
        assertThat(next.routing().thresholds().orElseThrow().verify()).isCloseTo(0.705, within(1e-9));
        assertThat(next.routing().target()).contains(new Policy.TargetShare(0.1, 0.2));
    }

    @Test
    void withoutOperatorTargetOnlyTheBudgetMovesThresholds() {
        Policy p = policy("{\"thresholds\": {\"offload\": 0.9, \"verify\": 0.7}}", "{}");
        Recalibrator.Observation seen = new Recalibrator.Observation(uniformScores(100), 100, 30, 3000, 1.0);

        assertThat(new Recalibrator(0.02).recalibrate(p, seen, "learning-loop")).isEmpty();
    }
}
