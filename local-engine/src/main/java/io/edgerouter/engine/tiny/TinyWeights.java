package io.edgerouter.engine.tiny;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic random weights of a tiny Llama-style decoder. Matrices are row-major {@code [in][out]} so that
 * {@code y = x · W} (the ONNX MatMul orientation).
 *
 * @param embed     (vocab, hidden) token embeddings
 * @param layers    transformer blocks in order
 * @param finalNorm (hidden) RMSNorm weight before the head
 * @param lmHead    (hidden, vocab)
 * @param lmBias    (vocab) a fixed unigram prior like a trained model's: letters and spaces are likely, control and
 *                  non-ASCII bytes unlikely; so the output is made of characters the prompt contains
 * @param copyCode  (vocab, copyDim) ±1/√copyDim code per token for the copy head
 * @param copyMix   (copyDim, copyDim) ±1/√copyDim mixing matrix that marks "the token before" in the copy head's
 *                  keys and queries, so it matches on bigrams
 */
public record TinyWeights(TinyModelSpec spec, float[] embed, List<Layer> layers, float[] finalNorm, float[] lmHead,
                          float[] lmBias, float[] copyCode, float[] copyMix) {

    /** Softmax sharpness of the copy head: a code matches itself with dot product 1, others with ≈ ±1/√dim. */
    public static final float COPY_SHARPNESS = 12f;
    public static final float RMS_EPS = 1e-5f;
    public static final float ROPE_THETA = 10000f;

    /**
     * One transformer block.
     *
     * @param attnNorm (hidden)
     * @param wq       (hidden, heads·headDim)
     * @param wk       (hidden, kvHeads·headDim)
     * @param wv       (hidden, kvHeads·headDim)
     * @param wo       (heads·headDim, hidden)
     * @param mlpNorm  (hidden)
     * @param wGate    (hidden, ffn)
     * @param wUp      (hidden, ffn)
     * @param wDown    (ffn, hidden)
     */
    public record Layer(float[] attnNorm, float[] wq, float[] wk, float[] wv, float[] wo,
                        float[] mlpNorm, float[] wGate, float[] wUp, float[] wDown) {
    }

    public static TinyWeights random(TinyModelSpec spec) {
        Random rng = new Random(spec.seed());
        int d = spec.hidden();
        int qDim = spec.heads() * spec.headDim();
        int kvDim = spec.kvHeads() * spec.headDim();
        float[] embed = gaussian(rng, TinyModelSpec.VOCAB * d, 1f);
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < spec.layers(); l++) {
            float outScale = l < spec.draftLayers() ? 1f : spec.deepLayerScale();
            layers.add(new Layer(
                    norm(rng, d),
                    gaussian(rng, d * qDim, 1f / (float) Math.sqrt(d)),
                    gaussian(rng, d * kvDim, 1f / (float) Math.sqrt(d)),
                    gaussian(rng, d * kvDim, 1f / (float) Math.sqrt(d)),
                    gaussian(rng, qDim * d, outScale / (float) Math.sqrt(qDim)),
                    norm(rng, d),
                    gaussian(rng, d * spec.ffn(), 1f / (float) Math.sqrt(d)),
                    gaussian(rng, d * spec.ffn(), 1f / (float) Math.sqrt(d)),
                    gaussian(rng, spec.ffn() * d, outScale / (float) Math.sqrt(spec.ffn()))));
        }
        float[] finalNorm = norm(rng, d);
        float[] lmHead = gaussian(rng, d * TinyModelSpec.VOCAB, 2.5f / (float) Math.sqrt(d));
        float[] copyCode = signs(rng, TinyModelSpec.VOCAB * spec.copyDim(), spec.copyDim());
        float[] copyMix = signs(rng, spec.copyDim() * spec.copyDim(), spec.copyDim());
        return new TinyWeights(spec, embed, List.copyOf(layers), finalNorm, lmHead, unigramPrior(), copyCode,
                copyMix);
    }

    /** The draft: the same weights with only the first {@code spec.draftLayers()} blocks. */
    public TinyWeights draft() {
        return new TinyWeights(spec, embed, layers.subList(0, spec.draftLayers()), finalNorm, lmHead, lmBias,
                copyCode, copyMix);
    }

    public long parameterCount() {
        long n = embed.length + finalNorm.length + lmHead.length + lmBias.length + copyCode.length + copyMix.length;
        for (Layer l : layers) {
            n += l.attnNorm.length + l.wq.length + l.wk.length + l.wv.length + l.wo.length
                    + l.mlpNorm.length + l.wGate.length + l.wUp.length + l.wDown.length;
        }
        return n;
    }

    private static float[] gaussian(Random rng, int n, float std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextGaussian() * std;
        }
        return a;
    }

    /** Logit bias per token id: +4 lower-case letters and space, +2 other printable ASCII, 0 otherwise. */
    private static float[] unigramPrior() {
        float[] bias = new float[TinyModelSpec.VOCAB];
        for (int b = 0; b < 256; b++) {
            if (b == ' ' || (b >= 'a' && b <= 'z')) {
                bias[b] = 4f;
            } else if (b >= '!' && b <= '~') {
                bias[b] = 2f;
            }
        }
        return bias;
    }

    private static float[] signs(Random rng, int n, int dim) {
        float unit = 1f / (float) Math.sqrt(dim);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextBoolean() ? unit : -unit;
        }
        return a;
    }

    private static float[] norm(Random rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = 1f + 0.1f * (float) rng.nextGaussian();
        }
        return a;
    }
}
