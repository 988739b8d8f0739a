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
import io.edgerouter.engine.source.ModelKind;
import io.edgerouter.engine.source.ResolvedModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One ONNX decoder graph loaded in an {@link OrtSession}: runs forward passes against a {@link KvCache} and accounts
 * the time spent inside {@code OrtSession.run} (to measure the engine's own overhead). Inputs are built in the types
 * the graph declares; logits are written by ONNX Runtime straight into the caller's {@link LogitsBuffer} (no copy of
 * rows nobody reads), and a pass that needs no logits does not ask for them.
 */
public final class CausalLm implements AutoCloseable {

    private final ResolvedModel resolved;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ModelSignature signature;
    private final KvTruncator truncator;
    private final Set<String> presentNames;
    private final AtomicLong runNanos = new AtomicLong(); // sessions on several threads may share this model
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong positionsRun = new AtomicLong();
    /**
     * Whether the graph runs several new tokens after a cached past: some exporters' graphs only take a prompt
     * (no past) or one token at a time (ONNX Runtime GenAI's builder expands a (seq, seq) causal mask to
     * (seq, past + seq)). Unknown until the first such pass; once it fails, those passes go one token at a time.
     */
    private volatile Boolean multiTokenAfterPast;
    private boolean closed;

    private CausalLm(ResolvedModel resolved, OrtEnvironment env, OrtSession session, ModelSignature sig) {
        this.resolved = resolved;
        this.env = env;
        this.session = session;
        this.signature = sig;
        this.truncator = KvTruncator.create(env, sig.cache());
        Set<String> presents = new LinkedHashSet<>();
        sig.cache().forEach(t -> presents.add(t.present()));
        this.presentNames = Set.copyOf(presents);
    }

    /** Loads an Optimum export directory (the layout the tiny models are generated in). */
    public static CausalLm load(Path dir, int intraOpThreads) {
        return load(io.edgerouter.engine.source.ModelResolver.standard()
                .resolve(io.edgerouter.engine.source.ModelSource.of(dir), dir), intraOpThreads);
    }

    /**
     * Loads the first candidate ONNX Runtime can run (several only for a transformers.js directory without a dtype).
     *
     * @throws ModelLoadException naming every graph tried and why it failed
     */
    public static CausalLm load(List<ResolvedModel> candidates, int intraOpThreads) {
        List<String> failures = new ArrayList<>();
        for (ResolvedModel candidate : candidates) {
            try {
                return loadOne(candidate, intraOpThreads);
            } catch (ModelLoadException e) {
                if (candidates.size() == 1) {
                    throw e;
                }
                failures.add(candidate.graph().getFileName() + ": " + e.getMessage());
            }
        }
        throw new ModelLoadException("no graph of " + candidates.get(0).source() + " runs here; tried "
                + String.join("; ", failures));
    }

    private static CausalLm loadOne(ResolvedModel model, int intraOpThreads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(model.graph().toString(), options);
            ModelSignature sig = ModelSignature.discover(session, model.config(), model.names(), model.graph());
            return new CausalLm(model, env, session, sig);
        } catch (OrtException e) {
            throw new ModelLoadException("ONNX Runtime cannot load " + model.graph() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session, e);
            throw e;
        }
    }

    /** Where the model's config and tokenizer files are (for imports: the cached conversion). */
    public Path directory() {
        return resolved.directory();
    }

    public ResolvedModel resolved() {
        return resolved;
    }

    public ModelKind kind() {
        return resolved.kind();
    }

    public ModelConfig config() {
        return resolved.config();
    }

    public ModelSignature signature() {
        return signature;
    }

    public int vocabSize() {
        return signature.vocabSize();
    }

    /** An empty cache shaped for this model. */
    public KvCache newCache() {
        return new KvCache(env, truncator, signature.cache());
    }

    /** One pass of {@code tokens} right after the cached positions (all of which count); for tests and tools. */
    public float[] forward(int[] tokens, KvCache cache, int rows) {
        return forward(Step.contiguous(tokens, cache.length(), rows), cache, new LogitsBuffer());
    }

    /**
     * Runs one pass: {@code step.tokens()} after what {@code cache} holds; the cache adopts the present tensors.
     *
     * @return logits (rows, vocab) of the last {@code step.rows()} input positions, flattened row-major; empty when
     *         rows = 0 (then ONNX Runtime is not asked for logits at all)
     */
    public float[] forward(Step step, KvCache cache, LogitsBuffer logits) {
        return forward(step, cache, logits, null);
    }

    /**
     * As {@link #forward(Step, KvCache, LogitsBuffer)}, also showing {@code visitor} the logits row of every new
     * position, read in place from the pass's output buffer (what a prefill's statistics need, without copying
     * (seq, vocab) floats to the heap).
     *
     * @param visitor null for none; else {@code step.rows()} must be ≥ 1 (the pass must produce logits)
     */
    public float[] forward(Step step, KvCache cache, LogitsBuffer logits, LogitsVisitor visitor) {
        if (visitor != null && step.rows() < 1) {
            throw new IllegalArgumentException("a logits visitor needs a pass that produces logits (rows >= 1)");
        }
        boolean multi = cache.length() > 0 && step.tokens().length > 1;
        if (multi && Boolean.FALSE.equals(multiTokenAfterPast)) {
            return forwardOneByOne(step, cache, logits, visitor);
        }
        try {
            float[] out = forwardOnce(step, cache, logits, visitor);
            if (multi) {
                multiTokenAfterPast = true;
            }
            return out;
        } catch (InferenceException e) {
            if (!multi || multiTokenAfterPast != null) {
                throw e;
            }
            multiTokenAfterPast = false; // the cache is unchanged: a failed pass adopts nothing
            return forwardOneByOne(step, cache, logits, visitor);
        }
    }

    /** Whether passes of several tokens after a cached past run as one pass (null: not tried yet). */
    public Boolean multiTokenAfterPast() {
        return multiTokenAfterPast;
    }

    private float[] forwardOneByOne(Step step, KvCache cache, LogitsBuffer logits, LogitsVisitor visitor) {
        int seq = step.tokens().length;
        int vocab = signature.vocabSize();
        float[] out = new float[step.rows() * vocab]; // (rows, vocab)
        int past = cache.length();
        for (int i = 0; i < seq; i++) {
            int row = i - (seq - step.rows());
            Step one = new Step(new int[] {step.tokens()[i]}, new long[] {step.positions()[i]},
                    java.util.Arrays.copyOf(step.mask(), past + i + 1), row >= 0 || visitor != null ? 1 : 0);
            int index = i;
            float[] r = forwardOnce(one, cache, logits, visitor == null ? null : (j, l) -> visitor.row(index, l));
            if (row >= 0) {
                System.arraycopy(r, 0, out, row * vocab, vocab);
            }
        }
        return out;
    }

    private float[] forwardOnce(Step step, KvCache cache, LogitsBuffer logits, LogitsVisitor visitor) {
        int seq = step.tokens().length;
        int total = cache.length() + seq;
        if (step.mask().length != total) {
            throw new IllegalArgumentException("attention mask of " + step.mask().length + " for " + total
                    + " positions");
        }
        List<OnnxTensor> created = new ArrayList<>(5);
        try {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put(signature.inputIds().name(), created(created, Inputs.indices(env, signature.inputIds(),
                    step.tokens(), seq)));
            inputs.put(signature.attentionMask().name(), created(created, Inputs.indices(env,
                    signature.attentionMask(), step.mask(), total)));
            if (signature.positionIds() != null) {
                inputs.put(signature.positionIds().name(), created(created, Inputs.indices(env,
                        signature.positionIds(), step.positions(), seq)));
            }
            if (signature.useCacheBranch() != null) {
                inputs.put(signature.useCacheBranch(), created(created,
                        OnnxTensor.createTensor(env, new boolean[] {cache.length() > 0})));
            }
            for (int i = 0; i < cache.size(); i++) {
                inputs.put(signature.cache().get(i).past(), cache.tensor(i));
            }
            return runAndAdopt(inputs, cache, total, seq, step.rows(), logits, created, visitor);
        } catch (OrtException e) {
            throw new InferenceException("forward pass of " + seq + " tokens after " + cache.length()
                    + " cached failed: " + e.getMessage(), e);
        } finally {
            created.forEach(OnnxTensor::close);
        }
    }

    private float[] runAndAdopt(Map<String, OnnxTensor> inputs, KvCache cache, int total, int seq, int rows,
                                LogitsBuffer logits, List<OnnxTensor> created, LogitsVisitor visitor)
            throws OrtException {
        Map<String, OnnxValue> pinned = new HashMap<>();
        if (rows > 0) {
            pinned.put(signature.logits(), created(created, logits.tensor(env, seq, signature.vocabSize(),
                    signature.logitsType())));
        }
        long start = System.nanoTime();
        OrtSession.Result result = session.run(inputs, presentNames, pinned);
        runNanos.addAndGet(System.nanoTime() - start);
        runs.incrementAndGet();
        positionsRun.addAndGet(seq);
        try {
            OnnxTensor[] presents = new OnnxTensor[cache.size()];
            for (int i = 0; i < presents.length; i++) {
                String name = signature.cache().get(i).present();
                presents[i] = (OnnxTensor) result.get(name)
                        .orElseThrow(() -> new InferenceException("no output " + name, null));
            }
            cache.adopt(result, presents, total);
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
        if (visitor != null) {
            float[] scratch = new float[signature.vocabSize()]; // (vocab), one row at a time
            for (int r = 0; r < seq; r++) {
                visitor.row(r, logits.row(r, signature.vocabSize(), signature.logitsType(), scratch));
            }
        }
        return rows > 0 ? logits.rows(seq - rows, rows, signature.vocabSize(), signature.logitsType()) : new float[0];
    }

    private static OnnxTensor created(List<OnnxTensor> created, OnnxTensor t) {
        created.add(t);
        return t;
    }

    /** Total nanoseconds spent inside {@code OrtSession.run} since load or the last reset. */
    public long runNanos() {
        return runNanos.get();
    }

    public long runs() {
        return runs.get();
    }

    /** New token positions computed by all passes since load or the last reset (a prefill of n tokens adds n). */
    public long positionsRun() {
        return positionsRun.get();
    }

    public void resetRunStats() {
        runNanos.set(0);
        runs.set(0);
        positionsRun.set(0);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            truncator.close();
            try {
                session.close();
            } catch (OrtException e) {
                throw new InferenceException("cannot close session of " + resolved.graph() + ": " + e.getMessage(), e);
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
