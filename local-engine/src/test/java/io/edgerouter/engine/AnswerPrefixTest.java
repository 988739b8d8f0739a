package io.edgerouter.engine;

import io.edgerouter.engine.chat.EngineTokenizer;
import io.edgerouter.engine.spec.Drafter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The answer prefix: the start of the answer the client already has, decoded with the new tokens but not re-sent. */
class AnswerPrefixTest {

    private static LocalEngine engine;
    private static EngineTokenizer tokenizer;
    private static int[] prompt;

    @BeforeAll
    static void open() {
        engine = TinyFixture.engine();
        tokenizer = engine.tokenizer();
        prompt = engine.chatPrompt(Prompts.grounded(1, 10, 21).get(0));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Runs {@code answer} (the new part) after the prompt plus {@code prefix}, with a verifier that knows it. */
    private static GenerationResult continueAfter(int[] prefix, int[] answer, int maxTokens, List<String> stops,
                                                  Drafter drafter, Recording listener) {
        int[] full = concat(prompt, prefix);
        GenerationRequest request = GenerationRequest.of(full, maxTokens, Decoding.VANILLA)
                .withStops(Set.of(), stops).withAnswerPrefix(prefix.length);
        return Generator.withVerifier(new ScriptedVerifier(full.length, answer), drafter, tokenizer::decode)
                .generate(request, listener, () -> false);
    }

    @Test
    void aCharacterSplitAcrossTheBoundaryComesOutWholeAndThePrefixIsNotSentAgain() {
        byte[] ola = "Olá mundo".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int[] all = ScriptedVerifier.bytes("Olá mundo");
        int[] prefix = Arrays.copyOf(all, 3); // "Ol" and the first byte of "á"
        int[] answer = Arrays.copyOfRange(all, 3, ola.length);
        Recording listener = new Recording();
        GenerationResult r = continueAfter(prefix, answer, answer.length, List.of(), null, listener);
        assertThat(r.text()).isEqualTo("á mundo");
        assertThat(listener.text.toString()).isEqualTo("á mundo");
        assertThat(r.tokens()).containsExactly(answer);
    }

    @Test
    void findsAStopStringStraddlingTheBoundaryAndStreamsNoneOfIt() {
        int[] prefix = ScriptedVerifier.bytes("Done.\nUs");
        int[] answer = ScriptedVerifier.bytes("er: next question");
        for (Drafter drafter : new Drafter[] {null, new ScriptedDrafter(prompt.length + prefix.length, answer, 5)}) {
            Recording listener = new Recording();
            GenerationResult r = continueAfter(prefix, answer, 20, List.of("\nUser:"), drafter, listener);
            assertThat(r.finishReason()).isEqualTo(FinishReason.STOP_STRING);
            assertThat(r.text()).isEmpty();
            assertThat(listener.text.toString()).isEmpty();
            assertThat(r.tokens()).containsExactly(ScriptedVerifier.bytes("er:"));
        }
    }

    @Test
    void holdsBackNewTextThatMayCompleteAStopStringBegunInThePrefix() {
        int[] prefix = ScriptedVerifier.bytes("Done.\nUs");
        Recording listener = new Recording();
        GenerationResult r = continueAfter(prefix, ScriptedVerifier.bytes("eful, isn't it?"), 15, List.of("\nUser:"),
                null, listener);
        assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(r.text()).isEqualTo("eful, isn't it?");
        // "e" is held back: "\nUse" might have become "\nUser:"
        assertThat(listener.deltas().subList(0, 3)).containsExactly("", "ef", "u");
        assertThat(listener.text.toString()).isEqualTo(r.text());
    }

    @Test
    void aStopStringWhollyInsideThePrefixDoesNotEndTheAnswerAndMaxTokensCountsOnlyNewTokens() {
        int[] prefix = ScriptedVerifier.bytes("Q: x\nUser: y");
        Recording listener = new Recording();
        GenerationResult r = continueAfter(prefix, ScriptedVerifier.bytes(" and more text"), 5, List.of("\nUser:"),
                null, listener);
        assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(r.tokens()).hasSize(5);
        assertThat(r.text()).isEqualTo(" and ");
        assertThat(listener.text.toString()).isEqualTo(" and ");
    }

    @Test
    void aPrefixedLocalRunContinuesTheAnswerExactlyWhereTheFirstRunWas() {
        GenerationResult first;
        try (Conversation c = engine.newConversation()) {
            first = c.generate(GenerationRequest.of(prompt, 16, Decoding.VANILLA));
        }
        int[] prefix = Arrays.copyOf(first.tokens(), 6);
        Recording listener = new Recording();
        GenerationResult rest;
        try (Conversation c = engine.newConversation()) {
            rest = c.generate(GenerationRequest.of(concat(prompt, prefix), 10, Decoding.DRAFT_MODEL)
                    .withAnswerPrefix(prefix.length), listener, () -> false);
        }
        assertThat(rest.tokens()).containsExactly(Arrays.copyOfRange(first.tokens(), 6, 16));
        assertThat(tokenizer.decode(prefix) + rest.text()).isEqualTo(first.text());
        assertThat(listener.text.toString()).isEqualTo(rest.text());
    }

    @Test
    void keepsTheLeadingSpaceOfASentencePieceTokenAfterThePrefix(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, SentencePieceJson.TOKENIZER);
        try (EngineTokenizer spm = EngineTokenizer.load(file)) {
            int[] context = {1, 2}; // <s> ▁Hello: "Hello" is the prefix
            int[] answer = {3, 4}; // ▁world !
            Recording listener = new Recording();
            GenerationResult r = Generator.withVerifier(new ScriptedVerifier(2, answer), null, spm::decode)
                    .generate(GenerationRequest.of(context, 2, Decoding.VANILLA).withAnswerPrefix(1), listener,
                            () -> false);
            assertThat(spm.decode(answer)).as("decoded alone the space is lost").isEqualTo("world!");
            assertThat(r.text()).isEqualTo(" world!");
            assertThat(listener.text.toString()).isEqualTo(" world!");
        }
    }

    @Test
    void keepsTheLeadingSpaceWithARealSentencePieceTokenizer() {
        try (EngineTokenizer phi3 = EngineTokenizer.load(
                SharedModels.file("tokenizers/phi-3-mini-4k-instruct/tokenizer.json"))) {
            int[] ids = phi3.encode("Hello world, how are you?");
            int[] context = {1, ids[0]}; // <s>, then the prefix "▁Hello"
            int[] answer = Arrays.copyOfRange(ids, 1, ids.length);
            GenerationResult r = Generator.withVerifier(new ScriptedVerifier(2, answer), null, phi3::decode)
                    .generate(GenerationRequest.of(context, answer.length, Decoding.VANILLA).withAnswerPrefix(1),
                            new Recording(), () -> false);
            assertThat(phi3.decode(answer)).as("decoded alone the space is lost").startsWith("world");
            assertThat(r.text()).isEqualTo(" world, how are you?");
        }
    }

    @Test
    void rejectsAnAnswerPrefixThatLeavesNoPromptBeforeIt() {
        assertThatThrownBy(() -> GenerationRequest.of(new int[] {1, 2, 3}, 4, Decoding.VANILLA).withAnswerPrefix(3))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("answerPrefix must be in [0, 2]").hasMessageContaining("got 3");
        assertThatThrownBy(() -> GenerationRequest.of(new int[] {1}, 4, Decoding.VANILLA).withAnswerPrefix(-1))
                .hasMessageContaining("got -1");
    }
}
