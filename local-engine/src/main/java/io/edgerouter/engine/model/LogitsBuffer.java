package io.edgerouter.engine.model;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.platform.Fp16Conversions;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory ONNX Runtime writes a pass's logits into (a pinned output), so reading the one row a decoding step
 * needs does not first copy (seq, vocab) floats to the Java heap. Grows to the largest pass seen; one per decoding
 * session (not thread-safe).
 */
public final class LogitsBuffer {

    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

    /** A (1, seq, vocab) tensor over this buffer; the caller closes it after the run. */
    OnnxTensor tensor(OrtEnvironment env, int seq, int vocab, OnnxJavaType type) throws OrtException {
        int bytes = Math.multiplyExact(Math.multiplyExact(seq, vocab), type.size);
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
        view.position(0).limit(bytes);
        return OnnxTensor.createTensor(env, view.slice().order(ByteOrder.nativeOrder()),
                new long[] {1, seq, vocab}, type);
    }

    /** Row {@code row} of the last pass into {@code into} (vocab), as float32; returns {@code into}. */
    float[] row(int row, int vocab, OnnxJavaType type, float[] into) {
        int start = row * vocab;
        if (type == OnnxJavaType.FLOAT) {
            buffer.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer().get(start, into, 0, vocab);
            return into;
        }
        java.nio.ShortBuffer raw = buffer.duplicate().order(ByteOrder.nativeOrder()).asShortBuffer();
        for (int i = 0; i < vocab; i++) {
            short s = raw.get(start + i);
            into[i] = type == OnnxJavaType.FLOAT16 ? Fp16Conversions.fp16ToFloat(s) : Fp16Conversions.bf16ToFloat(s);
        }
        return into;
    }

    /** Rows {@code [from, from + rows)} of the last pass, as float32 (rows, vocab). */
    float[] rows(int from, int rows, int vocab, OnnxJavaType type) {
        float[] out = new float[rows * vocab];
        int start = from * vocab;
        if (type == OnnxJavaType.FLOAT) {
            buffer.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer().get(start, out);
            return out;
        }
        java.nio.ShortBuffer raw = buffer.duplicate().order(ByteOrder.nativeOrder()).asShortBuffer();
        for (int i = 0; i < out.length; i++) {
            short s = raw.get(start + i);
            out[i] = type == OnnxJavaType.FLOAT16 ? Fp16Conversions.fp16ToFloat(s) : Fp16Conversions.bf16ToFloat(s);
        }
        return out;
    }
}
