package io.edgerouter.engine.model;

import ai.onnxruntime.OnnxJavaType;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.Generator;
import io.edgerouter.engine.SharedModels;
import io.edgerouter.engine.TokenListener;
import io.edgerouter.engine.kv.KvCache;
import io.edgerouter.engine.source.ModelKind;
import io.edgerouter.engine.source.ModelResolver;
import io.edgerouter.engine.source.ModelSource;
import io.edgerouter.engine.source.ResolvedModel;
import io.edgerouter.engine.spec.PromptLookupDrafter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graphs made by real exporters (../shared/data/models/onnx, read its README): ONNX Runtime GenAI's fp16 Llama (external
 * data, com.microsoft ops, Optimum names, fp16 KV cache and logits) and onnxruntime.transformers' GPT-2 {@code past.onnx}
 * (int32 inputs, combined (2, batch, heads, seq, head_dim) caches). Both run through the engine's own model and session
 * API; their weights are random, so the checks are determinism and cache consistency, not text.
 */
class RealExportsTest {

    private static final String LLAMA = "onnx/ort-genai-tiny-random-llama-fp16";
    private static final String GPT2 = "onnx/ort-genai-tiny-random-gpt2-fp32";
    private static final int[] PROMPT = {5, 17, 99, 3, 250, 42, 7, 610, 11};

    private static CausalLm load(String dir) {
        Path path = SharedModels.file(dir);
        List<ResolvedModel> resolved = ModelResolver.standard().resolve(ModelSource.of(path), path);
        assertThat(resolved).singleElement().extracting(ResolvedModel::kind).isEqualTo(ModelKind.ORT_GENAI);
        return CausalLm.load(resolved, 1);
    }

    @org.junit.jupiter.api.Test
    void genaiFp16LlamaKeepsItsKvCacheInFp16() {
        try (CausalLm model = load(LLAMA); DecoderSession session = new DecoderSession(model, EngineLimits.unlimited())) {
            assertThat(model.signature().logitsType()).isEqualTo(OnnxJavaType.FLOAT16);
            assertThat(model.signature().cache()).hasSize(4)
                    .allSatisfy(t -> assertThat(t.type()).isEqualTo(OnnxJavaType.FLOAT16));
            session.append(PROMPT, 1);
            // 2 layers × (key + value) × 1 kv head × 16 dims × 2 bytes per position
            assertThat(session.cache().bytes()).isEqualTo(PROMPT.length * 2L * 2 * 16 * 2);
            assertThat(model.vocabSize()).isEqualTo(32000);
        }
    }

    @org.junit.jupiter.api.Test
    void gpt2PastGraphTakesInt32IdsAndACombinedCache() {
        try (CausalLm model = load(GPT2)) {
            assertThat(model.signature().inputIds().type()).isEqualTo(OnnxJavaType.INT32);
            assertThat(model.signature().cache()).hasSize(5)
                    .allSatisfy(t -> assertThat(t.seqAxis()).isEqualTo(3))
                    .allSatisfy(t -> assertThat(t.shape()).containsExactly(2, 1, 4, 0, 8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {LLAMA, GPT2})
    void twoGreedyRunsAreEqualAndSpeculationChangesNothing(String dir) {
        try (CausalLm model = load(dir)) {
            int[] first = generate(model, false);
            assertThat(first).hasSize(40);
            assertThat(generate(model, false)).containsExactly(first);
            assertThat(generate(model, true)).containsExactly(first); // prompt lookup: drafts, rollbacks
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {LLAMA, GPT2})
    void incrementalDecodingWithTheCacheEqualsFullRecomputation(String dir) {
        try (CausalLm model = load(dir)) {
            int v = model.vocabSize();
            int[] tokens = Arrays.copyOf(PROMPT, 24);
            for (int i = PROMPT.length; i < tokens.length; i++) {
                tokens[i] = (i * 37) % 900;
            }
            float[] full;
            try (KvCache cache = model.newCache()) {
                full = model.forward(tokens, cache, tokens.length); // (seq, vocab)
            }
            float tolerance = model.signature().logitsType() == OnnxJavaType.FLOAT ? 1e-4f : 2e-2f;
            try (DecoderSession session = new DecoderSession(model, EngineLimits.unlimited())) {
                session.append(Arrays.copyOf(tokens, 6), 1);
                for (int t = 6; t < tokens.length; t++) {
                    float[] row = session.append(tokens[t]);
                    assertClose(row, full, t * v, v, tolerance);
                }
                session.truncate(10); // roll back and decode the same tokens again
                float[] again = session.append(Arrays.copyOfRange(tokens, 10, tokens.length), 1);
                assertClose(again, full, (tokens.length - 1) * v, v, tolerance);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {LLAMA, GPT2})
    void rollingBackMasksCacheSlotsInsteadOfCopyingAndChangesNoLogits(String dir) {
        try (CausalLm model = load(dir)) {
            int v = model.vocabSize();
            int[] tokens = Arrays.copyOf(PROMPT, 20);
            for (int i = PROMPT.length; i < tokens.length; i++) {
                tokens[i] = (i * 53) % 900;
            }
            float[] full;
            try (KvCache cache = model.newCache()) {
                full = model.forward(tokens, cache, tokens.length); // (seq, vocab)
            }
            float tolerance = model.signature().logitsType() == OnnxJavaType.FLOAT ? 1e-4f : 2e-2f;
            try (DecoderSession session = new DecoderSession(model, EngineLimits.unlimited())) {
                assertThat(session.rollsBackByMask()).isTrue();
                session.append(Arrays.copyOf(tokens, 16), 1);
                session.append(new int[] {1, 2, 3}, 3); // a rejected draft
                session.truncate(16);
                assertThat(session.cache().length()).as("cache slots kept, not copied").isEqualTo(19);
                assertThat(session.maskedSlots()).isEqualTo(3);
                float[] rows = session.append(Arrays.copyOfRange(tokens, 16, 20), 4); // positions skip the holes
                for (int r = 0; r < 4; r++) {
                    assertClose(Arrays.copyOfRange(rows, r * v, (r + 1) * v), full, (16 + r) * v, v, tolerance);
                }
                assertThat(session.cache().length()).isEqualTo(23);
                session.truncate(5); // 18 more masked: over a quarter of the slots, squeezed out before the next pass
                float[] row = session.append(tokens[5]);
                assertThat(session.maskedSlots()).isZero();
                assertThat(session.cache().length()).isEqualTo(6);
                assertClose(row, full, 5 * v, v, tolerance);
            }
        }
    }

    private static int[] generate(CausalLm model, boolean speculative) {
        try (DecoderSession session = new DecoderSession(model, EngineLimits.unlimited())) {
            Generator generator = new Generator(session, speculative ? new PromptLookupDrafter() : null, null, null);
            GenerationResult r = generator.generate(GenerationRequest.of(PROMPT, 40,
                    speculative ? Decoding.PROMPT_LOOKUP : Decoding.VANILLA), TokenListener.NONE, () -> false);
            return r.tokens();
        }
    }

    private static void assertClose(float[] row, float[] full, int offset, int n, float tolerance) {
        float worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(row[i] - full[offset + i]));
        }
        assertThat(worst).as("largest logit difference").isLessThanOrEqualTo(tolerance);
    }
}
