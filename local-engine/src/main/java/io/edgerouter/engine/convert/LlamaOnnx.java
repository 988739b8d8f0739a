package io.edgerouter.engine.convert;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.model.ExternalDataFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link LlamaWeights} as a model directory the engine loads: {@code model.onnx} (the Optimum
 * text-generation-with-past signature, see {@link LlamaGraph}) with its initializers in {@code model.onnx.data},
 * plus a Hugging Face style {@code config.json} and {@code generation_config.json}. Tensors are fetched, written and
 * dropped one at a time, so the heap needs room for about one tensor, not the model.
 */
public final class LlamaOnnx {

    /** The graph file the engine loads. */
    public static final String MODEL = "model.onnx";
    /** The initializers' bytes, referenced from {@link #MODEL} by offset and length. */
    public static final String DATA = "model.onnx.data";

    private LlamaOnnx() {
    }

    /**
     * How projections are stored and computed.
     *
     * @param quantizer     applied to every dense attention and MLP projection (embeddings and norms stay fp32);
     *                      null keeps them as read. Weights that arrive {@link Linear.Blocked} are written as they are.
     * @param quantizeHead  also quantize the output projection; with tied embeddings this writes a second, quantized
     *                      copy of the embedding for the head while the Gather keeps the fp32 one. The head is the
     *                      largest single product of a small-model decode step, so this is the biggest saving there
     * @param accuracyLevel MatMulNBits {@code accuracy_level}: 0 computes in fp32 (exact, but on AVX2 CPUs slower than
     *                      fp32 MatMul for 4 bits and a per-call dequantization for 8 bits), 4 lets ONNX Runtime
     *                      quantize the activations to int8 per block (its fast CPU kernels)
     */
    public record Options(LinearQuantizer quantizer, boolean quantizeHead, int accuracyLevel) {
        public Options {
            if (quantizeHead && quantizer == null) {
                throw new IllegalArgumentException("quantizeHead needs a quantizer");
            }
            if (accuracyLevel < 0 || accuracyLevel > 4) {
                throw new IllegalArgumentException("MatMulNBits accuracy_level is 0..4, got " + accuracyLevel);
            }
        }

        /** Every weight as the reader hands it out; block-quantized ones computed with int8 activations. */
        public static Options defaults() {
            return new Options(null, false, 4);
        }

        /** Dense projections quantized by {@code quantizer}, embeddings, norms and head fp32, int8 activations. */
        public static Options quantized(LinearQuantizer quantizer) {
            return new Options(quantizer, false, 4);
        }

        /** The same with the output projection quantized too. */
        public Options withQuantizedHead() {
            return new Options(quantizer, true, accuracyLevel);
        }

        /** The same with another MatMulNBits accuracy_level (0 for results that match fp32 to rounding). */
        public Options withAccuracyLevel(int level) {
            return new Options(quantizer, quantizeHead, level);
        }
    }

    /** Writes {@code model.onnx}, {@code model.onnx.data}, {@code config.json}, {@code generation_config.json}. */
    public static void write(LlamaWeights weights, Path dir, Options options) throws IOException {
        Files.createDirectories(dir);
        byte[] model;
        try (ExternalDataFile data = ExternalDataFile.create(dir.resolve(DATA))) {
            model = LlamaGraph.build(weights, options, data);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Files.write(dir.resolve(MODEL), model);
        LlamaConfig c = weights.config();
        writeJson(dir.resolve("config.json"), config(c, options));
        writeJson(dir.resolve("generation_config.json"), generationConfig(c));
    }

    /** The Hugging Face fields the engine and tools read, plus what this import did. */
    static JsonObject config(LlamaConfig c, Options options) {
        boolean qwen = c.architecture().equals("qwen2");
        JsonObject o = new JsonObject();
        o.addProperty("model_type", qwen ? "qwen2" : "llama");
        JsonArray arch = new JsonArray();
        arch.add(qwen ? "Qwen2ForCausalLM" : "LlamaForCausalLM");
        o.add("architectures", arch);
        o.addProperty("num_hidden_layers", c.layers());
        o.addProperty("num_attention_heads", c.heads());
        o.addProperty("num_key_value_heads", c.kvHeads());
        o.addProperty("hidden_size", c.hidden());
        o.addProperty("intermediate_size", c.ffn());
        o.addProperty("head_dim", c.headDim());
        o.addProperty("vocab_size", c.vocabSize());
        o.addProperty("max_position_embeddings", c.contextLength());
        o.addProperty("bos_token_id", c.bosTokenId());
        o.addProperty("eos_token_id", c.eosTokenId());
        o.addProperty("rope_theta", c.ropeTheta());
        o.addProperty("rms_norm_eps", c.rmsEps());
        o.addProperty("tie_word_embeddings", c.tiedEmbeddings());
        o.addProperty("attention_bias", c.qkvBias());
        if (c.ropeDims() < c.headDim()) {
            o.addProperty("partial_rotary_factor", (double) c.ropeDims() / c.headDim());
        }
        if (c.ropeScaling().kind() != RopeScaling.Kind.NONE) {
            o.add("rope_scaling", ropeScaling(c));
        }
        o.addProperty("torch_dtype", "float32");
        JsonObject source = new JsonObject();
        source.addProperty("architecture", c.architecture());
        source.addProperty("rope_style", c.rope().name());
        source.addProperty("rope_dims", c.ropeDims());
        source.addProperty("rope_scaling", c.ropeScaling().kind().name());
        source.addProperty("projections", options.quantizer() == null ? "as read" : "quantized while writing");
        source.addProperty("quantized_head", options.quantizeHead());
        o.add("edge_router_import", source);
        return o;
    }

    /**
     * Hugging Face's {@code rope_scaling} for the config's scaling. Divisors given one per frequency (GGUF's
     * {@code rope_freqs.weight}, which does not keep the rule that made them) are written as HF's longrope with the
     * same factors for short and long inputs and an attention factor of 1: HF's one form that divides each frequency
     * by a listed factor, and with these settings exactly that division.
     */
    private static JsonObject ropeScaling(LlamaConfig c) {
        RopeScaling r = c.ropeScaling();
        JsonObject o = new JsonObject();
        switch (r.kind()) {
            case LINEAR -> {
                o.addProperty("rope_type", "linear");
                o.addProperty("factor", r.factor());
            }
            case LLAMA3 -> {
                o.addProperty("rope_type", "llama3");
                o.addProperty("factor", r.factor());
                o.addProperty("low_freq_factor", r.lowFreqFactor());
                o.addProperty("high_freq_factor", r.highFreqFactor());
                o.addProperty("original_max_position_embeddings", r.originalContextLength());
            }
            case FREQUENCY_DIVISORS -> {
                JsonArray factors = new JsonArray();
                for (float d : r.frequencyDivisors()) {
                    factors.add(d);
                }
                o.addProperty("rope_type", "longrope");
                o.add("short_factor", factors);
                o.add("long_factor", factors.deepCopy());
                o.addProperty("original_max_position_embeddings", c.contextLength());
                o.addProperty("factor", 1.0);
                o.addProperty("attention_factor", 1.0);
            }
            case NONE -> o.addProperty("rope_type", "default");
        }
        return o;
    }

    private static JsonObject generationConfig(LlamaConfig c) {
        JsonObject o = new JsonObject();
        o.addProperty("bos_token_id", c.bosTokenId());
        o.addProperty("eos_token_id", c.eosTokenId());
        return o;
    }

    private static void writeJson(Path file, JsonObject json) throws IOException {
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(json), StandardCharsets.UTF_8);
    }

    /** The quantizer's result, checked to be the same (rows, cols) it was given. */
    static Linear.Blocked quantize(LinearQuantizer quantizer, String name, Linear.Dense weight) {
        Linear.Blocked q = quantizer.quantize(weight);
        if (q == null || q.rows() != weight.rows() || q.cols() != weight.cols()) {
            throw new ModelLoadException("quantizer turned " + name + " (" + weight.rows() + ", " + weight.cols()
                    + ") into " + (q == null ? "nothing" : "(" + q.rows() + ", " + q.cols() + ")"));
        }
        return q;
    }
}
