package io.edgerouter.engine.gguf;

import io.edgerouter.engine.convert.Linear;
import io.edgerouter.engine.convert.LlamaConfig;
import io.edgerouter.engine.convert.LlamaWeights;
import io.edgerouter.engine.convert.RopeScaling;
import io.edgerouter.engine.tokenizer.ByteLevelVocab;
import io.edgerouter.engine.tokenizer.SentencePieceVocab;
import io.edgerouter.engine.tokenizer.TokenType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes known Llama weights and a vocabulary as a GGUF file the way llama.cpp lays one out (tensor names and
 * {@code <arch>.*} / {@code tokenizer.ggml.*} keys, rotary scaling as {@code rope_freqs.weight} or
 * {@code rope.scaling.*}), with each 2-D tensor in the ggml type asked for: the fixtures of the import tests, since no
 * GGUF with weights can be downloaded here. A projection whose width the type's blocks do not divide falls back to
 * F16, as llama.cpp's quantizer does. The vocabulary is SentencePiece ({@code llama}) or byte-level BPE
 * ({@code gpt2}, as llama.cpp writes Llama 3's and Qwen2's).
 */
public final class GgufLlamaFixture {

    /**
     * A byte-level vocabulary with the keys llama.cpp writes beside it.
     *
     * @param addBos       {@code tokenizer.ggml.add_bos_token}, or null to leave the key out
     * @param chatTemplate {@code tokenizer.chat_template}, or null
     */
    public record BytePairVocab(ByteLevelVocab vocab, String pre, int bos, int eos, Boolean addBos,
                                String chatTemplate) {
    }

    private GgufLlamaFixture() {
    }

    /** Every 2-D tensor in {@code type}, with a SentencePiece vocabulary. */
    public static Path write(Path file, LlamaWeights w, SentencePieceVocab vocab, GgufType type) {
        GgufWriter g = header(w.config(), Map.of());
        sentencePiece(g, vocab);
        return tensors(g, w, name -> type).write(file);
    }

    /**
     * Each 2-D tensor in the type {@code types} gives its name ({@code token_embd}, {@code output},
     * {@code blk.N.attn_q}, …), with a byte-level vocabulary.
     */
    public static Path write(Path file, LlamaWeights w, BytePairVocab vocab, Function<String, GgufType> types) {
        return write(file, w, vocab, types, Map.of());
    }

    /**
     * As {@link #write(Path, LlamaWeights, BytePairVocab, Function)}, with {@code keys} written instead of (or
     * besides) the hyperparameter keys of the same name: a String value as a string, a Double as f32, a Long as u32.
     */
    public static Path write(Path file, LlamaWeights w, BytePairVocab vocab, Function<String, GgufType> types,
                             Map<String, Object> keys) {
        GgufWriter g = header(w.config(), keys);
        keys.forEach((key, value) -> g.put(key, typeOf(value), value));
        bytePair(g, vocab);
        return tensors(g, w, types).write(file);
    }

    /** The {@code general.*} and {@code <arch>.*} keys, but those in {@code replaced}. */
    private static GgufWriter header(LlamaConfig c, Map<String, Object> replaced) {
        String arch = c.qkvBias() ? "qwen2" : "llama"; // llama2.c checkpoints are stored as llama, as llama.cpp does
        GgufWriter g = new GgufWriter().putString("general.architecture", arch).putString("general.name", "fixture");
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("context_length", (long) c.contextLength());
        keys.put("embedding_length", (long) c.hidden());
        keys.put("block_count", (long) c.layers());
        keys.put("feed_forward_length", (long) c.ffn());
        keys.put("attention.head_count", (long) c.heads());
        keys.put("attention.head_count_kv", (long) c.kvHeads());
        keys.put("rope.dimension_count", (long) c.ropeDims());
        keys.put("rope.freq_base", c.ropeTheta());
        keys.put("attention.layer_norm_rms_epsilon", c.rmsEps());
        RopeScaling r = c.ropeScaling();
        if (r.kind() == RopeScaling.Kind.LINEAR || r.kind() == RopeScaling.Kind.LLAMA3) {
            keys.put("rope.scaling.type", r.kind().name().toLowerCase(Locale.ROOT));
            keys.put("rope.scaling.factor", r.factor());
        }
        if (r.kind() == RopeScaling.Kind.LLAMA3) {
            keys.put("rope.scaling.low_freq_factor", r.lowFreqFactor());
            keys.put("rope.scaling.high_freq_factor", r.highFreqFactor());
            keys.put("rope.scaling.original_context_length", (long) r.originalContextLength());
        }
        keys.forEach((key, value) -> {
            if (!replaced.containsKey(arch + "." + key)) {
                g.put(arch + "." + key, typeOf(value), value);
            }
        });
        return g;
    }

    /** A String as a string, a Double as f32, a Long as u32 (llama.cpp's types for these keys). */
    private static GgufValueType typeOf(Object value) {
        return value instanceof String ? GgufValueType.STRING
                : value instanceof Double ? GgufValueType.F32 : GgufValueType.U32;
    }

    private static GgufWriter tensors(GgufWriter g, LlamaWeights w, Function<String, GgufType> types) {
        LlamaConfig c = w.config();
        if (c.ropeScaling().kind() == RopeScaling.Kind.FREQUENCY_DIVISORS) {
            vector(g, "rope_freqs.weight", c.ropeScaling().frequencyDivisors());
        }
        matrix(g, "token_embd.weight", c.vocabSize(), c.hidden(), w.tokenEmbedding(), types.apply("token_embd"));
        vector(g, "output_norm.weight", w.norm("output_norm"));
        if (!c.tiedEmbeddings()) {
            linear(g, "output", w.linear("output"), types.apply("output"));
        }
        for (int l = 0; l < c.layers(); l++) {
            String p = "blk." + l + ".";
            vector(g, p + "attn_norm.weight", w.norm(p + "attn_norm"));
            vector(g, p + "ffn_norm.weight", w.norm(p + "ffn_norm"));
            for (String proj : List.of("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down")) {
                linear(g, p + proj, w.linear(p + proj), types.apply(p + proj));
            }
            if (c.qkvBias()) {
                for (String proj : List.of("attn_q", "attn_k", "attn_v")) {
                    vector(g, p + proj + ".bias", w.bias(p + proj));
                }
            }
        }
        return g;
    }

    private static void sentencePiece(GgufWriter g, SentencePieceVocab v) {
        List<Long> types = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            TokenType t = v.types().get(i);
            types.add((long) t.code());
            scores.add((double) v.score(i));
        }
        g.putString("tokenizer.ggml.model", "llama")
                .putArray("tokenizer.ggml.tokens", GgufValueType.STRING, v.pieces())
                .putArray("tokenizer.ggml.scores", GgufValueType.F32, scores)
                .putArray("tokenizer.ggml.token_type", GgufValueType.I32, types)
                .put("tokenizer.ggml.bos_token_id", GgufValueType.U32, (long) v.bosId())
                .put("tokenizer.ggml.eos_token_id", GgufValueType.U32, (long) v.eosId())
                .put("tokenizer.ggml.unknown_token_id", GgufValueType.U32, (long) v.unkId())
                .put("tokenizer.ggml.add_bos_token", GgufValueType.BOOL, true);
    }

    /** The keys and their order as llama.cpp's converter writes a gpt2 vocabulary. */
    private static void bytePair(GgufWriter g, BytePairVocab v) {
        List<Long> types = v.vocab().types().stream().map(t -> (long) t.code()).toList();
        g.putString("tokenizer.ggml.model", "gpt2").putString("tokenizer.ggml.pre", v.pre())
                .putArray("tokenizer.ggml.tokens", GgufValueType.STRING, v.vocab().tokens())
                .putArray("tokenizer.ggml.token_type", GgufValueType.I32, types)
                .putArray("tokenizer.ggml.merges", GgufValueType.STRING, v.vocab().merges())
                .put("tokenizer.ggml.bos_token_id", GgufValueType.U32, (long) v.bos())
                .put("tokenizer.ggml.eos_token_id", GgufValueType.U32, (long) v.eos());
        if (v.addBos() != null) {
            g.put("tokenizer.ggml.add_bos_token", GgufValueType.BOOL, v.addBos());
        }
        if (v.chatTemplate() != null) {
            g.putString("tokenizer.chat_template", v.chatTemplate());
        }
    }

    private static void linear(GgufWriter g, String name, Linear l, GgufType type) {
        float[] values = l instanceof Linear.Dense d ? d.values() : ((Linear.Blocked) l).dequantize();
        matrix(g, name + ".weight", l.rows(), l.cols(), values, type);
    }

    /** (rows, cols) row-major; GGUF's ne lists the fastest dimension first. */
    private static void matrix(GgufWriter g, String name, int rows, int cols, float[] values, GgufType type) {
        GgufType t = cols % type.blockSize() == 0 ? type : GgufType.F16;
        g.tensor(name, t, new long[] {cols, rows}, values);
    }

    private static void vector(GgufWriter g, String name, float[] values) {
        g.tensor(name, GgufType.F32, new long[] {values.length}, values);
    }
}
