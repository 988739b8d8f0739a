package io.edgerouter.engine.imports;

import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.engine.convert.Linear;
import io.edgerouter.engine.convert.LlamaConfig;
import io.edgerouter.engine.convert.LlamaOnnx;
import io.edgerouter.engine.convert.LlamaReference;
import io.edgerouter.engine.convert.LlamaWeights;
import io.edgerouter.engine.convert.RandomLlamaWeights;
import io.edgerouter.engine.convert.RopeScaling;
import io.edgerouter.engine.gguf.GgufFile;
import io.edgerouter.engine.gguf.GgufLlamaFixture;
import io.edgerouter.engine.gguf.GgufLlamaFixture.BytePairVocab;
import io.edgerouter.engine.gguf.GgufType;
import io.edgerouter.engine.kv.KvCache;
import io.edgerouter.engine.source.ModelSource;
import io.edgerouter.engine.tokenizer.ByteLevelVocab;
import io.edgerouter.engine.tokenizer.ImportedTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two most common GGUF families end to end, as random models of real layouts written by the test-side writer
 * with a hand-built byte-level vocabulary ({@link ByteLevelVocab}): a Llama-3-style file (llama, grouped-query
 * attention, {@code rope_freqs.weight}, pre-tokenizer llama-bpe, untied head, Q8_0 attention and head, Q4_K MLP and
 * embedding) and a Qwen2-style one (qwen2, q/k/v biases, pre-tokenizer qwen2, tied embedding, Q4_0 attention, Q6_K MLP
 * and embedding). Each is opened through {@link LocalEngine}: its text and chat prompts must be the ids the
 * vocabulary gives the pre-tokens of the model's split, and its logits those of {@link LlamaReference} over the
 * GGUF's own dequantized weights: within 0.25 as imported (Q8_0 and Q4_0 run in MatMulNBits with int8 activations, the
 * bound of {@link GgufImportTest}) and within 1e-4 when written with fp32 activations.
 */
class GgufBytePairImportTest {

    /** A text whose digit run the two splits treat differently. */
    private static final String TEXT = "Hello world 2024!";

    private static final String LLAMA3_TEMPLATE = "{{ bos_token }}{% for message in messages %}{{ '<|start_header_id|>'"
            + " + message['role'] + '<|end_header_id|>\n\n' + message['content'] | trim + '<|eot_id|>' }}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}";

    private static final String CHATML_TEMPLATE = "{% for message in messages %}{{'<|im_start|>' + message['role'] "
            + "+ '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}"
            + "{{ '<|im_start|>assistant\n' }}{% endif %}";

    @TempDir
    static Path dir;

    @Test
    void importsALlama3StyleModelWithRopeFreqsItsLlamaBpeSplitAndItsChatMarkers() throws Exception {
        ByteLevelVocab v = ByteLevelVocab.of(List.of("Hello", " world", "202", "user", "assistant", "\n\n"),
                List.of("<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>",
                        "<|eot_id|>"));
        int bos = v.id("<|begin_of_text|>");
        int eot = v.id("<|eot_id|>");
        // rope_freqs.weight as llama.cpp's converter writes it for Llama 3's rule (factor 8, low 1, high 4), here
        // with an original context of 64 so that 80 positions reach past it
        double[] llama3 = RopeScaling.llama3(8, 1, 4, 64).divisors(500_000.0, 64);
        float[] freqs = new float[llama3.length];
        for (int i = 0; i < freqs.length; i++) {
            freqs[i] = (float) llama3[i];
        }
        LlamaConfig c = new LlamaConfig("llama", v.size(), 256, 512, 2, 4, 2, 64, 64, 256, 500_000.0,
                LlamaConfig.RopeStyle.INTERLEAVED, 1e-5, false, false, bos, eot)
                .withRopeScaling(RopeScaling.ofDivisors(freqs));
        Function<String, GgufType> types = name -> name.contains("ffn") || name.equals("token_embd") ? GgufType.Q4_K
                : GgufType.Q8_0;
        // add_bos_token left out: llama.cpp's default for llama-bpe puts BOS in front
        Path file = GgufLlamaFixture.write(dir.resolve("llama3.gguf"), new RandomLlamaWeights(c, 11),
                new BytePairVocab(v, "llama-bpe", bos, eot, null, LLAMA3_TEMPLATE), types);
        try (LocalEngine engine = open(file)) {
            // llama-bpe: "Hello", " world", then " " alone (no alternative takes a space before a digit), "202" and
            // "4" (\p{N}{1,3}), "!"; whole pre-tokens found in the vocabulary are taken before merging
            assertThat(engine.textPrompt(TEXT)).containsExactly(bos, v.id("Hello"), v.id(" world"), v.id(" "),
                    v.id("202"), v.id("4"), v.id("!"));
            // the template's text between markers splits into "user", "\n\n" (\s*[\r\n]+), "Hello", " world", …
            assertThat(engine.chatPrompt(List.of(new ChatMessage("user", "Hello world")))).containsExactly(bos,
                    v.id("<|start_header_id|>"), v.id("user"), v.id("<|end_header_id|>"), v.id("\n\n"),
                    v.id("Hello"), v.id(" world"), eot, v.id("<|start_header_id|>"), v.id("assistant"),
                    v.id("<|end_header_id|>"), v.id("\n\n"));
            assertThat(engine.stopTokenIds()).contains(eot);
            assertThat(engine.target().config().ropeScaling()).isEqualTo("longrope");
            assertMatchesTheReference(engine, file, 80);
        }
        assertRopeFreqsMatterPastTheOriginalContext(file, 80, 64);
    }

    @Test
    void importsAQwen2StyleModelWithBiasesTiedEmbeddingsItsQwen2SplitAndChatMl() throws Exception {
        ByteLevelVocab v = ByteLevelVocab.of(List.of("Hello", " world", "202", "user", "assistant"),
                List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>"));
        int bos = v.id("<|endoftext|>");
        int imEnd = v.id("<|im_end|>");
        LlamaConfig c = new LlamaConfig("qwen2", v.size(), 256, 512, 2, 4, 2, 64, 64, 256, 1_000_000.0,
                LlamaConfig.RopeStyle.HALF, 1e-6, true, true, bos, imEnd);
        Function<String, GgufType> types = name -> name.contains("attn") ? GgufType.Q4_0 : GgufType.Q6_K;
        // the tied head is the embedding: scaled by 1/√hidden like the projections, so logits stay O(1) as a trained
        // model's do (at N(0, 1) they reach ±190, and int8 activations' relative error with them)
        LlamaWeights weights = view(new RandomLlamaWeights(c, 12), c, 1 / 16f);
        Path file = GgufLlamaFixture.write(dir.resolve("qwen2.gguf"), weights,
                new BytePairVocab(v, "qwen2", bos, imEnd, false, CHATML_TEMPLATE), types);
        try (LocalEngine engine = open(file)) {
            // qwen2: as llama-bpe, but \p{N} takes one digit at a time, so "202" is never reached; no BOS
            assertThat(engine.textPrompt(TEXT)).containsExactly(v.id("Hello"), v.id(" world"), v.id(" "),
                    v.id("2"), v.id("0"), v.id("2"), v.id("4"), v.id("!"));
            // "user\nHello world": "user", "\n" (\s*[\r\n]+ with \s* giving the line break back), "Hello", " world"
            int imStart = v.id("<|im_start|>");
            assertThat(engine.chatPrompt(List.of(new ChatMessage("user", "Hello world")))).containsExactly(imStart,
                    v.id("user"), v.id("\n"), v.id("Hello"), v.id(" world"), imEnd, v.id("\n"), imStart,
                    v.id("assistant"), v.id("\n"));
            assertThat(engine.stopTokenIds()).contains(imEnd);
            // EOS and the vocabulary's other end-of-turn control token reach generation_config.json
            assertThat(engine.target().config().eosTokenIds()).containsExactlyInAnyOrder(imEnd, bos);
            assertThat(engine.target().config().ropeScaling()).isEqualTo("default");
            assertMatchesTheReference(engine, file, 40);
        }
    }

    @Test
    void refusesAVocabularyWithFewerTokensThanTheEmbeddingHasRows() {
        ByteLevelVocab v = ByteLevelVocab.of(List.of("Hello"), List.of("<|endoftext|>"));
        LlamaConfig c = new LlamaConfig("llama", v.size() + 3, 32, 64, 1, 2, 1, 16, 16, 64, 10_000.0,
                LlamaConfig.RopeStyle.INTERLEAVED, 1e-5, false, true, 0, 0);
        Path file = GgufLlamaFixture.write(dir.resolve("padded.gguf"), new RandomLlamaWeights(c, 13),
                new BytePairVocab(v, "gpt-2", 0, 0, false, null), name -> GgufType.F32);
        assertThatThrownBy(() -> open(file)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("padded.gguf: tokenizer.ggml.tokens has " + v.size() + " tokens but "
                        + "token_embd.weight has " + (v.size() + 3) + " rows");
    }

    private static LocalEngine open(Path file) {
        return LocalEngine.open(new LocalEngine.Options(ModelSource.of(file), null, null, 1, dir.resolve("imports")));
    }

    /** BOS, then seeded random ids. */
    private static int[] tokens(int n, int vocab, int bos) {
        Random rng = new Random(n);
        int[] t = new int[n];
        t[0] = bos;
        for (int i = 1; i < n; i++) {
            t[i] = rng.nextInt(vocab);
        }
        return t;
    }

    /**
     * The engine's logits against the reference over the GGUF's weights (0.25: int8 activations), and the same
     * weights written with fp32 activations (MatMulNBits accuracy_level 0) against it within 1e-4.
     */
    private static void assertMatchesTheReference(LocalEngine engine, Path file, int n) throws Exception {
        GgufFile gguf = GgufFile.open(file);
        GgufLlamaWeights weights = GgufLlamaWeights.of(gguf);
        int[] t = tokens(n, weights.config().vocabSize(), Math.max(0, weights.config().bosTokenId()));
        float[][] reference = new LlamaReference(weights).logits(t);
        float imported = maxDifference(logits(engine, t), reference);
        Path exact = dir.resolve(file.getFileName() + "-fp32-activations");
        LlamaOnnx.write(weights, exact, LlamaOnnx.Options.defaults().withAccuracyLevel(0));
        ImportedTokenizer.fromGguf(gguf).writeTo(exact);
        float fp32Activations;
        try (LocalEngine fp32 = LocalEngine.open(LocalEngine.Options.of(exact, null))) {
            fp32Activations = maxDifference(logits(fp32, t), reference);
        }
        System.out.printf("GGUF %s: import error %.2e (int8 activations), %.2e (fp32 activations)%n",
                file.getFileName(), imported, fp32Activations);
        assertThat(imported).as("as imported").isLessThan(0.25f);
        assertThat(fp32Activations).as("fp32 activations").isLessThan(1e-4f);
    }

    /**
     * Without the file's divisors the reference differs past {@code from}: by more than twice the as-imported bound,
     * and so by four orders more than the fp32-activation one.
     */
    private static void assertRopeFreqsMatterPastTheOriginalContext(Path file, int n, int from) {
        GgufLlamaWeights weights = GgufLlamaWeights.of(GgufFile.open(file));
        assertThat(weights.config().ropeScaling().kind()).isEqualTo(RopeScaling.Kind.FREQUENCY_DIVISORS);
        LlamaWeights unscaled = view(weights, weights.config().withRopeScaling(RopeScaling.none()), 1);
        int[] t = tokens(n, weights.config().vocabSize(), weights.config().bosTokenId());
        float[][] scaled = new LlamaReference(weights).logits(t);
        float[][] plain = new LlamaReference(unscaled).logits(t);
        float worst = 0;
        for (int p = from; p < n; p++) {
            for (int i = 0; i < scaled[p].length; i++) {
                worst = Math.max(worst, Math.abs(scaled[p][i] - plain[p][i]));
            }
        }
        assertThat(worst).isGreaterThan(0.5f);
    }

    private static float[] logits(LocalEngine engine, int[] t) {
        try (KvCache cache = engine.target().newCache()) {
            return engine.target().forward(t, cache, t.length); // (seq, vocab)
        }
    }

    private static float maxDifference(float[] actual, float[][] expected) {
        int v = expected[0].length;
        float worst = 0;
        for (int t = 0; t < expected.length; t++) {
            for (int i = 0; i < v; i++) {
                worst = Math.max(worst, Math.abs(actual[t * v + i] - expected[t][i]));
            }
        }
        return worst;
    }

    /** {@code w} with another config and its embedding multiplied by {@code embeddingScale}. */
    private static LlamaWeights view(LlamaWeights w, LlamaConfig config, float embeddingScale) {
        return new LlamaWeights() {
            @Override
            public LlamaConfig config() {
                return config;
            }

            @Override
            public float[] tokenEmbedding() {
                float[] e = w.tokenEmbedding(); // (vocab, hidden)
                for (int i = 0; i < e.length; i++) {
                    e[i] *= embeddingScale;
                }
                return e;
            }

            @Override
            public float[] norm(String name) {
                return w.norm(name);
            }

            @Override
            public Linear linear(String name) {
                return w.linear(name);
            }

            @Override
            public float[] bias(String name) {
                return w.bias(name);
            }
        };
    }
}
