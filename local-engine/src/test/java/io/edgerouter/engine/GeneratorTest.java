package io.edgerouter.engine;

import io.edgerouter.engine.chat.EngineTokenizer;
import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.engine.spec.DraftModelDrafter;
import io.edgerouter.engine.spec.Drafter;
import io.edgerouter.engine.spec.PromptLookupDrafter;
import io.edgerouter.engine.spec.Verifier;
import io.edgerouter.engine.spec.VerifyResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One decoding loop whatever the verifier: a verifier that knows the target's answer (as the cloud does) must give
 * the same tokens, deltas, finish reasons and draft statistics as the local
 * {@link io.edgerouter.engine.spec.ModelVerifier}.
 */
class GeneratorTest {

    private static LocalEngine engine;
    private static EngineTokenizer tokenizer;
    private static int[] prompt;
    private static GenerationResult free;

    @BeforeAll
    static void open() {
        engine = TinyFixture.engine();
        tokenizer = engine.tokenizer();
        prompt = engine.chatPrompt(Prompts.grounded(1, 10, 21).get(0));
        try (Conversation c = engine.newConversation()) {
            free = c.generate(GenerationRequest.of(prompt, 16, Decoding.VANILLA));
        }
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** Runs one request locally and once with a verifier scripted from the free run; both must agree. */
    @ParameterizedTest
    @EnumSource(Decoding.class)
    void aVerifierThatKnowsTheTargetsAnswerDecodesExactlyLikeTheLocalTarget(Decoding decoding) {
        String freeText = free.text();
        List<GenerationRequest> requests = List.of(
                GenerationRequest.of(prompt, 16, decoding),
                GenerationRequest.of(prompt, 5, decoding),
                GenerationRequest.of(prompt, 16, decoding).withStops(Set.of(), List.of(freeText.substring(6, 8))),
                GenerationRequest.of(prompt, 16, decoding).withStops(Set.of(free.tokens()[4]), List.of()));
        List<FinishReason> expected = List.of(FinishReason.MAX_TOKENS, FinishReason.MAX_TOKENS,
                FinishReason.STOP_STRING, FinishReason.STOP_TOKEN);
        for (int i = 0; i < requests.size(); i++) {
            GenerationRequest request = requests.get(i);
            Run local = run(request, decoding, null);
            assertThat(local.result.finishReason()).isEqualTo(expected.get(i));
            Run scripted = run(request, decoding, new ScriptedVerifier(prompt.length, free.tokens()));
            String what = decoding + " " + request.maxTokens() + " " + request.stopStrings() + request.stopTokenIds();
            assertThat(scripted.result.tokens()).as(what).containsExactly(local.result.tokens());
            assertThat(scripted.result.text()).as(what).isEqualTo(local.result.text());
            assertThat(scripted.result.finishReason()).as(what).isEqualTo(local.result.finishReason());
            assertThat(scripted.listener.events).as(what).containsExactlyElementsOf(local.listener.events);
            assertThat(scripted.result.rounds()).as(what).isEqualTo(local.result.rounds());
            assertThat(scripted.result.drafted()).as(what).isEqualTo(local.result.drafted());
            assertThat(scripted.result.accepted()).as(what).isEqualTo(local.result.accepted());
        }
    }

    private record Run(GenerationResult result, Recording listener) {
    }

    /** With {@code verifier} null the local target verifies (the Conversation path). */
    private static Run run(GenerationRequest request, Decoding decoding, Verifier verifier) {
        Recording listener = new Recording();
        try (DecoderSession target = engine.newTargetSession(); DecoderSession draft = engine.newDraftSession()) {
            Drafter drafter = switch (decoding) {
                case VANILLA -> null;
                case PROMPT_LOOKUP -> new PromptLookupDrafter();
                case DRAFT_MODEL -> new DraftModelDrafter(draft, request.sampling());
            };
            Generator generator = verifier == null ? new Generator(target, drafter, draft, tokenizer::decode)
                    : Generator.withVerifier(verifier, drafter, draft, tokenizer::decode);
            return new Run(generator.generate(request, listener, () -> false), listener);
        }
    }

    private static GenerationResult scripted(String answer, int maxTokens, List<String> stops, Drafter drafter,
                                             Recording listener) {
        int[] script = ScriptedVerifier.bytes(answer);
        Verifier verifier = new ScriptedVerifier(prompt.length, script);
        return Generator.withVerifier(verifier, drafter, tokenizer::decode)
                .generate(GenerationRequest.of(prompt, maxTokens, Decoding.VANILLA).withStops(Set.of(), stops),
                        listener, () -> false);
    }

    @Test
    void holdsBackAnIncompleteUtf8CharacterUntilItsLastByteWhateverTheRoundSize() {
        String answer = "añb€c🙂d";
        int[] script = ScriptedVerifier.bytes(answer);
        List<String> expected = null;
        for (Drafter drafter : new Drafter[] {null, new ScriptedDrafter(prompt.length, script, 3),
                new ScriptedDrafter(prompt.length, script, 100)}) {
            Recording listener = new Recording();
            GenerationResult r = scripted(answer, script.length, List.of(), drafter, listener);
            assertThat(r.text()).isEqualTo(answer);
            assertThat(listener.text.toString()).isEqualTo(answer);
            assertThat(listener.deltas()).allSatisfy(d -> assertThat(d).doesNotContain("\uFFFD"));
            // ñ is 2 bytes, € 3, 🙂 4: the first bytes stream nothing, the last one the whole character
            assertThat(listener.deltas())
                    .containsExactly("a", "", "ñ", "b", "", "", "€", "c", "", "", "", "🙂", "d");
            if (expected == null) {
                expected = listener.events;
            }
            assertThat(listener.events).as("per-token deltas do not depend on how many tokens a round emits")
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void cutsAtAStopStringWithoutStreamingAnyOfIt() {
        String answer = "Sure. Next turn:\nUser: more";
        int[] script = ScriptedVerifier.bytes(answer);
        for (Drafter drafter : new Drafter[] {null, new ScriptedDrafter(prompt.length, script, 4)}) {
            Recording listener = new Recording();
            GenerationResult r = scripted(answer, 40, List.of("\nUser:"), drafter, listener);
            assertThat(r.finishReason()).isEqualTo(FinishReason.STOP_STRING);
            assertThat(r.text()).isEqualTo("Sure. Next turn:");
            assertThat(listener.text.toString()).isEqualTo(r.text());
            assertThat(r.tokens()).hasSize("Sure. Next turn:\nUser:".length()); // up to the token completing it
            assertThat(listener.deltas()).noneMatch(d -> d.contains("\n"));
        }
    }

    @Test
    void stopsAtMaxTokensAndNeverDraftsPastThem() {
        String answer = "abcdefghijklmnop";
        int[] script = ScriptedVerifier.bytes(answer);
        List<Integer> draftLengths = new ArrayList<>();
        Drafter drafter = (sequence, k) -> {
            draftLengths.add(k);
            return new ScriptedDrafter(prompt.length, script, 1000).draft(sequence, k);
        };
        Recording listener = new Recording();
        GenerationResult r = Generator.withVerifier(new ScriptedVerifier(prompt.length, script), drafter,
                tokenizer::decode).generate(GenerationRequest.of(prompt, 7, Decoding.DRAFT_MODEL)
                .withDraftLength(4, 4), listener, () -> false);
        assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(r.text()).isEqualTo("abcdefg");
        assertThat(listener.events).hasSize(7);
        assertThat(draftLengths).containsExactly(4, 1); // 5 tokens from the first round, then 2 left: draft 1 + next
    }

    @Test
    void aVerifierExceptionPropagatesUnchangedAfterStreamingOnlyTheCommittedTokens() {
        int[] script = ScriptedVerifier.bytes("hello world");
        RuntimeException failure = new IllegalStateException("cloud unreachable");
        ScriptedVerifier known = new ScriptedVerifier(prompt.length, script);
        Verifier failing = (context, draft, probs, params, top) -> {
            if (known.calls() == 2) {
                throw failure;
            }
            return known.verify(context, draft, probs, params, top);
        };
        Recording listener = new Recording();
        Generator generator = Generator.withVerifier(failing, new ScriptedDrafter(prompt.length, script, 3),
                tokenizer::decode);
        assertThatThrownBy(() -> generator.generate(GenerationRequest.of(prompt, 20, Decoding.DRAFT_MODEL)
                .withDraftLength(3, 3), listener, () -> false)).isSameAs(failure);
        // round 1 drafts "hel" with the "l" wrong → "he" + "l"; round 2 "lo " with the " " wrong → "lo" + " "
        assertThat(listener.text.toString()).isEqualTo("hello ");
        assertThat(listener.events).hasSize(6);
    }

    @Test
    void rejectsAVerifierResultThatAcceptsTokensThatWereNeverDrafted() {
        Verifier lying = (context, draft, probs, params, top) -> new VerifyResult(draft.length + 1, 65,
                new double[draft.length + 2]);
        assertThatThrownBy(() -> Generator.withVerifier(lying, null, tokenizer::decode)
                .generate(GenerationRequest.of(prompt, 4, Decoding.VANILLA), TokenListener.NONE, () -> false))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("accepted=1").hasMessageContaining("draft of 0 tokens");
    }

    @Test
    void checksTheBudgetOfTheLocalSessionBeforeCallingTheVerifier() {
        try (LocalEngine small = LocalEngine.open(new LocalEngine.Options(TinyFixture.pair().target(), null,
                new io.edgerouter.engine.model.EngineLimits(prompt.length + 4, Long.MAX_VALUE), 1));
             DecoderSession session = small.newTargetSession()) {
            ScriptedVerifier verifier = new ScriptedVerifier(prompt.length, ScriptedVerifier.bytes("abcdefghij"));
            Function<int[], String> decode = tokenizer::decode;
            assertThatThrownBy(() -> Generator.withVerifier(verifier, null, session, decode)
                    .generate(GenerationRequest.of(prompt, 10, Decoding.VANILLA), TokenListener.NONE, () -> false))
                    .isInstanceOf(BudgetExceededException.class);
            assertThat(verifier.calls()).isZero();
            GenerationResult r = Generator.withVerifier(verifier, null, decode)
                    .generate(GenerationRequest.of(prompt, 10, Decoding.VANILLA)
                            .withSampling(SamplingParams.greedy()), TokenListener.NONE, () -> false);
            assertThat(r.text()).isEqualTo("abcdefghij");
            assertThat(r.runNanos()).as("nothing local ran").isZero();
        }
    }

    @Test
    void cancellationEndsTheRunAtTheNextTokenWithACallersVerifier() {
        int[] script = ScriptedVerifier.bytes("abcdefghijklmnop");
        Recording listener = new Recording();
        GenerationResult r = Generator.withVerifier(new ScriptedVerifier(prompt.length, script),
                        new ScriptedDrafter(prompt.length, script, 1000), tokenizer::decode)
                .generate(GenerationRequest.of(prompt, 16, Decoding.DRAFT_MODEL), listener,
                        () -> listener.events.size() >= 3);
        assertThat(r.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(r.tokens()).hasSize(3);
        assertThat(r.text()).isEqualTo("abc");
    }
}
