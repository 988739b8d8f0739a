package io.edgerouter.engine.gguf;

import io.edgerouter.engine.convert.Linear;
import io.edgerouter.engine.convert.LlamaConfig;
import io.edgerouter.engine.convert.LlamaWeights;
import io.edgerouter.engine.tokenizer.SentencePieceVocab;
import io.edgerouter.engine.tokenizer.TokenType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes known Llama weights and a SentencePiece vocabulary as a GGUF file the way llama.cpp lays one out (tensor names
 * and {@code <arch>.*} / {@code tokenizer.ggml.*} keys), with every 2-D tensor in one ggml type: the fixtures of the
 * import tests, since no GGUF with weights can be downloaded here. A projection whose width the type's blocks do not
 * divide falls back to F16, as llama.cpp's quantizer does.
 */
public final class GgufLlamaFixture {

    private GgufLlamaFixture() {
    }

    public static Path write(Path file, LlamaWeights w, SentencePieceVocab vocab, GgufType type) {
        LlamaConfig c = w.config();
        String arch = c.qkvBias() ? "qwen2" : "llama"; // llama2.c checkpoints are stored as llama, as llama.cpp does
        GgufWriter g = new GgufWriter().putString("general.architecture", arch).putString("general.name", "fixture");
        String a = arch + ".";
        g.put(a + "context_length", GgufValueType.U32, (long) c.contextLength())
                .put(a + "embedding_length", GgufValueType.U32, (long) c.hidden())
                .put(a + "block_count", GgufValueType.U32, (long) c.layers())
                .put(a + "feed_forward_length", GgufValueType.U32, (long) c.ffn())
                .put(a + "attention.head_count", GgufValueType.U32, (long) c.heads())
                .put(a + "attention.head_count_kv", GgufValueType.U32, (long) c.kvHeads())
                .put(a + "rope.dimension_count", GgufValueType.U32, (long) c.ropeDims())
                .put(a + "rope.freq_base", GgufValueType.F32, c.ropeTheta())
                .put(a + "attention.layer_norm_rms_epsilon", GgufValueType.F32, c.rmsEps());
        vocabulary(g, vocab);
        matrix(g, "token_embd.weight", c.vocabSize(), c.hidden(), w.tokenEmbedding(), type);
        vector(g, "output_norm.weight", w.norm("output_norm"));
        if (!c.tiedEmbeddings()) {
            linear(g, "output", w.linear("output"), type);
        }
        for (int l = 0; l < c.layers(); l++) {
            String p = "blk." + l + ".";
            vector(g, p + "attn_norm.weight", w.norm(p + "attn_norm"));
            vector(g, p + "ffn_norm.weight", w.norm(p + "ffn_norm"));
            for (String proj : List.of("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down")) {
                linear(g, p + proj, w.linear(p + proj), type);
            }
            if (c.qkvBias()) {
                for (String proj : List.of("attn_q", "attn_k", "attn_v")) {
                    vector(g, p + proj + ".bias", w.bias(p + proj));
                }
            }
        }
        return g.write(file);
    }

    private static void vocabulary(GgufWriter g, SentencePieceVocab v) {
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
