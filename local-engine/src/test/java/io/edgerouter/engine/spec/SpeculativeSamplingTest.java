package io.edgerouter.engine.spec;

import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.TinyFixture;
import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.model.EngineLimits;
import io.edgerouter.engine.sampling.ChiSquare;
import io.edgerouter.engine.sampling.Probabilities;
import io.edgerouter.engine.sampling.SamplingParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end losslessness of speculative sampling: the first two tokens generated speculatively (a draft-model or
 * prompt-lookup draft, then acceptance, correction or bonus token, then a second round) follow the target's joint
 * distribution p(x1) · p(x2 | x1), checked with a chi-square test at a fixed seed.
 */
class SpeculativeSamplingTest {

    private static final SamplingParams PARAMS = new SamplingParams(1.3, 8, 1, 0);
    private static final int RUNS = 1500;

    private static LocalEngine engine;
    private static int[] context;

    @BeforeAll
    static void open() {
        engine = TinyFixture.engine();
        // ends inside a repeat of an earlier phrase, so prompt lookup has a plausible token to propose
        context = engine.tokenizer().encode("the edge router sends hard queries to the cloud; the edge router se");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @ParameterizedTest
    @EnumSource(value = Decoding.class, names = {"DRAFT_MODEL", "PROMPT_LOOKUP"})
    void speculativeSamplingPreservesTheTargetsJointDistributionOfTwoTokens(Decoding decoding) {
        int vocab = engine.target().vocabSize();
        double[] expected = targetJointDistribution(vocab); // (vocab · vocab): x1 · vocab + x2
        long[] counts = new long[vocab * vocab];
        long drafted = 0;
        long accepted = 0;
        try (Conversation conversation = engine.newConversation()) {
            for (int run = 0; run < RUNS; run++) {
                SamplingParams seeded = new SamplingParams(PARAMS.temperature(), PARAMS.topK(), PARAMS.topP(), run);
                var result = conversation.generate(GenerationRequest.of(context, 2, decoding).withSampling(seeded));
                counts[result.tokens()[0] * vocab + result.tokens()[1]]++;
                drafted += result.drafted();
                accepted += result.accepted();
            }
        }
        assertThat(drafted).as("drafts were proposed").isGreaterThan(RUNS / 2);
        assertThat(accepted).as("some drafts accepted, some rejected").isBetween(1L, drafted - 1);
        double[] chi = ChiSquare.statistic(counts, expected, RUNS);
        assertThat(chi[0]).as("chi-square with %s degrees of freedom", chi[1])
                .isLessThan(ChiSquare.critical(chi[1]));
    }

    /** p(x1 | context) · p(x2 | context, x1) under the sampling parameters, from the target alone. */
    private static double[] targetJointDistribution(int vocab) {
        double[] joint = new double[vocab * vocab];
        try (DecoderSession target = new DecoderSession(engine.target(), EngineLimits.unlimited())) {
            double[] first = Probabilities.of(target.extendTo(context, 1), 0, vocab, PARAMS);
            for (int x1 = 0; x1 < vocab; x1++) {
                if (first[x1] == 0) {
                    continue;
                }
                int[] extended = Arrays.copyOf(context, context.length + 1);
                extended[context.length] = x1;
                double[] second = Probabilities.of(target.extendTo(extended, 1), 0, vocab, PARAMS);
                for (int x2 = 0; x2 < vocab; x2++) {
                    joint[x1 * vocab + x2] = first[x1] * second[x2];
                }
            }
        }
        return joint;
    }
}
