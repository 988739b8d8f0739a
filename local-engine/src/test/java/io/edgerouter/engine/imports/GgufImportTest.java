package io.edgerouter.engine.imports;

import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.NeedsSharedModels;
import io.edgerouter.engine.SharedModels;
import io.edgerouter.engine.convert.Llama2cCheckpoint;
import io.edgerouter.engine.convert.LlamaConfig;
import io.edgerouter.engine.convert.RandomLlamaWeights;
import io.edgerouter.engine.convert.LlamaReference;
import io.edgerouter.engine.convert.LlamaWeights;
import io.edgerouter.engine.gguf.GgufFile;
import io.edgerouter.engine.gguf.GgufLlamaFixture;
import io.edgerouter.engine.gguf.GgufType;
import io.edgerouter.engine.kv.KvCache;
import io.edgerouter.engine.source.ModelKind;
import io.edgerouter.engine.source.ModelSource;
import io.edgerouter.engine.tokenizer.Llama2cTokenizerFile;
import io.edgerouter.engine.tokenizer.SentencePieceVocab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * stories260K written as GGUF files in each tensor type the importer reads (by the test-side writer, since no GGUF
 * with weights can be downloaded here), imported through the engine. Two checks per type: the import reproduces the
 * file (ONNX Runtime's logits against the plain-Java reference over the GGUF's own dequantized weights: 1e-4 for types
 * dequantized to fp32; Q8_0 and Q4_0 stay blocks and run in MatMulNBits with int8 activations — accuracy_level 4, as
 * llama.cpp's own CPU kernels quantize activations to Q8_0 — which costs up to ~0.2 here), and the drift the type
 * itself causes against the original fp32 checkpoint stays within what that type allows.
 */
@NeedsSharedModels
class GgufImportTest {

    @TempDir
    static Path dir;

    private static LlamaWeights original;
    private static SentencePieceVocab vocab;
    private static float[][] fp32Logits;
    private static final String TEXT = "Once upon a time, there was a little girl named Lily. She loved to play";

    @BeforeAll
    static void readOriginal() {
        original = Llama2cCheckpoint.open(SharedModels.file("stories260K/stories260K.bin"));
        vocab = Llama2cTokenizerFile.read(SharedModels.file("stories260K/tok512.bin"), 512).toSentencePiece();
    }

    private static float maxDifference(float[] actual, float[][] expected, int vocabSize) {
        float worst = 0;
        for (int t = 0; t < expected.length; t++) {
            for (int i = 0; i < vocabSize; i++) {
                worst = Math.max(worst, Math.abs(actual[t * vocabSize + i] - expected[t][i]));
            }
        }
        return worst;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"F32, 0.0001, 0.0001", "F16, 0.0001, 0.05", "BF16, 0.0001, 0.3", "Q8_0, 0.25, 0.5",
            "Q4_0, 0.25, 6"})
    void importsStories260kAndDriftsOnlyAsItsTensorTypeDoes(GgufType type, float allowedImportError,
                                                             float allowedDrift) {
        Path file = GgufLlamaFixture.write(dir.resolve("stories260K-" + type + ".gguf"), original, vocab, type);
        try (LocalEngine engine = LocalEngine.open(new LocalEngine.Options(ModelSource.of(file), null, null, 1,
                dir.resolve("imports")))) {
            assertThat(engine.target().kind()).isEqualTo(ModelKind.GGUF);
            int[] tokens = engine.textPrompt(TEXT);
            assertThat(tokens[0]).as("BOS from tokenizer.ggml.add_bos_token").isEqualTo(1);
            int v = engine.target().vocabSize();
            float[] actual;
            try (KvCache cache = engine.target().newCache()) {
                actual = engine.target().forward(tokens, cache, tokens.length); // (seq, vocab)
            }
            float[][] own = new LlamaReference(GgufLlamaWeights.of(GgufFile.open(file))).logits(tokens);
            float[][] fp32 = new LlamaReference(original).logits(tokens);
            float exact = maxDifference(actual, own, v);
            float drift = maxDifference(actual, fp32, v);
            System.out.printf("GGUF %s: import error %.2e, drift from fp32 %.4f, greedy agreement with fp32 %.2f%n",
                    type, exact, drift, agreement(actual, fp32, v));
            assertThat(exact).as("import error").isLessThanOrEqualTo(allowedImportError);
            assertThat(drift).as("drift of " + type).isLessThan(allowedDrift);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Q4_K, 1.5", "Q6_K, 0.3"})
    void importsQwen2WithKQuantsExactlyAfterDequantization(GgufType type, float allowedDrift) {
        // K-quant super-blocks span 256 columns: wider than stories260K, so a random Qwen2-style model (biases on
        // q/k/v, half-split rotation, untied head) of 256 wide
        LlamaConfig c = new LlamaConfig("qwen2", 512, 256, 512, 2, 4, 2, 64, 64, 256, 1_000_000.0,
                LlamaConfig.RopeStyle.HALF, 1e-6, true, false, 1, 2);
        LlamaWeights weights = new RandomLlamaWeights(c, 42);
        Path file = GgufLlamaFixture.write(dir.resolve("qwen-" + type + ".gguf"), weights, vocab, type);
        try (LocalEngine engine = LocalEngine.open(new LocalEngine.Options(ModelSource.of(file), null, null, 1,
                dir.resolve("imports")))) {
            int[] tokens = engine.textPrompt(TEXT);
            int v = engine.target().vocabSize();
            float[] actual;
            try (KvCache cache = engine.target().newCache()) {
                actual = engine.target().forward(tokens, cache, tokens.length); // (seq, vocab)
            }
            float exact = maxDifference(actual, new LlamaReference(GgufLlamaWeights.of(GgufFile.open(file)))
                    .logits(tokens), v);
            float[][] original = new LlamaReference(weights).logits(tokens);
            float drift = maxDifference(actual, original, v);
            System.out.printf("GGUF qwen2 %s: import error %.2e, drift %.4f, greedy agreement %.2f%n", type, exact,
                    drift, agreement(actual, original, v));
            assertThat(exact).as("import error (K-quants are dequantized to fp32)").isLessThan(1e-4f);
            assertThat(drift).as("drift of " + type).isLessThan(allowedDrift);
        }
    }

    /** Share of positions whose argmax equals the fp32 model's. */
    private static double agreement(float[] actual, float[][] fp32, int v) {
        int same = 0;
        for (int t = 0; t < fp32.length; t++) {
            int a = 0;
            int b = 0;
            for (int i = 1; i < v; i++) {
                a = actual[t * v + i] > actual[t * v + a] ? i : a;
                b = fp32[t][i] > fp32[t][b] ? i : b;
            }
            same += a == b ? 1 : 0;
        }
        return (double) same / fp32.length;
    }

    @Test
    void anF32GgufTellsLlama2csPublishedStory() throws IOException {
        Path file = GgufLlamaFixture.write(dir.resolve("story.gguf"), original, vocab, GgufType.F32);
        try (LocalEngine engine = LocalEngine.open(new LocalEngine.Options(ModelSource.of(file), null, null, 1,
                dir.resolve("imports"))); Conversation c = engine.newConversation()) {
            String text = c.generate(GenerationRequest.of(engine.textPrompt(""), 256, Decoding.PROMPT_LOOKUP)
                    .withStops(engine.stopTokenIds(), List.of())).text();
            assertThat(text).isEqualTo(Files.readString(SharedModels.file("stories260K/greedy_from_bos.txt")));
        }
    }

    @Test
    void aVocabularyOnlyGgufIsRefusedSayingItHasNoWeights() {
        Path file = SharedModels.file("gguf-vocab/ggml-vocab-llama-spm.gguf");
        assertThatThrownBy(() -> LocalEngine.open(new LocalEngine.Options(ModelSource.of(file), null, null, 1,
                dir.resolve("imports")))).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("ggml-vocab-llama-spm.gguf").hasMessageContaining("holds no tensors");
    }

    @Test
    void anUnsupportedArchitectureIsNamed() {
        Path file = SharedModels.file("gguf-vocab/ggml-vocab-phi-3.gguf");
        assertThatThrownBy(() -> LocalEngine.open(new LocalEngine.Options(ModelSource.of(file), null, null, 1,
                dir.resolve("imports")))).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("'phi3'").hasMessageContaining("llama, qwen2");
    }
}
