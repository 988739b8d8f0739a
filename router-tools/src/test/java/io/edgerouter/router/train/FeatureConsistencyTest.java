package io.edgerouter.router.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A feature counts as consistent only when it points the same way in most families. */
class FeatureConsistencyTest {

    /** Prompts of growing length; the cloud helps more with length in {@code up} families and less in the others. */
    private static List<RoutingExample> families(boolean... up) {
        List<RoutingExample> out = new ArrayList<>();
        for (int f = 0; f < up.length; f++) {
            for (int i = 0; i < 40; i++) {
                boolean hard = up[f] ? i >= 20 : i < 20;
                out.add(new RoutingExample("word ".repeat(1 + i), hard ? 0.0 : 1.0, 1.0, "fam" + f));
            }
        }
        return out;
    }

    private static FeatureConsistencyCommand.Row length(List<RoutingExample> ex) {
        return FeatureConsistencyCommand.rows(ex).stream().filter(r -> r.feature().equals("log_chars")).findFirst().orElseThrow();
    }

    @Test
    void lengthThatHelpsEverywhereIsConsistent() {
        FeatureConsistencyCommand.Row r = length(families(true, true, true, true));
        assertThat(r.positive()).isEqualTo(4);
        assertThat(r.negative()).isZero();
        assertThat(r.medianAbs()).isGreaterThan(0.5);
        assertThat(r.consistent()).isTrue();
    }

    @Test
    void lengthThatFlipsBetweenFamiliesIsNot() {
        FeatureConsistencyCommand.Row r = length(families(true, true, false, false));
        assertThat(r.positive()).isEqualTo(2);
        assertThat(r.negative()).isEqualTo(2);
        assertThat(r.consistent()).isFalse();
    }

    @Test
    void aConstantFeatureCorrelatesWithNothing() {
        FeatureConsistencyCommand.Row code = FeatureConsistencyCommand.rows(families(true, false)).stream()
                .filter(r -> r.feature().equals("has_code")).findFirst().orElseThrow();
        assertThat(code.correlations()).containsOnly(0.0);
        assertThat(code.consistent()).isFalse();
    }
}
