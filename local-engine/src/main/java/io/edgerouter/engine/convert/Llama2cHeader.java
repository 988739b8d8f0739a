package io.edgerouter.engine.convert;

import io.edgerouter.engine.ModelLoadException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The header of a llama2.c checkpoint, in either of the two fp32 layouts llama2.c's {@code export.py} writes:
 * the legacy version 0 (seven int32: dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len; a negative
 * vocab_size means a separate classifier) or version 1 (magic "ak42", int32 version, the same seven int32 with a
 * positive vocab_size, a uint8 shared-classifier flag, zero padding to 256 bytes).
 *
 * @param file             the file's name, for messages
 * @param vocabSize        always positive; {@code sharedClassifier} says whether wcls is the embedding
 * @param sharedClassifier whether the logits reuse the token embedding (no wcls tensor in the file)
 */
record Llama2cHeader(String file, int version, int dim, int hiddenDim, int layers, int heads, int kvHeads,
                     int vocabSize, boolean sharedClassifier, int seqLen) {

    static final int MAGIC = 0x616b3432;
    static final int LEGACY_BYTES = 7 * Integer.BYTES;
    static final int VERSION1_BYTES = 256;

    Llama2cHeader {
        positive(file, "dim", dim);
        positive(file, "hidden_dim", hiddenDim);
        positive(file, "n_layers", layers);
        positive(file, "n_heads", heads);
        positive(file, "n_kv_heads", kvHeads);
        positive(file, "vocab_size", vocabSize);
        positive(file, "seq_len", seqLen);
        if (dim % heads != 0) {
            throw new ModelLoadException(file + ": header n_heads " + heads + " must divide dim " + dim);
        }
        if (heads % kvHeads != 0) {
            throw new ModelLoadException(file + ": header n_kv_heads " + kvHeads + " must divide n_heads " + heads);
        }
        if ((dim / heads) % 2 != 0) {
            throw new ModelLoadException(file + ": head size dim / n_heads = " + dim / heads
                    + " must be even (RoPE rotates pairs)");
        }
    }

    /** Parses the first bytes of a checkpoint. @param head at least the header's bytes, or the whole (short) file */
    static Llama2cHeader parse(String file, ByteBuffer head) {
        ByteBuffer b = head.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < LEGACY_BYTES) {
            throw new ModelLoadException(file + ": " + b.remaining() + " bytes is too short for a llama2.c header ("
                    + LEGACY_BYTES + " bytes)");
        }
        if (b.getInt(0) != MAGIC) {
            int vocab = b.getInt(20);
            return new Llama2cHeader(file, 0, b.getInt(0), b.getInt(4), b.getInt(8), b.getInt(12), b.getInt(16),
                    Math.abs(vocab), vocab > 0, b.getInt(24));
        }
        int version = b.remaining() >= 8 ? b.getInt(4) : -1;
        if (version == 2) {
            throw new ModelLoadException(file + ": llama2.c export version 2 (int8 Q8_0 weights) is not supported;"
                    + " export the checkpoint with version 1 (fp32) or the legacy version 0");
        }
        if (version != 1) {
            throw new ModelLoadException(file + ": llama2.c magic \"ak42\" with version " + version
                    + ", expected 1 (fp32)");
        }
        if (b.remaining() < VERSION1_BYTES) {
            throw new ModelLoadException(file + ": " + b.remaining() + " bytes is too short for a version 1 header ("
                    + VERSION1_BYTES + " bytes)");
        }
        return new Llama2cHeader(file, 1, b.getInt(8), b.getInt(12), b.getInt(16), b.getInt(20), b.getInt(24),
                b.getInt(28), b.get(36) != 0, b.getInt(32));
    }

    int headerBytes() {
        return version == 0 ? LEGACY_BYTES : VERSION1_BYTES;
    }

    int headSize() {
        return dim / heads;
    }

    int kvDim() {
        return kvHeads * headSize();
    }

    /** The model these hyperparameters describe, with llama2.c's fixed choices (run.c hard-codes them). */
    LlamaConfig config() {
        return new LlamaConfig("llama2.c", vocabSize, dim, hiddenDim, layers, heads, kvHeads, headSize(), headSize(),
                seqLen, 10000.0, LlamaConfig.RopeStyle.INTERLEAVED, 1e-5, false, sharedClassifier, 1, 2);
    }

    /** E.g. {@code (dim 64, hidden 172, 5 layers, 8 heads, 4 kv heads, vocab 512 shared, seq 512)}. */
    String describe() {
        return "(" + (version == 0 ? "" : "version " + version + ", ") + "dim " + dim + ", hidden " + hiddenDim
                + ", " + layers + " layers, " + heads + " heads, " + kvHeads + " kv heads, vocab " + vocabSize
                + (sharedClassifier ? " shared" : " separate") + ", seq " + seqLen + ")";
    }

    private static void positive(String file, String field, int value) {
        if (value <= 0) {
            throw new ModelLoadException(file + ": header field " + field + " is " + value + ", expected > 0");
        }
    }
}
