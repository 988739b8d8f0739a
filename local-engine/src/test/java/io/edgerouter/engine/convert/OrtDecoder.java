package io.edgerouter.engine.convert;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a written model.onnx directly through an {@link OrtSession} with inputs fed by hand (batch 1), keeping the
 * past K/V as plain arrays so tests can splice and mask cache slots.
 */
final class OrtDecoder implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final LlamaConfig c;

    /** What one run returns. @param logits (seq, vocab) @param keys, values per layer (kvHeads, total, headDim) */
    record Step(float[][] logits, float[][] keys, float[][] values, int total) {
    }

    OrtDecoder(Path dir, LlamaConfig config) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            this.session = env.createSession(dir.resolve(LlamaOnnx.MODEL).toString(), options);
        }
        this.c = config;
    }

    /** A run with nothing cached. */
    Step run(int[] tokens, long[] mask, long[] positions) throws OrtException {
        return run(tokens, mask, positions, null);
    }

    /**
     * @param mask      (past + tokens) attention_mask
     * @param positions (tokens) position_ids
     * @param past      the previous step whose present K/V become past_key_values, or null
     */
    Step run(int[] tokens, long[] mask, long[] positions, Step past) throws OrtException {
        int pastLength = past == null ? 0 : past.total();
        long[] ids = new long[tokens.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokens[i];
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", longs(ids, 1, ids.length));
            inputs.put("attention_mask", longs(mask, 1, mask.length));
            inputs.put("position_ids", longs(positions, 1, positions.length));
            long[] kvShape = {1, c.kvHeads(), pastLength, c.headDim()};
            for (int l = 0; l < c.layers(); l++) {
                float[] none = new float[0];
                inputs.put("past_key_values." + l + ".key", floats(past == null ? none : past.keys()[l], kvShape));
                inputs.put("past_key_values." + l + ".value", floats(past == null ? none : past.values()[l], kvShape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][] logits = ((float[][][]) result.get("logits").orElseThrow().getValue())[0];
                float[][] keys = new float[c.layers()][];
                float[][] values = new float[c.layers()][];
                for (int l = 0; l < c.layers(); l++) {
                    keys[l] = flat(result.get("present." + l + ".key").orElseThrow());
                    values[l] = flat(result.get("present." + l + ".value").orElseThrow());
                }
                return new Step(logits, keys, values, pastLength + tokens.length);
            }
        } finally {
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
        }
    }

    private OnnxTensor longs(long[] values, long... shape) throws OrtException {
        return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
    }

    private OnnxTensor floats(float[] values, long... shape) throws OrtException {
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
    }

    private static float[] flat(OnnxValue value) {
        FloatBuffer b = ((OnnxTensor) value).getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
