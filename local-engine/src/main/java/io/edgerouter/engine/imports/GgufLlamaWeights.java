package io.edgerouter.engine.imports;

import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.convert.Linear;
import io.edgerouter.engine.convert.LlamaConfig;
import io.edgerouter.engine.convert.LlamaWeights;
import io.edgerouter.engine.gguf.GgufFile;
import io.edgerouter.engine.gguf.GgufTensor;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * A GGUF file of the Llama family read as {@link LlamaWeights}: architecture {@code llama} (Llama 2/3, TinyLlama,
 * SmolLM2, Mistral: llama.cpp's converter stores q/k permuted for adjacent-pair rotation) or {@code qwen2} (biases on
 * q/k/v, half-split rotation). Hyperparameters come from the {@code <arch>.*} metadata (rotary scaling, e.g. Llama
 * 3.1+'s {@code rope_freqs.weight}, through {@link GgufRopeScaling}), special ids from {@code tokenizer.ggml.*}.
 * Tensors are decoded one at a time when asked for: Q4_0 and Q8_0 projections stay block-quantized as they are, every
 * other type is dequantized to fp32 ({@link GgufTensor#toLinear()}).
 */
public final class GgufLlamaWeights implements LlamaWeights {

    /** Architectures this reader maps, with how their rotary embedding pairs dimensions and whether q/k/v have biases. */
    static final List<String> ARCHITECTURES = List.of("llama", "qwen2");

    private final GgufFile gguf;
    private final LlamaConfig config;

    private GgufLlamaWeights(GgufFile gguf, LlamaConfig config) {
        this.gguf = gguf;
        this.config = config;
    }

    public static GgufLlamaWeights of(GgufFile gguf) {
        return new GgufLlamaWeights(gguf, config(gguf));
    }

    static LlamaConfig config(GgufFile g) {
        String arch = g.architecture();
        if (!ARCHITECTURES.contains(arch)) {
            throw new ModelLoadException(g.name() + ": general.architecture is '" + arch + "'; the engine imports "
                    + String.join(", ", ARCHITECTURES) + " (Llama 2/3, TinyLlama, SmolLM2, Mistral, Qwen2/2.5)");
        }
        if (g.tensors().isEmpty()) {
            throw new ModelLoadException(g.name() + " holds no tensors (a vocabulary-only GGUF has no weights to run)");
        }
        int hidden = dim(g, "embedding_length");
        int heads = dim(g, "attention.head_count");
        int kvHeads = (int) g.optionalInteger(g.arch("attention.head_count_kv")).orElse(heads);
        int headDim = (int) g.optionalInteger(g.arch("attention.key_length")).orElse(hidden / heads);
        int ropeDims = (int) g.optionalInteger(g.arch("rope.dimension_count")).orElse(headDim);
        GgufTensor embd = g.tensor("token_embd.weight");
        int vocab = (int) embd.rows();
        OptionalLong declared = g.optionalInteger(g.arch("vocab_size"));
        if (declared.isPresent() && declared.getAsLong() != vocab) {
            throw new ModelLoadException(g.name() + ": " + g.arch("vocab_size") + " is " + declared.getAsLong()
                    + " but token_embd.weight has " + vocab + " rows");
        }
        boolean qwen = arch.equals("qwen2");
        return new LlamaConfig(arch, vocab, hidden, dim(g, "feed_forward_length"), dim(g, "block_count"), heads,
                kvHeads, headDim, ropeDims, dim(g, "context_length"),
                g.optionalReal(g.arch("rope.freq_base")).orElse(qwen ? 1_000_000.0 : 10_000.0),
                qwen ? LlamaConfig.RopeStyle.HALF : LlamaConfig.RopeStyle.INTERLEAVED,
                g.optionalReal(g.arch("attention.layer_norm_rms_epsilon")).orElse(1e-5),
                qwen, g.optionalTensor("output.weight").isEmpty(),
                (int) g.optionalInteger("tokenizer.ggml.bos_token_id").orElse(-1),
                (int) g.optionalInteger("tokenizer.ggml.eos_token_id").orElse(-1),
                GgufRopeScaling.read(g, ropeDims));
    }

    private static int dim(GgufFile g, String suffix) {
        long v = g.integer(g.arch(suffix));
        if (v <= 0 || v > Integer.MAX_VALUE) {
            throw new ModelLoadException(g.name() + ": " + g.arch(suffix) + " is " + v + ", expected a positive size");
        }
        return (int) v;
    }

    @Override
    public LlamaConfig config() {
        return config;
    }

    @Override
    public float[] tokenEmbedding() {
        return matrix("token_embd.weight", config.vocabSize(), config.hidden());
    }

    @Override
    public float[] norm(String name) {
        return vector(name + ".weight", config.hidden());
    }

    @Override
    public Linear linear(String name) {
        GgufTensor t = gguf.tensor(name + ".weight");
        int[] shape = LlamaShapeCheck.expected(config, name);
        if (t.rows() != shape[0] || t.cols() != shape[1]) {
            throw new ModelLoadException(gguf.name() + ": tensor " + t.name() + " is (" + t.rows() + ", " + t.cols()
                    + "), expected (" + shape[0] + ", " + shape[1] + ") for this model's hyperparameters");
        }
        return t.toLinear();
    }

    @Override
    public float[] bias(String name) {
        return vector(name + ".bias", LlamaShapeCheck.expected(config, name)[0]);
    }

    private float[] vector(String tensor, int length) {
        GgufTensor t = gguf.tensor(tensor);
        if (t.elementCount() != length) {
            throw new ModelLoadException(gguf.name() + ": tensor " + tensor + " has " + t.elementCount()
                    + " values, expected " + length + " (shape " + Arrays.toString(t.shape()) + ")");
        }
        return t.toFloats();
    }

    private float[] matrix(String tensor, int rows, int cols) {
        GgufTensor t = gguf.tensor(tensor);
        if (t.rows() != rows || t.cols() != cols) {
            throw new ModelLoadException(gguf.name() + ": tensor " + tensor + " is (" + t.rows() + ", " + t.cols()
                    + "), expected (" + rows + ", " + cols + ")");
        }
        return t.toFloats();
    }
}
