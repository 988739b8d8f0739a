package io.edgerouter.engine.spec;

import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.InvalidRequestException;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.Prompts;
import io.edgerouter.engine.TinyFixture;
import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.model.EngineLimits;
import io.edgerouter.engine.sampling.ChiSquare;
import io.edgerouter.engine.sampling.Probabilities;
import io.edgerouter.engine.sampling.SamplingParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelVerifierTest {

    private static LocalEngine engine;
    private static int[] context;
    private static int[] greedy;

    @BeforeAll
    static void open() {
        engine = TinyFixture.engine();
        context = engine.chatPrompt(Prompts.grounded(1, 8, 31).get(0));
        try (Conversation c = engine.newConversation()) {
            greedy = c.generate(GenerationRequest.of(context, 8, Decoding.VANILLA)).tokens();
        }
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void acceptsTheTargetsOwnGreedyContinuationAndAddsTheBonusToken() {
        ModelVerifier verifier = engine.newVerifier(SamplingParams.greedy());
        VerifyResult r = verifier.verify(context, Arrays.copyOf(greedy, 5), null);
        assertThat(r.accepted()).isEqualTo(5);
        assertThat(r.nextToken()).isEqualTo(greedy[5]);
        assertThat(r.targetLogProbs()).hasSize(6);
        assertThat(Arrays.stream(r.targetLogProbs()).max().orElseThrow()).isLessThanOrEqualTo(0);
        assertThat(verifier.target().length()).isEqualTo(context.length + 5); // the cache is kept for next round
    }

    @Test
    void correctsTheFirstWrongDraftTokenAndRollsTheCacheBack() {
        ModelVerifier verifier = engine.newVerifier(SamplingParams.greedy());
        int[] draft = Arrays.copyOf(greedy, 5);
        draft[2] = (draft[2] + 1) % 256;
        VerifyResult r = verifier.verify(context, draft, null);
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.nextToken()).isEqualTo(greedy[2]);
        assertThat(r.emitted(draft)).containsExactly(greedy[0], greedy[1], greedy[2]);
        assertThat(verifier.target().tokens()).hasSize(context.length + 2);
        int[] next = Arrays.copyOf(context, context.length + 3); // next round: context grows by the emitted tokens
        System.arraycopy(greedy, 0, next, context.length, 3);
        assertThat(verifier.verify(next, Arrays.copyOfRange(greedy, 3, 6), null).accepted()).isEqualTo(3);
    }

    @Test
    void rejectsBadVerifyInput() {
        ModelVerifier verifier = engine.newVerifier(SamplingParams.greedy());
        assertThatThrownBy(() -> verifier.verify(new int[0], new int[] {1}, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("empty context");
        assertThatThrownBy(() -> verifier.verify(context, new int[] {1, 999}, null))
                .hasMessageContaining("draft token 999 outside the vocabulary [0, 259)");
        assertThatThrownBy(() -> verifier.verify(new int[] {5, -1, 7}, new int[] {1}, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("token id -1 outside the vocabulary [0, 259)");
        assertThatThrownBy(() -> verifier.verify(context, new int[] {1}, new double[2][]))
                .hasMessageContaining("2 rows for 1 draft tokens");
        assertThatThrownBy(() -> verifier.verify(context, new int[] {1}, new double[][] {{0.5, 0.5}}))
                .hasMessageContaining("draftProbs row 0 must hold 259 probabilities");
    }

    @Test
    void speculativeSamplingWithTheDraftModelPreservesTheTargetDistribution() {
        SamplingParams params = new SamplingParams(1.5, 12, 1, 77);
        int n = 1500;
        double[] expected;
        long[] counts = new long[engine.target().vocabSize()];
        try (DecoderSession target = new DecoderSession(engine.target(), EngineLimits.unlimited());
             DecoderSession draft = new DecoderSession(engine.draft().orElseThrow(), EngineLimits.unlimited())) {
            expected = Probabilities.of(target.extendTo(context, 1), 0, engine.target().vocabSize(), params);
            ModelVerifier verifier = new ModelVerifier(target, params);
            DraftModelDrafter drafter = new DraftModelDrafter(draft, params);
            long accepted = 0;
            for (int i = 0; i < n; i++) {
                Draft d = drafter.draft(context, 2);
                VerifyResult r = verifier.verify(context, d.tokens(), d.probabilities());
                counts[r.accepted() > 0 ? d.tokens()[0] : r.nextToken()]++;
                accepted += r.accepted() > 0 ? 1 : 0;
            }
            assertThat(accepted).as("the draft is sometimes right and sometimes wrong").isBetween(1L, n - 1L);
        }
        double[] chi = ChiSquare.statistic(counts, expected, n);
        assertThat(chi[0]).isLessThan(ChiSquare.critical(chi[1]));
    }
}
