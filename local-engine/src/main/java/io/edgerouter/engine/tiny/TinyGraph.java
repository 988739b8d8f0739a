package io.edgerouter.engine.tiny;

import io.edgerouter.engine.model.OnnxGraphBuilder;
import io.edgerouter.engine.model.OnnxGraphBuilder.Attr;

/**
 * Writes {@link TinyWeights} as an ONNX graph with the Hugging Face Optimum "text-generation-with-past" signature:
 * {@code input_ids, attention_mask, position_ids, past_key_values.N.key|value → logits, present.N.key|value}.
 * Llama layout: RMSNorm, rotary embeddings (rotate-half), grouped-query attention, SwiGLU MLP. The last cache slot
 * (N = layers) belongs to the copy head, see {@link TinyReference} for the same computation in plain Java.
 */
final class TinyGraph {

    private final TinyWeights w;
    private final TinyModelSpec spec;
    private final OnnxGraphBuilder g = new OnnxGraphBuilder("tiny_llama", "edge-router tiny-model generator");

    private TinyGraph(TinyWeights weights) {
        this.w = weights;
        this.spec = weights.spec();
    }

    static byte[] build(TinyWeights weights) {
        return new TinyGraph(weights).assemble();
    }

    private byte[] assemble() {
        int slots = w.layers().size() + 1;
        int kvh = spec.kvHeads();
        int hd = spec.headDim();
        g.input("input_ids", OnnxGraphBuilder.INT64, "batch_size", "sequence_length");
        g.input("attention_mask", OnnxGraphBuilder.INT64, "batch_size", "total_sequence_length");
        g.input("position_ids", OnnxGraphBuilder.INT64, "batch_size", "sequence_length");
        for (int i = 0; i < slots; i++) {
            for (String kind : new String[] {"key", "value"}) {
                g.input("past_key_values." + i + "." + kind, OnnxGraphBuilder.FLOAT,
                        "batch_size", i < slots - 1 ? kvh : spec.copyHeads(), "past_sequence_length", hd);
            }
        }
        g.output("logits", OnnxGraphBuilder.FLOAT, "batch_size", "sequence_length", TinyModelSpec.VOCAB);
        for (int i = 0; i < slots; i++) {
            for (String kind : new String[] {"key", "value"}) {
                g.output("present." + i + "." + kind, OnnxGraphBuilder.FLOAT,
                        "batch_size", i < slots - 1 ? kvh : spec.copyHeads(), "total_sequence_length", hd);
            }
        }
        String x = g.op("Gather", g.floats("embed_tokens", w.embed(), TinyModelSpec.VOCAB, spec.hidden()),
                "input_ids"); // (b, s, D)
        String[] rope = rotaryTables(); // cos, sin: (b, 1, s, hd/2)
        String[] lengths = lengths(); // past, total as 1-d [1]
        String mask4 = causalMask(lengths); // (b, 1, s, T) additive
        String mask5 = g.op("Unsqueeze", mask4, g.longs(1)); // (b, 1, 1, s, T)
        for (int l = 0; l < w.layers().size(); l++) {
            x = block(l, x, rope, mask5);
        }
        String xn = rmsNorm(x, g.floats("final_norm", w.finalNorm(), spec.hidden()));
        String head = g.floats("lm_head", w.lmHead(), spec.hidden(), TinyModelSpec.VOCAB);
        String lm = g.op("Add", g.op("MatMul", xn, head), g.floats("lm_bias", w.lmBias(), TinyModelSpec.VOCAB));
        String copy = copyHead(slots - 1, lengths, mask4);
        g.opInto(new String[] {"logits"}, "Add", lm, copy);
        return g.build();
    }

    private String[] rotaryTables() {
        int half = spec.headDim() / 2;
        float[] cos = new float[spec.maxPositions() * half];
        float[] sin = new float[cos.length];
        for (int p = 0; p < spec.maxPositions(); p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * TinyReference.inverseFrequency(i, spec.headDim());
                cos[p * half + i] = (float) Math.cos(angle);
                sin[p * half + i] = (float) Math.sin(angle);
            }
        }
        String c = g.op("Gather", g.floats("rope_cos", cos, spec.maxPositions(), half), "position_ids");
        String s = g.op("Gather", g.floats("rope_sin", sin, spec.maxPositions(), half), "position_ids");
        return new String[] {g.op("Unsqueeze", c, g.longs(1)), g.op("Unsqueeze", s, g.longs(1))};
    }

    /** Returns {past, total} as 1-d int64 tensors of length 1. */
    private String[] lengths() {
        String total = g.op("Gather", g.op("Shape", "attention_mask"), g.longs(1));
        String seq = g.op("Gather", g.op("Shape", "input_ids"), g.longs(1));
        return new String[] {g.op("Sub", total, seq), total};
    }

    private String causalMask(String[] lengths) {
        String past = g.op("Squeeze", lengths[0], g.longs(0));
        String total = g.op("Squeeze", lengths[1], g.longs(0));
        String one = g.scalarLong(1);
        String keyIdx = g.op("Range", g.scalarLong(0), total, one); // (T)
        String queryIdx = g.op("Unsqueeze", g.op("Range", past, total, one), g.longs(1)); // (s, 1)
        String causal = g.op("LessOrEqual", keyIdx, queryIdx); // (s, T)
        String pad = g.op("Unsqueeze", g.op("Cast", "attention_mask", Attr.of("to", 9L)), g.longs(1, 2)); // (b,1,1,T)
        String allowed = g.op("And", causal, pad); // (b, 1, s, T)
        return g.op("Where", allowed, g.scalarFloat(0f), g.scalarFloat(-1e9f));
    }

    private String block(int l, String x, String[] rope, String mask5) {
        TinyWeights.Layer lw = w.layers().get(l);
        int d = spec.hidden();
        int h = spec.heads();
        int kvh = spec.kvHeads();
        int hd = spec.headDim();
        String p = "layers." + l + ".";
        String hn = rmsNorm(x, g.floats(p + "attn_norm", lw.attnNorm(), d));
        String q = heads(g.op("MatMul", hn, g.floats(p + "wq", lw.wq(), d, (long) h * hd)), h); // (b,H,s,hd)
        String k = heads(g.op("MatMul", hn, g.floats(p + "wk", lw.wk(), d, (long) kvh * hd)), kvh);
        String v = heads(g.op("MatMul", hn, g.floats(p + "wv", lw.wv(), d, (long) kvh * hd)), kvh);
        q = rotate(q, rope);
        k = rotate(k, rope);
        String presentK = "present." + l + ".key";
        String presentV = "present." + l + ".value";
        g.opInto(new String[] {presentK}, "Concat", "past_key_values." + l + ".key", k, Attr.of("axis", 2L));
        g.opInto(new String[] {presentV}, "Concat", "past_key_values." + l + ".value", v, Attr.of("axis", 2L));
        // GQA by broadcasting: q (b, kvh, rep, s, hd) against k, v (b, kvh, 1, T, hd)
        String q5 = g.op("Reshape", q, g.longs(0, kvh, h / kvh, -1, hd));
        String kT = g.op("Transpose", g.op("Unsqueeze", presentK, g.longs(2)), Attr.ints("perm", 0, 1, 2, 4, 3));
        String scores = g.op("MatMul", q5, kT); // (b, kvh, rep, s, T)
        scores = g.op("Add", g.op("Mul", scores, g.scalarFloat((float) (1 / Math.sqrt(hd)))), mask5);
        String probs = g.op("Softmax", scores, Attr.of("axis", -1L));
        String o5 = g.op("MatMul", probs, g.op("Unsqueeze", presentV, g.longs(2))); // (b, kvh, rep, s, hd)
        String o = g.op("Reshape", g.op("Transpose", g.op("Reshape", o5, g.longs(0, h, -1, hd)),
                Attr.ints("perm", 0, 2, 1, 3)), g.longs(0, 0, -1)); // (b, s, H·hd)
        x = g.op("Add", x, g.op("MatMul", o, g.floats(p + "wo", lw.wo(), (long) h * hd, d)));
        String hn2 = rmsNorm(x, g.floats(p + "mlp_norm", lw.mlpNorm(), d));
        String gate = g.op("MatMul", hn2, g.floats(p + "w_gate", lw.wGate(), d, spec.ffn()));
        String up = g.op("MatMul", hn2, g.floats(p + "w_up", lw.wUp(), d, spec.ffn()));
        String act = g.op("Mul", g.op("Mul", gate, g.op("Sigmoid", gate)), up); // (b, s, F)
        return g.op("Add", x, g.op("MatMul", act, g.floats(p + "w_down", lw.wDown(), spec.ffn(), d)));
    }

    /** (b, s, n·hd) → (b, n, s, hd). */
    private String heads(String t, int n) {
        return g.op("Transpose", g.op("Reshape", t, g.longs(0, 0, n, spec.headDim())), Attr.ints("perm", 0, 2, 1, 3));
    }

    /** Rotate-half RoPE: [t1·cos − t2·sin, t2·cos + t1·sin]. */
    private String rotate(String t, String[] rope) {
        String t1 = t + "_h1";
        String t2 = t + "_h2";
        g.opInto(new String[] {t1, t2}, "Split", t, Attr.of("axis", -1L));
        String a = g.op("Sub", g.op("Mul", t1, rope[0]), g.op("Mul", t2, rope[1]));
        String b = g.op("Add", g.op("Mul", t2, rope[0]), g.op("Mul", t1, rope[1]));
        return g.op("Concat", a, b, Attr.of("axis", -1L));
    }

    private String rmsNorm(String x, String weight) {
        String ms = g.op("ReduceMean", g.op("Mul", x, x), Attr.ints("axes", -1), Attr.of("keepdims", 1L));
        String rms = g.op("Sqrt", g.op("Add", ms, g.scalarFloat(TinyWeights.RMS_EPS)));
        return g.op("Mul", g.op("Div", x, rms), weight);
    }

    /**
     * Induction-style copy head matching on bigrams: the key of position j is code(t[j−1]) + code(t[j−2])·M, the
     * query of position i is code(t[i]) + code(t[i−1])·M, the value code(t[j]); so it attends to "the token after
     * the previous occurrence of the current two tokens" and adds that token's logit. Keys hold codes of earlier
     * tokens, which are read back from the cached values, so the head works incrementally.
     */
    private String copyHead(int slot, String[] lengths, String mask4) {
        int c = spec.copyDim();
        String table = g.floats("copy_code", w.copyCode(), TinyModelSpec.VOCAB, c);
        String mix = g.floats("copy_mix", w.copyMix(), c, c);
        String code = g.op("Gather", table, "input_ids"); // (b, s, C)
        String presentV = "present." + slot + ".value";
        String presentK = "present." + slot + ".key";
        g.opInto(new String[] {presentV}, "Concat", "past_key_values." + slot + ".value",
                heads(code, spec.copyHeads()), Attr.of("axis", 2L)); // (b, ch, T, hd)
        String values = flat(presentV); // (b, T, C)
        String zero = g.op("Mul", g.op("Slice", code, g.longs(0), g.longs(1), g.longs(1)), g.scalarFloat(0f));
        String shifted = g.op("Concat", zero, zero, values, Attr.of("axis", 1L)); // (b, T+2, C): [j+2] = code(t[j])
        String one = g.longs(1);
        String prev1 = g.op("Slice", shifted, g.op("Add", lengths[0], one), g.op("Add", lengths[1], one),
                g.longs(1)); // (b, s, C) code(t[i−1])
        String prev2 = g.op("Slice", shifted, lengths[0], lengths[1], g.longs(1)); // (b, s, C) code(t[i−2])
        String keys = g.op("Add", prev1, g.op("MatMul", prev2, mix));
        g.opInto(new String[] {presentK}, "Concat", "past_key_values." + slot + ".key",
                heads(keys, spec.copyHeads()), Attr.of("axis", 2L));
        String query = g.op("Add", code, g.op("MatMul", prev1, mix)); // (b, s, C)
        String kT = g.op("Transpose", flat(presentK), Attr.ints("perm", 0, 2, 1)); // (b, C, T)
        String scores = g.op("Unsqueeze", g.op("MatMul", query, kT), g.longs(1)); // (b, 1, s, T)
        scores = g.op("Add", g.op("Mul", scores, g.scalarFloat(TinyWeights.COPY_SHARPNESS)), mask4);
        String probs = g.op("Squeeze", g.op("Softmax", scores, Attr.of("axis", -1L)), g.longs(1)); // (b, s, T)
        String out = g.op("MatMul", probs, values); // (b, s, C)
        float[] codeT = new float[c * TinyModelSpec.VOCAB];
        for (int v = 0; v < TinyModelSpec.VOCAB; v++) {
            for (int i = 0; i < c; i++) {
                codeT[i * TinyModelSpec.VOCAB + v] = w.copyCode()[v * c + i] * spec.copyStrength();
            }
        }
        return g.op("MatMul", out, g.floats("copy_unembed", codeT, c, TinyModelSpec.VOCAB));
    }

    /** (b, n, T, hd) → (b, T, n·hd). */
    private String flat(String t) {
        return g.op("Reshape", g.op("Transpose", t, Attr.ints("perm", 0, 2, 1, 3)), g.longs(0, 0, -1));
    }
}
