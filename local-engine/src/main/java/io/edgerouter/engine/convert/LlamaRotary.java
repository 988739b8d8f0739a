package io.edgerouter.engine.convert;

import io.edgerouter.engine.model.OnnxGraphBuilder;
import io.edgerouter.engine.model.OnnxGraphBuilder.Attr;

/**
 * Rotary position embedding nodes of {@link LlamaGraph}: cos/sin tables of contextLength × ropeDims/2 (with the
 * config's {@link RopeScaling} applied) stored as initializers and gathered at {@code position_ids} (so positions come
 * from the caller, not from cache slots), and the rotation of the first ropeDims dimensions of each head in either
 * pairing of {@link LlamaConfig.RopeStyle}.
 */
final class LlamaRotary {

    private final OnnxGraphBuilder g;
    private final LlamaConfig c;

    LlamaRotary(OnnxGraphBuilder g, LlamaConfig c) {
        this.g = g;
        this.c = c;
    }

    /**
     * cos and sin of position · θ^(−2i / ropeDims) / divisor_i (the config's rotary scaling) at
     * {@code position_ids}: (b, s, 1, ropeDims/2) for HALF, (b, s, 1, ropeDims/2, 1) for INTERLEAVED, broadcasting
     * over heads (and pair members). Scaling only changes these tables, so the graph is the same with or without it.
     */
    String[] tables() {
        int half = c.ropeDims() / 2;
        double[] frequencies = c.ropeFrequencies(); // (ropeDims/2)
        float[] cos = new float[c.contextLength() * half]; // (context, ropeDims/2)
        float[] sin = new float[cos.length]; // (context, ropeDims/2)
        for (int p = 0; p < c.contextLength(); p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * frequencies[i];
                cos[p * half + i] = (float) Math.cos(angle);
                sin[p * half + i] = (float) Math.sin(angle);
            }
        }
        String axes = interleaved() ? g.longs(2, 4) : g.longs(2);
        return new String[] {
            g.op("Unsqueeze", g.op("Gather", g.floats("rope.cos", cos, c.contextLength(), half), "position_ids"), axes),
            g.op("Unsqueeze", g.op("Gather", g.floats("rope.sin", sin, c.contextLength(), half), "position_ids"), axes)
        };
    }

    /**
     * Rotates pairs (a, b) to (a·cos − b·sin, a·sin + b·cos); pairs are (i, i + r/2) for HALF and (2i, 2i + 1) for
     * INTERLEAVED, over the first r = ropeDims dimensions; the rest pass through.
     *
     * @param t (b, s, heads, headDim)
     */
    String rotate(String t, String[] rope) {
        int r = c.ropeDims();
        int hd = c.headDim();
        String rotated = t;
        String passed = null;
        if (r < hd) {
            String[] parts = {t + "_rot", t + "_pass"};
            g.opInto(parts, "Split", t, g.longs(r, hd - r), Attr.of("axis", -1L));
            rotated = parts[0]; // (b, s, heads, r)
            passed = parts[1]; // (b, s, heads, headDim − r)
        }
        String out = interleaved() ? interleavedPairs(rotated, rope) : halves(rotated, rope);
        return passed == null ? out : g.op("Concat", out, passed, Attr.of("axis", -1L));
    }

    /** @param t (b, s, heads, r) */
    private String halves(String t, String[] rope) {
        String[] ab = {t + "_a", t + "_b"};
        g.opInto(ab, "Split", t, Attr.of("axis", -1L)); // (b, s, heads, r/2) each
        return g.op("Concat", turn(ab[0], ab[1], rope, true), turn(ab[0], ab[1], rope, false), Attr.of("axis", -1L));
    }

    /** @param t (b, s, heads, r) */
    private String interleavedPairs(String t, String[] rope) {
        int r = c.ropeDims();
        String pairs = g.op("Reshape", t, g.longs(0, 0, 0, r / 2, 2)); // (b, s, heads, r/2, 2)
        String[] ab = {t + "_even", t + "_odd"};
        g.opInto(ab, "Split", pairs, Attr.of("axis", -1L)); // (b, s, heads, r/2, 1) each
        String both = g.op("Concat", turn(ab[0], ab[1], rope, true), turn(ab[0], ab[1], rope, false),
                Attr.of("axis", -1L)); // (b, s, heads, r/2, 2)
        return g.op("Reshape", both, g.longs(0, 0, 0, r)); // (b, s, heads, r)
    }

    /** a·cos − b·sin (first member) or a·sin + b·cos (second). */
    private String turn(String a, String b, String[] rope, boolean first) {
        return first ? g.op("Sub", g.op("Mul", a, rope[0]), g.op("Mul", b, rope[1]))
                : g.op("Add", g.op("Mul", a, rope[1]), g.op("Mul", b, rope[0]));
    }

    private boolean interleaved() {
        return c.rope() == LlamaConfig.RopeStyle.INTERLEAVED;
    }
}
