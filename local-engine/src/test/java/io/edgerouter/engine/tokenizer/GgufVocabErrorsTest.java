package io.edgerouter.engine.tokenizer;

import io.edgerouter.engine.ModelLoadException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Malformed or unsupported GGUF vocabularies: each is refused with a {@link ModelLoadException} naming the file,
 * the key and what was expected. The metadata is a {@link MapMetadata} standing in for a GGUF file.
 */
class GgufVocabErrorsTest {

    /** A well-formed SentencePiece vocabulary: unknown, BOS, EOS, then a, b and ab. */
    private static MapMetadata llama() {
        return new MapMetadata().with("tokenizer.ggml.model", "llama")
                .with("tokenizer.ggml.tokens", List.of("<unk>", "<s>", "</s>", "a", "b", "ab"))
                .with("tokenizer.ggml.scores", new float[] {0, 0, 0, -2, -3, -1})
                .with("tokenizer.ggml.token_type", new int[] {2, 3, 3, 1, 1, 1});
    }

    /** A well-formed byte-level vocabulary: a, b, ab and one merge. */
    private static MapMetadata gpt2() {
        return new MapMetadata().with("tokenizer.ggml.model", "gpt2")
                .with("tokenizer.ggml.tokens", List.of("a", "b", "ab", "<|endoftext|>"))
                .with("tokenizer.ggml.token_type", new int[] {1, 1, 1, 3})
                .with("tokenizer.ggml.merges", List.of("a b"));
    }

    @Test
    void convertsTheWellFormedVocabulariesTheOtherCasesBreak() {
        assertThat(ImportedTokenizer.fromGguf(llama()).bosTokenId()).isEqualTo(1);
        assertThat(ImportedTokenizer.fromGguf(gpt2()).eosTokenIds()).containsExactly(3);
    }

    @Test
    void refusesAnUnsupportedTokenizerModel() {
        assertThatThrownBy(() -> ImportedTokenizer.fromGguf(llama().with("tokenizer.ggml.model", "rwkv")))
                .isInstanceOf(ModelLoadException.class).hasMessage("model.gguf: tokenizer.ggml.model is \"rwkv\", "
                        + "expected llama (SentencePiece BPE), gpt2 (byte-level BPE) or bert (WordPiece)");
        assertThatThrownBy(() -> ImportedTokenizer.fromGguf(llama().without("tokenizer.ggml.model")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("model.gguf: missing tokenizer.ggml.model, expected llama, gpt2 or bert");
    }

    @Test
    void refusesAVocabularyWithoutItsTokens() {
        assertThatThrownBy(() -> ImportedTokenizer.fromGguf(gpt2().without("tokenizer.ggml.tokens")))
                .isInstanceOf(ModelLoadException.class).hasMessage(
                        "model.gguf: missing tokenizer.ggml.tokens, expected the vocabulary as a string array");
        assertThatThrownBy(() -> ImportedTokenizer.fromGguf(gpt2().with("tokenizer.ggml.tokens", List.of())))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("model.gguf: tokenizer.ggml.tokens is empty, expected the vocabulary");
    }

    @Test
    void refusesAGpt2VocabularyWithoutMerges() {
        assertThatThrownBy(() -> ImportedTokenizer.fromGguf(gpt2().without("tokenizer.ggml.merges")))
                .isInstanceOf(ModelLoadException.class).hasMessage("model.gguf: missing tokenizer.ggml.merges, "
                        + "expected the BPE merges (\"left right\", in rank order) of a gpt2 vocabulary");
    }

    @Test
    void refusesAMergeOfTokensOutsideTheVocabulary() {
        assertThatThrownBy(() -> ImportedTokenizer.fromGguf(gpt2().with("tokenizer.ggml.merges",
                List.of("a b", "b c")))).isInstanceOf(ModelLoadException.class).hasMessage("model.gguf: "
                + "tokenizer.ggml.merges[1] is \"b c\", expected \"left right\" where left, right and left+right "
                + "are tokens");
    }

    @Test
    void refusesAnUnknownPreTokenizerName() {
        assertThatThrownBy(() -> ImportedTokenizer.fromGguf(gpt2().with("tokenizer.ggml.pre", "chameleon")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("model.gguf: tokenizer.ggml.pre is \"chameleon\", expected one of [")
                .hasMessageContaining("deepseek-coder").hasMessageContaining("gpt-2");
    }

    @Test
    void refusesALlamaVocabularyWithoutOrWithTooFewScores() {
        assertThatThrownBy(() -> ImportedTokenizer.fromGguf(llama().without("tokenizer.ggml.scores")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("model.gguf: missing tokenizer.ggml.scores, expected one f32 score per token");
        assertThatThrownBy(() -> ImportedTokenizer.fromGguf(llama().with("tokenizer.ggml.scores", new float[5])))
                .isInstanceOf(ModelLoadException.class).hasMessage("model.gguf: tokenizer.ggml.scores has 5 "
                        + "entries, but tokenizer.ggml.tokens has 6 (one per token expected)");
    }

    @Test
    void refusesTokenTypesOfAnotherLengthOrOutsideOneToSix() {
        assertThatThrownBy(() -> ImportedTokenizer.fromGguf(llama().with("tokenizer.ggml.token_type",
                new int[] {2, 3, 3}))).isInstanceOf(ModelLoadException.class).hasMessage("model.gguf: "
                + "tokenizer.ggml.token_type has 3 entries, but tokenizer.ggml.tokens has 6 (one per token expected)");
        assertThatThrownBy(() -> ImportedTokenizer.fromGguf(llama().with("tokenizer.ggml.token_type",
                new int[] {2, 3, 3, 1, 7, 1}))).isInstanceOf(ModelLoadException.class).hasMessage("model.gguf: "
                + "tokenizer.ggml.token_type[4] is 7, expected 1..6 (normal, unknown, control, user-defined, unused, "
                + "byte)");
    }

    @Test
    void refusesASpecialTokenIdOutsideTheVocabulary() {
        assertThatThrownBy(() -> ImportedTokenizer.fromGguf(llama().with("tokenizer.ggml.eos_token_id", 6L)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessage("model.gguf: tokenizer.ggml.eos_token_id is 6, expected a token id 0..5");
    }

    @Test
    void refusesAVocabularySizeOtherThanTheModelsHyperparameter() {
        assertThatThrownBy(() -> ImportedTokenizer.fromGguf(llama().with("general.architecture", "llama")
                .with("llama.vocab_size", 32000L))).isInstanceOf(ModelLoadException.class)
                .hasMessage("model.gguf: tokenizer.ggml.tokens has 6 tokens, but llama.vocab_size is 32000");
    }

    @Test
    void refusesTwoTokensWithTheSameText() {
        assertThatThrownBy(() -> ImportedTokenizer.fromGguf(gpt2().with("tokenizer.ggml.tokens",
                List.of("a", "b", "ab", "a")))).isInstanceOf(ModelLoadException.class).hasMessage("model.gguf: "
                + "tokenizer.ggml.tokens has \"a\" at ids 0 and 3, expected distinct tokens (a tokenizer.json "
                + "vocabulary maps text to one id)");
    }

    @Test
    void refusesAddingABosTokenTheVocabularyDoesNotName() {
        assertThatThrownBy(() -> ImportedTokenizer.fromGguf(gpt2().with("tokenizer.ggml.add_bos_token", true)))
                .isInstanceOf(ModelLoadException.class).hasMessage("model.gguf: tokenizer.ggml.add_bos_token is "
                        + "true, but tokenizer.ggml.bos_token_id is missing, expected the id to add");
    }
}
