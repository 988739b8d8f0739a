package io.edgerouter.engine.kv;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.platform.Fp16Conversions;
import io.edgerouter.engine.InferenceException;
import io.edgerouter.engine.InvalidRequestException;
import io.edgerouter.engine.model.ModelSignature.CacheTensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The cache tensors of one sequence, in the model's layout and element type (separate key/value tensors (1, kv_heads,
 * length, head_dim) or combined (2, 1, heads, length, head_dim); float32, float16 or bfloat16). After a forward pass
 * the {@code present} outputs are adopted as-is (no copy, they stay native in their own type) and fed back as the next
 * {@code past} inputs; only {@link #truncate(int)} and {@link #keep(long[])} copy, natively, with a
 * {@link KvTruncator}. Not thread-safe.
 */
public final class KvCache implements AutoCloseable {

    private final OrtEnvironment env;
    private final KvTruncator truncator;
    private final List<CacheTensor> layout;
    private final OnnxTensor[] tensors;
    /** Whatever owns the current tensors: an OrtSession.Result, or the tensors themselves. */
    private final List<AutoCloseable> owners = new ArrayList<>();
    private int length;
    private boolean closed;

    /** @param truncator cuts this cache's tensors on rollback (shared by the caches of one model) */
    public KvCache(OrtEnvironment env, KvTruncator truncator, List<CacheTensor> layout) {
        this.env = env;
        this.truncator = truncator;
        this.layout = List.copyOf(layout);
        this.tensors = new OnnxTensor[layout.size()];
        empty();
    }

    /** Positions held. */
    public int length() {
        return length;
    }

    public int size() {
        return tensors.length;
    }

    public OnnxTensor tensor(int i) {
        return tensors[i];
    }

    public List<CacheTensor> layout() {
        return layout;
    }

    /** Bytes held, at the cache's own element types. */
    public long bytes() {
        return layout.stream().mapToLong(CacheTensor::bytesPerPosition).sum() * length;
    }

    /**
     * Adopts the present tensors of a forward pass; {@code owner} (the run's result) is closed when the cache moves
     * on. The previous tensors are released.
     */
    public void adopt(AutoCloseable owner, OnnxTensor[] newTensors, int newLength) {
        releaseOwners();
        System.arraycopy(newTensors, 0, tensors, 0, tensors.length);
        owners.add(owner);
        length = newLength;
    }

    /** Drops every position ≥ {@code newLength}. */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new InvalidRequestException("cannot truncate KV cache of length " + length + " to " + newLength);
        }
        if (newLength == length) {
            return;
        }
        if (newLength == 0) {
            empty();
            return;
        }
        adoptAll(truncator.truncate(tensors.clone(), newLength), newLength); // reads the old tensors: release after
    }

    /** Keeps only the positions {@code keep} (ascending, each in [0, length)), in that order. */
    public void keep(long[] keep) {
        for (int i = 0; i < keep.length; i++) {
            if (keep[i] < 0 || keep[i] >= length || (i > 0 && keep[i] <= keep[i - 1])) {
                throw new InvalidRequestException("positions to keep must ascend within [0, " + length + ")");
            }
        }
        if (keep.length == 0) {
            empty();
            return;
        }
        adoptAll(truncator.gather(tensors.clone(), keep), keep.length);
    }

    private void adoptAll(OrtSession.Result cut, int newLength) {
        OnnxTensor[] next = new OnnxTensor[tensors.length];
        for (int i = 0; i < next.length; i++) {
            next[i] = (OnnxTensor) cut.get(i);
        }
        adopt(cut, next, newLength);
    }

    /** A float copy of every tensor, in layout order (for tests and diagnostics). */
    public float[][] snapshot() {
        float[][] out = new float[tensors.length][];
        for (int i = 0; i < tensors.length; i++) {
            out[i] = floats(tensors[i], layout.get(i).type());
        }
        return out;
    }

    private static float[] floats(OnnxTensor tensor, OnnxJavaType type) {
        if (type == OnnxJavaType.FLOAT) {
            java.nio.FloatBuffer all = tensor.getFloatBuffer();
            float[] out = new float[all.remaining()];
            all.get(out);
            return out;
        }
        ShortBuffer raw = tensor.getShortBuffer();
        float[] out = new float[raw.remaining()];
        for (int i = 0; i < out.length; i++) {
            short s = raw.get(i);
            out[i] = type == OnnxJavaType.FLOAT16 ? Fp16Conversions.fp16ToFloat(s) : Fp16Conversions.bf16ToFloat(s);
        }
        return out;
    }

    /** Sets every tensor to an empty one (length 0) of its shape and type. */
    private void empty() {
        releaseOwners();
        try {
            for (int i = 0; i < tensors.length; i++) {
                CacheTensor t = layout.get(i);
                ByteBuffer none = ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder());
                tensors[i] = own(OnnxTensor.createTensor(env, none, t.shapeWithLength(0), t.type()));
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
