package io.edgerouter.engine.model;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import java.nio.IntBuffer;
import java.nio.LongBuffer;

/** Builds (1, n) index tensors (ids, positions, masks) in the element type the graph declares. */
final class Inputs {

    private Inputs() {
    }

    static OnnxTensor indices(OrtEnvironment env, ModelSignature.Input input, int[] values, int n)
            throws OrtException {
        if (input.type() == OnnxJavaType.INT32) {
            return OnnxTensor.createTensor(env, IntBuffer.wrap(values), new long[] {1, n});
        }
        long[] wide = new long[n];
        for (int i = 0; i < n; i++) {
            wide[i] = values[i];
        }
        return OnnxTensor.createTensor(env, LongBuffer.wrap(wide), new long[] {1, n});
    }

    static OnnxTensor indices(OrtEnvironment env, ModelSignature.Input input, long[] values, int n)
            throws OrtException {
        if (input.type() == OnnxJavaType.INT64) {
            return OnnxTensor.createTensor(env, LongBuffer.wrap(values), new long[] {1, n});
        }
        int[] narrow = new int[n];
        for (int i = 0; i < n; i++) {
            narrow[i] = Math.toIntExact(values[i]);
        }
        return OnnxTensor.createTensor(env, IntBuffer.wrap(narrow), new long[] {1, n});
    }
}
