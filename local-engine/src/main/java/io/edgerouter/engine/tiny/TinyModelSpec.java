package io.edgerouter.engine.tiny;

import io.edgerouter.engine.InvalidRequestException;

/**
 * Shape and seed of a generated tiny Llama-style model pair (target + draft sharing one byte-level tokenizer).
 *
 * @param layers        transformer layers of the target
 * @param draftLayers   how many leading target layers the draft keeps (the draft = target with layers skipped)
 * @param hidden        model width D
 * @param heads         query heads H; head_dim = hidden / heads
 * @param kvHeads       key/value heads (grouped-query attention when kvHeads &lt; heads)
 * @param ffn           SwiGLU inner width F
 * @param maxPositions  rotary table length = max context
 * @param deepLayerScale scale of the residual output weights of layers ≥ draftLayers; small values make the draft
 *                       agree with the target more often
 * @param copyStrength  logit boost of the built-in copy (induction) head; 0 disables copying behaviour
 * @param seed          all weights derive from this seed, so generation is deterministic
 */
public record TinyModelSpec(int layers, int draftLayers, int hidden, int heads, int kvHeads, int ffn,
                            int maxPositions, float deepLayerScale, float copyStrength, long seed) {

    /** Byte-level vocabulary: 256 bytes + endoftext, im_start, im_end. */
    public static final int VOCAB = 259;
    public static final int EOS_ID = 256;
    public static final int IM_START_ID = 257;
    public static final int IM_END_ID = 258;

    public TinyModelSpec {
        positive("layers", layers);
        positive("draftLayers", draftLayers);
        positive("hidden", hidden);
        positive("heads", heads);
        positive("kvHeads", kvHeads);
        positive("ffn", ffn);
        positive("maxPositions", maxPositions);
        if (draftLayers > layers) {
            throw new InvalidRequestException("draftLayers " + draftLayers + " must be ≤ layers " + layers);
        }
        if (hidden % heads != 0 || (hidden / heads) % 2 != 0) {
            throw new InvalidRequestException("hidden " + hidden + " must split into " + heads
                    + " heads of even head_dim");
        }
        if (heads % kvHeads != 0) {
            throw new InvalidRequestException("heads " + heads + " must be a multiple of kvHeads " + kvHeads);
        }
        if (deepLayerScale < 0 || copyStrength < 0) {
            throw new InvalidRequestException("deepLayerScale and copyStrength must be ≥ 0");
        }
    }

    /** Small and fast (≈ 0.7 MB of weights): the unit tests' pair and the edge agent's embedded default. */
    public static TinyModelSpec small() {
        return new TinyModelSpec(3, 1, 64, 4, 2, 128, 512, 0.35f, 12f, 42L);
    }

    /** Large enough (≈ 34 M parameters, 135 MB) that the target forward pass dominates the one-layer draft. */
    public static TinyModelSpec benchmark() {
        return new TinyModelSpec(16, 1, 384, 8, 2, 1536, 1024, 0.25f, 12f, 7L);
    }

    public int headDim() {
        return hidden / heads;
    }

    /** Width of the copy head's token code: its cache slot holds copyHeads() × headDim() = 128 floats a token. */
    public int copyDim() {
        return copyHeads() * headDim();
    }

    public int copyHeads() {
        return Math.max(1, 128 / headDim());
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new InvalidRequestException(name + " must be > 0, got " + value);
        }
    }
}
