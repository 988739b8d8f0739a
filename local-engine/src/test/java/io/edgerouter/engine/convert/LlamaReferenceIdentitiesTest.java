package io.edgerouter.engine.convert;

import org.junit.jupiter.api.Test;

import java.util.function.BiFunction;

import static io.edgerouter.engine.convert.LlamaOnnxTest.maxAbsDiff;
import static io.edgerouter.engine.convert.LlamaOnnxTest.prompt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks of the reference that need no second implementation: rewriting the weights of stories260K in ways that
 * must not change the function (known identities of RoPE pairing, grouped-query attention and tied heads).
 */
class LlamaReferenceIdentitiesTest {

    private static final int[] PROMPT = prompt(20, 512, 31);

    /** HF's conversion identity: pair (2i, 2i+1) of q and k moved to (i, i + d/2) turns interleaved into halves. */
    @Test
    void halfRopeOnQueryKeyRowsRegroupedPerHeadEqualsInterleavedRope() {
        Llama2cCheckpoint base = LlamaOnnxTest.stories260k();
        LlamaConfig c = base.config();
        LlamaConfig half = with(c, LlamaConfig.RopeStyle.HALF, c.kvHeads(), c.tiedEmbeddings());
        LlamaWeights regrouped = new Rewired(base, half, (name, w) ->
                name.endsWith("attn_q") || name.endsWith("attn_k") ? rows(w, halfOrder(w.rows(), c.headDim())) : w);
        assertThat(maxAbsDiff(new LlamaReference(regrouped).logits(PROMPT), new LlamaReference(base).logits(PROMPT)))
                .isLessThan(1e-4);
    }

    /** Grouped-query attention is multi-head attention with each kv head's rows repeated for its query group. */
    @Test
    void groupedQueriesEqualFullAttentionWithKeyValueHeadsRepeated() {
        Llama2cCheckpoint base = LlamaOnnxTest.stories260k();
        LlamaConfig c = base.config();
        int group = c.heads() / c.kvHeads();
        int[] order = new int[c.heads() * c.headDim()];
        for (int head = 0; head < c.heads(); head++) {
            for (int i = 0; i < c.headDim(); i++) {
                order[head * c.headDim() + i] = (head / group) * c.headDim() + i;
            }
        }
        LlamaWeights full = new Rewired(base, with(c, c.rope(), c.heads(), c.tiedEmbeddings()), (name, w) ->
                name.endsWith("attn_k") || name.endsWith("attn_v") ? rows(w, order) : w);
        assertThat(maxAbsDiff(new LlamaReference(full).logits(PROMPT), new LlamaReference(base).logits(PROMPT)))
                .isLessThan(1e-4);
    }

    @Test
    void aTiedHeadEqualsASeparateOutputProjectionHoldingTheEmbedding() {
        Llama2cCheckpoint base = LlamaOnnxTest.stories260k();
        LlamaConfig c = base.config();
        LlamaWeights untied = new Rewired(base, with(c, c.rope(), c.kvHeads(), false), (name, w) -> w) {
            @Override
            public Linear linear(String name) {
                return name.equals("output") ? new Linear.Dense(c.vocabSize(), c.hidden(), base.tokenEmbedding())
                        : super.linear(name);
            }
        };
        assertThat(new LlamaReference(untied).logits(PROMPT)).isEqualTo(new LlamaReference(base).logits(PROMPT));
    }

    /** Row i of the result is row order[i] of w. */
    private static Linear rows(Linear w, int[] order) {
        float[] v = ((Linear.Dense) w).values();
        float[] out = new float[order.length * w.cols()]; // (order.length, cols)
        for (int r = 0; r < order.length; r++) {
            System.arraycopy(v, order[r] * w.cols(), out, r * w.cols(), w.cols());
        }
        return new Linear.Dense(order.length, w.cols(), out);
    }

    /** Within each head: new i ← old 2i, new i + d/2 ← old 2i + 1. */
    private static int[] halfOrder(int rows, int headDim) {
        int[] order = new int[rows];
        for (int r = 0; r < rows; r++) {
            int base = r / headDim * headDim;
            int i = r % headDim;
            order[r] = base + (i < headDim / 2 ? 2 * i : 2 * (i - headDim / 2) + 1);
        }
        return order;
    }

    private static LlamaConfig with(LlamaConfig c, LlamaConfig.RopeStyle rope, int kvHeads, boolean tied) {
        return new LlamaConfig(c.architecture(), c.vocabSize(), c.hidden(), c.ffn(), c.layers(), c.heads(), kvHeads,
                c.headDim(), c.ropeDims(), c.contextLength(), c.ropeTheta(), rope, c.rmsEps(), c.qkvBias(), tied,
                c.bosTokenId(), c.eosTokenId());
    }

    /** {@code base} under another config, with projections passed through {@code linear}. */
    private static class Rewired implements LlamaWeights {
        private final LlamaWeights base;
        private final LlamaConfig config;
        private final BiFunction<String, Linear, Linear> linear;

        Rewired(LlamaWeights base, LlamaConfig config, BiFunction<String, Linear, Linear> linear) {
            this.base = base;
            this.config = config;
            this.linear = linear;
        }

        @Override
        public LlamaConfig config() {
            return config;
        }

        @Override
        public float[] tokenEmbedding() {
            return base.tokenEmbedding();
        }

        @Override
        public float[] norm(String name) {
            return base.norm(name);
        }

        @Override
        public Linear linear(String name) {
            return linear.apply(name, base.linear(name));
        }

        @Override
        public float[] bias(String name) {
            return base.bias(name);
        }
    }
}
