package io.edgerouter.engine.convert;

import io.edgerouter.engine.model.ExternalDataFile;
import io.edgerouter.engine.model.OnnxGraphBuilder;
import io.edgerouter.engine.model.OnnxGraphBuilder.Attr;

import java.util.ArrayList;
import java.util.List;

/**
 * The ONNX graph of a {@link LlamaConfig} decoder with the Hugging Face Optimum text-generation-with-past signature
 * the engine reads: {@code input_ids, attention_mask, position_ids} (int64) and {@code past_key_values.N.key|value}
 * (batch, kv_heads, past, head_dim) in, {@code logits} (batch, seq, vocab) and {@code present.N.key|value}
 * (batch, kv_heads, past + seq, head_dim) out. Standard opset-17 ops plus {@code com.microsoft.MatMulNBits} for
 * block-quantized projections. {@link LlamaReference} is the same computation in plain Java.
 *
 * <p>Choices made for speed: q|k|v and gate|up each run as one stacked product; RoPE rotates q and k together
 * with cos/sin tables gathered at {@code position_ids}; grouped-query attention folds the query heads sharing a kv
 * head into the rows of one batched product instead of repeating K/V; the mask is built once for all layers.
 */
final class LlamaGraph {

    private final LlamaWeights w;
    private final LlamaConfig c;
    private final LlamaOnnx.Options options;
    private final OnnxGraphBuilder g;
    private final LlamaRotary rotary;
    private final int group; // query heads per kv head

    private LlamaGraph(LlamaWeights weights, LlamaOnnx.Options options, ExternalDataFile data) {
        this.w = weights;
        this.c = weights.config();
        this.options = options;
        this.g = new OnnxGraphBuilder(c.architecture() + "_decoder", "edge-router convert", data);
        this.rotary = new LlamaRotary(g, c);
        this.group = c.heads() / c.kvHeads();
    }

    static byte[] build(LlamaWeights weights, LlamaOnnx.Options options, ExternalDataFile data) {
        return new LlamaGraph(weights, options, data).assemble();
    }

    private byte[] assemble() {
        declareSignature();
        String embedding = g.floats("token_embd.weight", LlamaShapes.tokenEmbedding(w), c.vocabSize(), c.hidden());
        String x = g.op("Gather", embedding, "input_ids"); // (b, s, hidden)
        String[] rope = rotary.tables(); // cos, sin at position_ids, shaped to broadcast over heads
        String bias = attentionBias(); // (b, 1, group · s, T)
        for (int l = 0; l < c.layers(); l++) {
            x = block(l, x, rope, bias);
        }
        head(rmsNorm(x, "output_norm"), embedding);
        return g.build();
    }

    private void declareSignature() {
        g.input("input_ids", OnnxGraphBuilder.INT64, "batch_size", "sequence_length");
        g.input("attention_mask", OnnxGraphBuilder.INT64, "batch_size", "total_sequence_length");
        g.input("position_ids", OnnxGraphBuilder.INT64, "batch_size", "sequence_length");
        for (int l = 0; l < c.layers(); l++) {
            for (String kind : new String[] {"key", "value"}) {
                g.input("past_key_values." + l + "." + kind, OnnxGraphBuilder.FLOAT, "batch_size", c.kvHeads(),
                        "past_sequence_length", c.headDim());
            }
        }
        g.output("logits", OnnxGraphBuilder.FLOAT, "batch_size", "sequence_length", c.vocabSize());
        for (int l = 0; l < c.layers(); l++) {
            for (String kind : new String[] {"key", "value"}) {
                g.output("present." + l + "." + kind, OnnxGraphBuilder.FLOAT, "batch_size", c.kvHeads(),
                        "total_sequence_length", c.headDim());
            }
        }
    }

    /**
     * 0 where query i (absolute slot past + i) may read key slot j, −1e9 elsewhere: j ≤ past + i and
     * attention_mask[j] = 1. A masked past slot therefore never contributes, whatever K/V it holds, and the engine
     * may roll back by masking. Rows repeat once per query head of a kv group, matching the folded queries.
     */
    private String attentionBias() {
        String total = g.op("Squeeze", g.op("Gather", g.op("Shape", "attention_mask"), g.longs(1)), g.longs(0));
        String seq = g.op("Squeeze", g.op("Gather", g.op("Shape", "input_ids"), g.longs(1)), g.longs(0));
        String one = g.scalarLong(1);
        String keys = g.op("Range", g.scalarLong(0), total, one); // (T)
        String queries = g.op("Unsqueeze", g.op("Range", g.op("Sub", total, seq), total, one), g.longs(1)); // (s, 1)
        String causal = g.op("LessOrEqual", keys, queries); // (s, T)
        String kept = g.op("Unsqueeze", g.op("Cast", "attention_mask", Attr.of("to", 9L)), g.longs(1, 2)); // (b,1,1,T)
        String bias = g.op("Where", g.op("And", causal, kept), g.scalarFloat(0f), g.scalarFloat(-1e9f)); // (b,1,s,T)
        return group == 1 ? bias : g.op("Tile", bias, g.longs(1, 1, group, 1)); // (b, 1, group · s, T)
    }

    /** x + Attention(RMSNorm(x)), then + FeedForward(RMSNorm(·)): one pre-norm decoder block. */
    private String block(int l, String x, String[] rope, String bias) {
        String p = "blk." + l + ".";
        x = g.op("Add", x, attention(l, rmsNorm(x, p + "attn_norm"), rope, bias)); // (b, s, hidden)
        return g.op("Add", x, feedForward(p, rmsNorm(x, p + "ffn_norm"))); // (b, s, hidden)
    }

    /**
     * softmax(q·kᵀ/√hd + bias)·v over past and new keys, projected by attn_output. The {@code group} query heads
     * of one kv head are folded into the row axis, so K/V are read once per kv head instead of being repeated.
     *
     * @param h (b, s, hidden) normalized input
     */
    private String attention(int l, String h, String[] rope, String bias) {
        String p = "blk." + l + ".";
        int hd = c.headDim();
        int kvh = c.kvHeads();
        String qkv = project(h, p + "attn_qkv", List.of(p + "attn_q", p + "attn_k", p + "attn_v")); // (b,s,(H+2kv)·hd)
        String[] qkAndV = split(g.op("Reshape", qkv, g.longs(0, 0, c.heads() + 2L * kvh, hd)), 2,
                c.heads() + kvh, kvh); // (b, s, H + kv, hd), (b, s, kv, hd)
        String[] qk = split(rotary.rotate(qkAndV[0], rope), 2, c.heads(), kvh); // (b, s, H, hd), (b, s, kv, hd)
        String presentK = "present." + l + ".key";
        String presentV = "present." + l + ".value";
        g.opInto(new String[] {presentK}, "Concat", "past_key_values." + l + ".key",
                g.op("Transpose", qk[1], Attr.ints("perm", 0, 2, 1, 3)), Attr.of("axis", 2L)); // (b, kv, T, hd)
        g.opInto(new String[] {presentV}, "Concat", "past_key_values." + l + ".value",
                g.op("Transpose", qkAndV[1], Attr.ints("perm", 0, 2, 1, 3)), Attr.of("axis", 2L)); // (b, kv, T, hd)
        String q = g.op("Reshape", g.op("Transpose", g.op("Reshape", qk[0], g.longs(0, 0, kvh, group, hd)),
                Attr.ints("perm", 0, 2, 3, 1, 4)), g.longs(0, kvh, -1, hd)); // (b, kv, group · s, hd)
        String scores = g.op("Mul", g.op("MatMul", q, g.op("Transpose", presentK, Attr.ints("perm", 0, 1, 3, 2))),
                g.scalarFloat((float) (1 / Math.sqrt(hd)))); // (b, kv, group · s, T)
        String probs = g.op("Softmax", g.op("Add", scores, bias), Attr.of("axis", -1L)); // (b, kv, group · s, T)
        String ctx = g.op("Reshape", g.op("Transpose", g.op("Reshape", g.op("MatMul", probs, presentV),
                g.longs(0, kvh, group, -1, hd)), Attr.ints("perm", 0, 3, 1, 2, 4)), g.longs(0, 0, -1)); // (b,s,H·hd)
        return project(ctx, p + "attn_output", List.of(p + "attn_output")); // (b, s, hidden)
    }

    /** ffn_down(SiLU(ffn_gate·h) ⊙ ffn_up·h), gate and up as one product. @param h (b, s, hidden) */
    private String feedForward(String p, String h) {
        String[] gateUp = split(project(h, p + "ffn_gate_up", List.of(p + "ffn_gate", p + "ffn_up")), -1,
                c.ffn(), c.ffn()); // (b, s, ffn) twice
        String act = g.op("Mul", g.op("Mul", gateUp[0], g.op("Sigmoid", gateUp[0])), gateUp[1]); // (b, s, ffn)
        return project(act, p + "ffn_down", List.of(p + "ffn_down")); // (b, s, hidden)
    }

    /** x / √(mean(x²) + ε) ⊙ weight, in the op pattern ONNX Runtime fuses into one normalization kernel. */
    private String rmsNorm(String x, String name) {
        String weight = g.floats(name + ".weight", LlamaShapes.norm(w, name), c.hidden());
        String ms = g.op("ReduceMean", g.op("Pow", x, g.scalarFloat(2f)), Attr.ints("axes", -1),
                Attr.of("keepdims", 1L));
        return g.op("Mul", g.op("Div", x, g.op("Sqrt", g.op("Add", ms, g.scalarFloat((float) c.rmsEps())))), weight);
    }

    /**
     * x · Wᵀ (+ bias) for the named projections stacked along the output dimension: one product when their storages
     * agree, else one product each, concatenated.
     */
    private String project(String x, String name, List<String> parts) {
        List<Linear> weights = new ArrayList<>();
        for (String part : parts) {
            Linear weight = LlamaShapes.linear(w, part);
            weights.add(options.quantizer() != null && weight instanceof Linear.Dense d
                    ? LlamaOnnx.quantize(options.quantizer(), part, d) : weight);
        }
        Linear stacked = Projections.stack(weights);
        String y;
        if (stacked != null) {
            y = matMul(x, name, stacked);
        } else {
            String[] outputs = new String[parts.size()];
            for (int i = 0; i < outputs.length; i++) {
                outputs[i] = matMul(x, parts.get(i), weights.get(i));
            }
            y = g.op("Concat", concatArgs(outputs));
        }
        return c.qkvBias() && name.endsWith("attn_qkv") ? g.op("Add", y, qkvBias(name)) : y;
    }

    private String qkvBias(String name) {
        String p = name.substring(0, name.length() - "attn_qkv".length());
        float[] q = LlamaShapes.bias(w, p + "attn_q");
        float[] k = LlamaShapes.bias(w, p + "attn_k");
        float[] v = LlamaShapes.bias(w, p + "attn_v");
        float[] all = new float[q.length + k.length + v.length]; // (H·hd + 2·kv·hd)
        System.arraycopy(q, 0, all, 0, q.length);
        System.arraycopy(k, 0, all, q.length, k.length);
        System.arraycopy(v, 0, all, q.length + k.length, v.length);
        return g.floats(name + ".bias", all, all.length);
    }

    private String matMul(String x, String name, Linear weight) {
        if (weight instanceof Linear.Dense d) {
            return g.op("MatMul", x, g.floatsTransposed(name + ".weight", d.values(), d.rows(), d.cols())); // (in,out)
        }
        String out = name + ".out";
        matMulNBits(x, name, (Linear.Blocked) weight, out);
        return out;
    }

    /** y = x · dequantize(B)ᵀ with B (N, k_blocks, blob), scales (N · k_blocks), zero points packed per row. */
    private void matMulNBits(String x, String name, Linear.Blocked b, String out) {
        int blocks = Linear.Blocked.blocks(b.cols(), b.blockSize());
        List<Object> args = new ArrayList<>(List.of(x,
                g.bytes(name + ".qweight", b.packed(), b.rows(), blocks, b.blockSize() * b.bits() / 8),
                g.floats(name + ".scales", b.scales(), (long) b.rows() * blocks)));
        if (b.zeroPoints() != null) {
            args.add(g.bytes(name + ".zero_points", b.zeroPoints(), b.zeroPoints().length));
        }
        args.addAll(List.of(Attr.of("K", (long) b.cols()), Attr.of("N", (long) b.rows()),
                Attr.of("bits", (long) b.bits()), Attr.of("block_size", (long) b.blockSize())));
        if (options.accuracyLevel() > 0) {
            args.add(Attr.of("accuracy_level", (long) options.accuracyLevel()));
        }
        g.msOpInto(new String[] {out}, "MatMulNBits", args.toArray());
    }

    /** The logits: the tied embedding (shared with the Gather), the output projection, or a quantized head. */
    private void head(String h, String embedding) {
        Linear out;
        if (c.tiedEmbeddings()) {
            if (!options.quantizeHead()) {
                gemmHead(h, embedding);
                return;
            }
            out = new Linear.Dense(c.vocabSize(), c.hidden(), LlamaShapes.tokenEmbedding(w));
        } else {
            out = LlamaShapes.linear(w, "output");
        }
        if (options.quantizeHead() && out instanceof Linear.Dense d) {
            out = LlamaOnnx.quantize(options.quantizer(), "output", d);
        }
        if (out instanceof Linear.Dense d) {
            gemmHead(h, g.floats("output.weight", d.values(), d.rows(), d.cols()));
        } else {
            matMulNBits(h, "output", (Linear.Blocked) out, "logits"); // (b, s, vocab)
        }
    }

    /** logits = h · Wᵀ with W (vocab, hidden) as stored: Gemm reads it transposed, so no second copy exists. */
    private void gemmHead(String h, String weight) {
        String rows = g.op("Reshape", h, g.longs(-1, c.hidden())); // (b·s, hidden)
        String y = g.op("Gemm", rows, weight, Attr.of("transB", 1L)); // (b·s, vocab)
        String shape = g.op("Concat", g.op("Shape", "input_ids"), g.longs(c.vocabSize()), Attr.of("axis", 0L));
        g.opInto(new String[] {"logits"}, "Reshape", y, shape); // (b, s, vocab)
    }

    /** Splits {@code t} along {@code axis} into parts of the given sizes. */
    private String[] split(String t, int axis, long... sizes) {
        String[] outs = new String[sizes.length];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = t + "_part" + i;
        }
        g.opInto(outs, "Split", t, g.longs(sizes), Attr.of("axis", (long) axis));
        return outs;
    }

    private static Object[] concatArgs(String[] inputs) {
        Object[] args = new Object[inputs.length + 1];
        System.arraycopy(inputs, 0, args, 0, inputs.length);
        args[inputs.length] = Attr.of("axis", -1L);
        return args;
    }
}
