package io.edgerouter.engine.tokenizer;

import io.edgerouter.engine.chat.EngineTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the optional GGUF keys change, on vocabularies small enough to tokenize by hand, encoded by DJL from the
 * written files (no shared data needed).
 */
class GgufVocabOptionsTest {

    @TempDir
    Path dir;

    /**
     * 0 unknown, 1 BOS, 2 EOS, 3 {@code <|end|>}, 4 {@code ▁}, 5 a, 6 b, 7 ab, 8 {@code ▁ab}; ab merges first
     * (score -1), then {@code ▁ab} (-2). No byte pieces, so anything else is the unknown token.
     */
    private static MapMetadata spm(String name) {
        return new MapMetadata().with("tokenizer.ggml.model", "llama").with("general.name", name)
                .with("tokenizer.ggml.tokens", List.of("<unk>", "<s>", "</s>", "<|end|>", "\u2581", "a", "b", "ab",
                        "\u2581ab"))
                .with("tokenizer.ggml.scores", new float[] {0, 0, 0, 0, -10, -11, -12, -1, -2})
                .with("tokenizer.ggml.token_type", new int[] {2, 3, 3, 3, 1, 1, 1, 1, 1});
    }

    private int[] encode(VocabMetadata meta, String text) {
        Path out = dir.resolve(String.valueOf(System.nanoTime()));
        ImportedTokenizer.fromGguf(meta).writeTo(out);
        try (EngineTokenizer tokenizer = EngineTokenizer.load(out)) {
            return tokenizer.encode(text);
        }
    }

    @Test
    void putsASpaceBeforeTheTextUnlessAddSpacePrefixIsFalse() {
        assertThat(encode(spm("tiny"), "ab")).containsExactly(8);
        assertThat(encode(spm("tiny").with("tokenizer.ggml.add_space_prefix", false), "ab")).containsExactly(7);
        assertThat(encode(spm("tiny"), "")).isEmpty();
    }

    @Test
    void fusesARunOfCharactersOutsideAVocabularyWithoutBytePiecesIntoOneUnknown() {
        assertThat(encode(spm("tiny").with("tokenizer.ggml.add_space_prefix", false), "xyab")).containsExactly(0, 7);
    }

    @Test
    void letsPhi3sMarkersSwallowTheWhitespaceAfterThemAndNoOtherModelsMarkers() {
        assertThat(encode(spm("Phi3"), "<|end|>\nab")).containsExactly(3, 8);
        // elsewhere the newline stays: the prefix space, then "\n" unknown, then ab
        assertThat(encode(spm("Llama"), "<|end|>\nab")).containsExactly(3, 4, 0, 7);
    }

    @Test
    void turnsBertsPhantomSpacePiecesBackIntoWordsAndContinuations() {
        MapMetadata bert = new MapMetadata().with("tokenizer.ggml.model", "bert")
                .with("tokenizer.ggml.tokens", List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "\u2581hello", "\u2581he",
                        "llo", "\u2581,"))
                .with("tokenizer.ggml.token_type", new int[] {3, 3, 3, 3, 1, 1, 1, 1})
                .with("tokenizer.ggml.unknown_token_id", 1L).with("tokenizer.ggml.cls_token_id", 2L)
                .with("tokenizer.ggml.seperator_token_id", 3L);
        assertThat(encode(bert, "HELLO, hello")).containsExactly(4, 7, 4);
        assertThat(encode(bert, "hello hehello")).containsExactly(4, 1);
        assertThat(encode(bert, "hello [SEP]")).containsExactly(4, 3);
        assertThat(ImportedTokenizer.fromGguf(bert).bosTokenId()).isEqualTo(2);
    }
}
