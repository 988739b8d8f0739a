package io.edgerouter.engine;

import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.engine.model.EngineLimits;
import io.edgerouter.engine.sampling.SamplingParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationTest {

    private static LocalEngine engine;
    private static int[] prompt;

    @BeforeAll
    static void open() {
        engine = TinyFixture.engine();
        prompt = engine.chatPrompt(Prompts.grounded(1, 10, 21).get(0));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static GenerationResult run(GenerationRequest request) {
        try (Conversation c = engine.newConversation()) {
            return c.generate(request);
        }
    }

    @Test
    void stopsAtMaxTokens() {
        GenerationResult r = run(GenerationRequest.of(prompt, 7, Decoding.VANILLA));
        assertThat(r.tokens()).hasSize(7);
        assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
    }

    @Test
    void stopsAtAStopTokenWithoutEmittingIt() {
        int[] free = run(GenerationRequest.of(prompt, 12, Decoding.VANILLA)).tokens();
        int stop = free[5];
        int firstAt = 0;
        while (free[firstAt] != stop) {
            firstAt++;
        }
        for (Decoding d : Decoding.values()) {
            GenerationResult r = run(GenerationRequest.of(prompt, 12, d).withStops(Set.of(stop), List.of()));
            assertThat(r.finishReason()).as("%s", d).isEqualTo(FinishReason.STOP_TOKEN);
            assertThat(r.tokens()).as("%s", d).containsExactly(Arrays.copyOf(free, firstAt));
        }
    }

    @Test
    void stopsAtAStopStringAndCutsTheTextBeforeIt() {
        String free = run(GenerationRequest.of(prompt, 20, Decoding.VANILLA)).text();
        String stop = free.substring(6, 8);
        StringBuilder streamed = new StringBuilder();
        try (Conversation c = engine.newConversation()) {
            GenerationResult r = c.generate(GenerationRequest.of(prompt, 20, Decoding.PROMPT_LOOKUP)
                    .withStops(Set.of(), List.of(stop)), (id, delta) -> streamed.append(delta), () -> false);
            assertThat(r.finishReason()).isEqualTo(FinishReason.STOP_STRING);
            assertThat(r.text()).isEqualTo(free.substring(0, free.indexOf(stop)));
            assertThat(streamed.toString()).isEqualTo(r.text()); // no part of the stop string was streamed
        }
    }

    @Test
    void streamsEveryTokenWithTextDeltasThatAddUpToTheOutput() {
        List<Integer> ids = new ArrayList<>();
        StringBuilder streamed = new StringBuilder();
        try (Conversation c = engine.newConversation()) {
            GenerationResult r = c.generate(GenerationRequest.of(prompt, 15, Decoding.DRAFT_MODEL),
                    (id, delta) -> {
                        ids.add(id);
                        streamed.append(delta);
                    }, () -> false);
            assertThat(ids).containsExactly(Arrays.stream(r.tokens()).boxed().toArray(Integer[]::new));
            assertThat(streamed.toString()).isEqualTo(r.text()); // the last token flushes anything held back
        }
    }

    @Test
    void cancellationStopsGenerationAtTheNextToken() {
        for (Decoding d : Decoding.values()) {
            List<Integer> seen = new ArrayList<>();
            try (Conversation c = engine.newConversation()) {
                GenerationResult r = c.generate(GenerationRequest.of(prompt, 50, d),
                        (id, delta) -> seen.add(id), () -> seen.size() >= 4);
                assertThat(r.finishReason()).as("%s", d).isEqualTo(FinishReason.CANCELLED);
                assertThat(r.tokens()).as("%s", d).hasSize(4);
            }
        }
    }

    @Test
    void seededSamplingIsReproducibleAndTheSeedMatters() {
        GenerationRequest base = GenerationRequest.of(prompt, 20, Decoding.VANILLA);
        int[] a = run(base.withSampling(new SamplingParams(1.0, 40, 0.95, 5))).tokens();
        int[] b = run(base.withSampling(new SamplingParams(1.0, 40, 0.95, 5))).tokens();
        int[] c = run(base.withSampling(new SamplingParams(1.0, 40, 0.95, 6))).tokens();
        GenerationRequest speculative = GenerationRequest.of(prompt, 20, Decoding.DRAFT_MODEL)
                .withSampling(new SamplingParams(1.0, 40, 0.95, 5));
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(run(speculative).tokens()).hasSize(20).containsExactly(run(speculative).tokens());
    }

    @Test
    void aFollowUpTurnOnlyRunsTheNewTokens() {
        try (Conversation c = engine.newConversation()) {
            List<ChatMessage> turn1 = Prompts.grounded(1, 10, 21).get(0);
            GenerationResult first = c.generate(GenerationRequest.of(engine.chatPrompt(turn1), 10, Decoding.VANILLA));
            List<ChatMessage> turn2 = new ArrayList<>(turn1);
            turn2.add(new ChatMessage("assistant", first.text()));
            turn2.add(new ChatMessage("user", "Shorter."));
            int[] ids2 = engine.chatPrompt(turn2);
            int cachedBefore = c.targetSession().length();
            long runsBefore = engine.target().runs();
            c.generate(GenerationRequest.of(ids2, 3, Decoding.VANILLA));
            assertThat(cachedBefore).isGreaterThan(prompt.length);
            assertThat(engine.target().runs() - runsBefore).isEqualTo(3); // one prefill of the new part + 2 steps
        }
    }

    @Test
    void prefillTakesThePromptOutOfTheGenerateCallWithoutChangingTheOutput() {
        int[] expected = run(GenerationRequest.of(prompt, 6, Decoding.DRAFT_MODEL)).tokens();
        try (Conversation c = engine.newConversation()) {
            c.prefill(Arrays.copyOf(prompt, prompt.length - 1));
            long targetRuns = engine.target().runs();
            GenerationResult r = c.generate(GenerationRequest.of(prompt, 6, Decoding.VANILLA));
            assertThat(r.tokens()).containsExactly(expected);
            assertThat(engine.target().runs() - targetRuns).isEqualTo(6); // last prompt token + 5 steps
            long draftRuns = engine.draft().orElseThrow().runs();
            c.prefill(prompt);
            assertThat(engine.draft().orElseThrow().runs() - draftRuns).as("the draft cache caught up").isPositive();
        }
    }

    @Test
    void rejectsBadRequestsNamingTheProblem() {
        assertThatThrownBy(() -> GenerationRequest.of(new int[0], 5, Decoding.VANILLA))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("empty prompt");
        assertThatThrownBy(() -> GenerationRequest.of(prompt, 0, Decoding.VANILLA))
                .hasMessageContaining("maxTokens must be > 0, got 0");
        assertThatThrownBy(() -> engine.chatPrompt(List.of())).hasMessageContaining("empty prompt");
        try (LocalEngine small = LocalEngine.open(new LocalEngine.Options(TinyFixture.pair().target(), null,
                new EngineLimits(prompt.length + 4, Long.MAX_VALUE), 1)); Conversation c = small.newConversation()) {
            assertThatThrownBy(() -> c.generate(GenerationRequest.of(prompt, 10, Decoding.VANILLA)))
                    .isInstanceOf(BudgetExceededException.class).hasMessageContaining("context limit");
            assertThatThrownBy(() -> c.generate(GenerationRequest.of(prompt, 2, Decoding.DRAFT_MODEL)))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("needs a draft model");
        }
    }

    @Test
    void everyStreamedTokenCarriesItsTargetLogProbability() {
        java.util.List<Double> logProbs = new java.util.ArrayList<>();
        java.util.List<Integer> ids = new java.util.ArrayList<>();
        GenerationResult r;
        try (Conversation c = engine.newConversation()) {
            r = c.generate(GenerationRequest.of(prompt, 12, Decoding.PROMPT_LOOKUP), new TokenListener() {
                @Override
                public void onToken(int tokenId, String textDelta) {
                    throw new AssertionError("the log-prob variant must be called");
                }

                @Override
                public void onToken(int tokenId, String textDelta, double logProb) {
                    ids.add(tokenId);
                    logProbs.add(logProb);
                }
            }, () -> false);
        }
        assertThat(ids).containsExactlyElementsOf(java.util.Arrays.stream(r.tokens()).boxed().toList());
        assertThat(logProbs).hasSize(r.tokens().length).allSatisfy(lp -> assertThat(lp).isLessThanOrEqualTo(0.0).isGreaterThan(-50.0));
    }

    @Test
    void aMeasuredPrefillChangesNeitherTheAnswerNorTheWorkOfTheModels() {
        for (Decoding d : Decoding.values()) {
            GenerationRequest request = GenerationRequest.of(prompt, 16, d);
            long[] before = work();
            GenerationResult plain = run(request);
            long[] plainWork = minus(work(), before);
            try (Conversation c = engine.newConversation()) {
                before = work();
                PrefillStats stats = c.prefillPrompt(prompt);
                GenerationResult measured = c.generate(request);
                long[] measuredWork = minus(work(), before);
                assertThat(measured.tokens()).as("%s", d).containsExactly(plain.tokens());
                // no position is computed twice: the prompt once, then the same drafts and steps as without
                assertThat(measuredWork[1]).as("%s target positions", d).isEqualTo(plainWork[1]);
                assertThat(measuredWork[3]).as("%s draft positions", d).isEqualTo(plainWork[3]);
                assertThat(measuredWork[2]).as("%s draft passes", d).isEqualTo(plainWork[2]);
                // vanilla decodes its first token from the prefill's logits; a drafter's first draft, which without
                // the prefill rode along with the prompt, is verified in a pass of its own
                assertThat(measuredWork[0]).as("%s target passes", d)
                        .isEqualTo(plainWork[0] + (d == Decoding.VANILLA ? 0 : 1));
                assertThat(stats.positions()).isEqualTo(prompt.length - 1);
                assertThat(stats.firstTokenEntropy()).isPositive();
            }
        }
    }

    /** (target passes, target positions, draft passes, draft positions) so far. */
    private static long[] work() {
        var draft = engine.draft().orElseThrow();
        return new long[] {engine.target().runs(), engine.target().positionsRun(), draft.runs(), draft.positionsRun()};
    }

    private static long[] minus(long[] a, long[] b) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }
}
