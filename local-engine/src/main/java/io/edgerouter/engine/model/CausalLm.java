package io.edgerouter.engine.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgerouter.engine.InferenceException;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.kv.KvCache;
import io.edgerouter.engine.kv.KvTruncator;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One ONNX causal-LM export loaded in an {@link OrtSession}: runs forward passes against a {@link KvCache} and
 * accounts the time spent inside {@code OrtSession.run} (to measure the engine's own overhead).
 */
public final class CausalLm implements AutoCloseable {

    private final Path dir;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelConfig config;
    private final ModelSignature signature;
    private final KvTruncator truncator;
    private final AtomicLong runNanos = new AtomicLong(); // sessions on several threads may share this model
    private final AtomicLong runs = new AtomicLong();
    private boolean closed;

    private CausalLm(Path dir, OrtEnvironment env, OrtSession session, ModelConfig config, ModelSignature sig) {
        this.dir = dir;
        this.env = env;
        this.session = session;
        this.config = config;
        this.signature = sig;
        this.truncator = KvTruncator.create(env, 2 * sig.slots().size());
    }

    /** Loads {@code dir/model.onnx} and {@code dir/config.json}; intra-op threads ≥ 1. */
    public static CausalLm load(Path dir, int intraOpThreads) {
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException("model directory " + dir + " does not exist");
        }
        Path onnx = dir.resolve("model.onnx");
        if (!Files.exists(onnx)) {
            throw new ModelLoadException("missing model.onnx in model directory " + dir);
        }
        ModelConfig config = ModelConfig.read(dir);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(onnx.toString(), options);
            return new CausalLm(dir, env, session, config, ModelSignature.discover(session, config));
        } catch (OrtException e) {
            throw new ModelLoadException("ONNX Runtime cannot load " + onnx + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session, e);
            throw e;
        }
    }

    public Path directory() {
        return dir;
    }

    public ModelConfig config() {
        return config;
    }

    public ModelSignature signature() {
        return signature;
    }

    public int vocabSize() {
        return signature.vocabSize();
    }

    /** An empty cache shaped for this model. */
    public KvCache newCache() {
        List<ModelSignature.KvSlot> slots = signature.slots();
        int[] heads = new int[slots.size()];
        int[] dims = new int[slots.size()];
        for (int i = 0; i < heads.length; i++) {
            heads[i] = slots.get(i).kvHeads();
            dims[i] = slots.get(i).headDim();
        }
        return new KvCache(env, truncator, heads, dims);
    }

    /**
     * Runs {@code tokens} after the cached prefix and lets the cache adopt the present tensors.
     *
     * @return logits (rows, vocab) of the last {@code rows} input positions, flattened row-major
     */
    public float[] forward(int[] tokens, KvCache cache, int rows) {
        int past = cache.length();
        int total = past + tokens.length;
        long[] ids = new long[tokens.length];
        long[] positions = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            ids[i] = tokens[i];
            positions[i] = past + i;
        }
        long[] mask = new long[total];
        java.util.Arrays.fill(mask, 1L);
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OnnxTensor idT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, tokens.length});
             OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {1, total});
             OnnxTensor posT = signature.positionIds() == null ? null
                     : OnnxTensor.createTensor(env, LongBuffer.wrap(positions), new long[] {1, tokens.length});
             OnnxTensor branchT = signature.useCacheBranch() == null ? null
                     : OnnxTensor.createTensor(env, new boolean[] {past > 0})) {
            inputs.put(signature.inputIds(), idT);
            inputs.put(signature.attentionMask(), maskT);
            if (posT != null) {
                inputs.put(signature.positionIds(), posT);
            }
            if (branchT != null) {
                inputs.put(signature.useCacheBranch(), branchT);
            }
            List<ModelSignature.KvSlot> slots = signature.slots();
            for (int i = 0; i < slots.size(); i++) {
                inputs.put(slots.get(i).pastKey(), cache.key(i));
                inputs.put(slots.get(i).pastValue(), cache.value(i));
            }
            return runAndAdopt(inputs, cache, total, tokens.length, rows);
        } catch (OrtException e) {
            throw new InferenceException("forward pass of " + tokens.length + " tokens after " + past
                    + " cached failed: " + e.getMessage(), e);
        }
    }

    private float[] runAndAdopt(Map<String, OnnxTensor> inputs, KvCache cache, int total, int seq, int rows)
            throws OrtException {
        long start = System.nanoTime();
        OrtSession.Result result = session.run(inputs);
        runNanos.addAndGet(System.nanoTime() - start);
        runs.incrementAndGet();
        try {
            int vocab = signature.vocabSize();
            FloatBuffer all = ((OnnxTensor) result.get(signature.logits()).orElseThrow()).getFloatBuffer();
            float[] logits = new float[rows * vocab]; // (rows, vocab)
            all.position((seq - rows) * vocab);
            all.get(logits);
            List<ModelSignature.KvSlot> slots = signature.slots();
            OnnxTensor[] keys = new OnnxTensor[slots.size()];
            OnnxTensor[] values = new OnnxTensor[slots.size()];
            for (int i = 0; i < slots.size(); i++) {
                keys[i] = present(result, slots.get(i).presentKey());
                values[i] = present(result, slots.get(i).presentValue());
            }
            cache.adopt(result, keys, values, total);
            return logits;
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
    }

    private static OnnxTensor present(OrtSession.Result result, String name) {
        OnnxValue v = result.get(name).orElseThrow(() -> new InferenceException("no output " + name, null));
        return (OnnxTensor) v;
    }

    /** Total nanoseconds spent inside {@code OrtSession.run} since load or the last reset. */
    public long runNanos() {
        return runNanos.get();
    }

    public long runs() {
        return runs.get();
    }

    public void resetRunStats() {
        runNanos.set(0);
        runs.set(0);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            truncator.close();
            try {
                session.close();
            } catch (OrtException e) {
                throw new InferenceException("cannot close session of " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private static void closeQuietly(OrtSession session, RuntimeException primary) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                primary.addSuppressed(e);
            }
        }
    }
}
