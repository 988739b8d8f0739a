package io.edgerouter.engine.kv;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgerouter.engine.InferenceException;
import io.edgerouter.engine.InvalidRequestException;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-slot key/value tensors of one sequence, each (1, kvHeads[i], length, headDim[i]). After a forward pass
 * the {@code present.*} outputs are adopted as-is (no copy) and fed back as the next {@code past_key_values.*};
 * only {@link #truncate(int)} copies, natively, with a {@link KvTruncator}. Not thread-safe.
 */
public final class KvCache implements AutoCloseable {

    private final OrtEnvironment env;
    private final KvTruncator truncator;
    private final int[] kvHeads;
    private final int[] headDims;
    private final OnnxTensor[] keys;
    private final OnnxTensor[] values;
    /** Whatever owns the current tensors: an OrtSession.Result, or the tensors themselves. */
    private final List<AutoCloseable> owners = new ArrayList<>();
    private int length;
    private boolean closed;

    /** @param truncator cuts this cache's 2 · slots tensors on rollback (shared by the caches of one model) */
    public KvCache(OrtEnvironment env, KvTruncator truncator, int[] kvHeads, int[] headDims) {
        this.env = env;
        this.truncator = truncator;
        this.kvHeads = kvHeads.clone();
        this.headDims = headDims.clone();
        this.keys = new OnnxTensor[kvHeads.length];
        this.values = new OnnxTensor[kvHeads.length];
        empty();
    }

    public int length() {
        return length;
    }

    public int slots() {
        return keys.length;
    }

    public OnnxTensor key(int slot) {
        return keys[slot];
    }

    public OnnxTensor value(int slot) {
        return values[slot];
    }

    /** Float32 bytes held: length × Σ 2·kvHeads·headDim·4. */
    public long bytes() {
        long perToken = 0;
        for (int i = 0; i < kvHeads.length; i++) {
            perToken += 2L * kvHeads[i] * headDims[i] * Float.BYTES;
        }
        return perToken * length;
    }

    /**
     * Adopts the present tensors of a forward pass; {@code owner} (the run's result) is closed when the cache moves
     * on. The previous tensors are released.
     */
    public void adopt(AutoCloseable owner, OnnxTensor[] newKeys, OnnxTensor[] newValues, int newLength) {
        releaseOwners();
        System.arraycopy(newKeys, 0, keys, 0, keys.length);
        System.arraycopy(newValues, 0, values, 0, values.length);
        owners.add(owner);
        length = newLength;
    }

    /** Drops every position ≥ {@code newLength} (rollback after rejected draft tokens). */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new InvalidRequestException("cannot truncate KV cache of length " + length + " to " + newLength);
        }
        if (newLength == length) {
            return;
        }
        OnnxTensor[] all = new OnnxTensor[2 * keys.length];
        for (int i = 0; i < keys.length; i++) {
            all[2 * i] = keys[i];
            all[2 * i + 1] = values[i];
        }
        OrtSession.Result cut = truncator.truncate(all, newLength); // reads the current tensors: release them after
        OnnxTensor[] newKeys = new OnnxTensor[keys.length];
        OnnxTensor[] newValues = new OnnxTensor[keys.length];
        for (int i = 0; i < keys.length; i++) {
            newKeys[i] = (OnnxTensor) cut.get(2 * i);
            newValues[i] = (OnnxTensor) cut.get(2 * i + 1);
        }
        adopt(cut, newKeys, newValues, newLength);
    }

    /** Copies of every tensor, in slot order key, value, key, value…; for tests and diagnostics. */
    public float[][] snapshot() {
        float[][] out = new float[2 * keys.length][];
        for (int i = 0; i < keys.length; i++) {
            out[2 * i] = prefix(keys[i], i, length);
            out[2 * i + 1] = prefix(values[i], i, length);
        }
        return out;
    }

    /** (kvHeads, n, headDim) copy of the first n positions of a (1, kvHeads, length, headDim) tensor. */
    private float[] prefix(OnnxTensor tensor, int slot, int n) {
        FloatBuffer all = tensor.getFloatBuffer();
        int hd = headDims[slot];
        float[] out = new float[kvHeads[slot] * n * hd];
        for (int h = 0; h < kvHeads[slot]; h++) {
            all.position(h * length * hd);
            all.get(out, h * n * hd, n * hd);
        }
        return out;
    }

    /** Sets every slot to an empty (1, kvHeads, 0, headDim) tensor. */
    private void empty() {
        releaseOwners();
        try {
            for (int i = 0; i < keys.length; i++) {
                long[] shape = {1, kvHeads[i], 0, headDims[i]};
                keys[i] = own(OnnxTensor.createTensor(env, FloatBuffer.allocate(0), shape));
                values[i] = own(OnnxTensor.createTensor(env, FloatBuffer.allocate(0), shape));
            }
        } catch (OrtException e) {
            throw new InferenceException("cannot allocate KV cache tensors: " + e.getMessage(), e);
        }
        length = 0;
    }

    private OnnxTensor own(OnnxTensor t) {
        owners.add(t);
        return t;
    }

    private void releaseOwners() {
        for (AutoCloseable c : owners) {
            try {
                c.close();
            } catch (Exception e) {
                throw new InferenceException("cannot release KV cache tensors: " + e.getMessage(), e);
            }
        }
        owners.clear();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            releaseOwners();
        }
    }
}
