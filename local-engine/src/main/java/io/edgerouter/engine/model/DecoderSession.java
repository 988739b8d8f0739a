package io.edgerouter.engine.model;

import io.edgerouter.engine.BudgetExceededException;
import io.edgerouter.engine.InvalidRequestException;
import io.edgerouter.engine.kv.KvCache;

import java.util.Arrays;

/**
 * One sequence decoded incrementally by one {@link CausalLm}: the token ids whose keys/values are in the
 * {@link KvCache}. Supports rollback ({@link #truncate}) and prefix reuse across turns ({@link #extendTo}).
 * Not thread-safe: one conversation at a time.
 */
public final class DecoderSession implements AutoCloseable {

    /** Most tokens one forward pass processes. */
    public static final int PREFILL_CHUNK = 128;

    private final CausalLm model;
    private final EngineLimits limits;
    private final KvCache cache;
    private final LogitsBuffer logits = new LogitsBuffer();
    private int[] tokens = new int[64];
    private int length;
    private boolean closed;

    public DecoderSession(CausalLm model, EngineLimits limits) {
        this.model = model;
        this.limits = limits;
        this.cache = model.newCache();
    }

    public CausalLm model() {
        return model;
    }

    public int length() {
        return length;
    }

    /** The cached token ids. */
    public int[] tokens() {
        return Arrays.copyOf(tokens, length);
    }

    public KvCache cache() {
        return cache;
    }

    /** Feeds {@code newTokens} after the cache; returns the logits of the last one: (vocab). */
    public float[] append(int... newTokens) {
        return append(newTokens, 1);
    }

    /**
     * Feeds {@code newTokens}; returns the logits (rows, vocab) of the last {@code rows} new tokens, flattened. Long
     * inputs are fed in chunks of {@link #PREFILL_CHUNK} so the logits output of one pass stays bounded (a real
     * vocabulary is ~150k floats a position).
     */
    public float[] append(int[] newTokens, int rows) {
        ensureOpen();
        if (newTokens.length == 0) {
            throw new InvalidRequestException("nothing to decode: empty token list");
        }
        if (rows < 1 || rows > newTokens.length) {
            throw new InvalidRequestException("rows " + rows + " must be in [1, " + newTokens.length + "]");
        }
        checkVocabulary(newTokens);
        checkBudget(length + newTokens.length);
        int chunk = Math.max(PREFILL_CHUNK, rows);
        int from = 0;
        while (newTokens.length - from > chunk) {
            int n = Math.min(chunk, newTokens.length - from - rows); // leaves ≥ rows tokens for the last pass
            feed(Arrays.copyOfRange(newTokens, from, from + n), 0); // nobody reads these rows' logits
            from += n;
        }
        return feed(from == 0 ? newTokens : Arrays.copyOfRange(newTokens, from, newTokens.length), rows);
    }

    private float[] feed(int[] chunk, int rows) {
        float[] out = model.forward(Step.contiguous(chunk, cache.length(), rows), cache, logits);
        if (tokens.length < length + chunk.length) {
            tokens = Arrays.copyOf(tokens, Math.max(tokens.length * 2, length + chunk.length));
        }
        System.arraycopy(chunk, 0, tokens, length, chunk.length);
        length += chunk.length;
        return out;
    }

    /** Rolls the session back to its first {@code newLength} tokens. */
    public void truncate(int newLength) {
        ensureOpen();
        cache.truncate(newLength);
        length = newLength;
    }

    /**
     * Makes the session hold exactly {@code sequence}, reusing the longest cached common prefix, and returns the
     * logits (rows, vocab) of its last {@code rows} tokens (those are always recomputed).
     */
    public float[] extendTo(int[] sequence, int rows) {
        ensureOpen();
        if (sequence.length == 0) {
            throw new InvalidRequestException("empty prompt: at least one token is needed");
        }
        int common = 0;
        int max = Math.min(length, sequence.length);
        while (common < max && tokens[common] == sequence[common]) {
            common++;
        }
        int keep = Math.min(common, sequence.length - rows);
        checkBudget(sequence.length);
        if (keep < length) {
            truncate(keep);
        }
        return append(Arrays.copyOfRange(sequence, keep, sequence.length), rows);
    }

    private void checkVocabulary(int[] ids) {
        int vocab = model.vocabSize();
        for (int id : ids) {
            if (id < 0 || id >= vocab) {
                throw new InvalidRequestException("token id " + id + " outside the vocabulary [0, " + vocab + ")");
            }
        }
    }

    /** Throws when holding {@code newLength} tokens would break the context or KV-byte budget. */
    public void checkBudget(int newLength) {
        int contextLimit = Math.min(limits.maxContextTokens(), model.config().maxPositions());
        if (newLength > contextLimit) {
            throw new BudgetExceededException("sequence of " + newLength + " tokens exceeds the context limit of "
                    + contextLimit + " tokens (max_position_embeddings " + model.config().maxPositions()
                    + ", budget " + limits.maxContextTokens() + ")");
        }
        long bytes = newLength * model.signature().kvBytesPerToken();
        if (bytes > limits.maxKvBytes()) {
            throw new BudgetExceededException("sequence of " + newLength + " tokens needs " + bytes
                    + " KV-cache bytes, over the budget of " + limits.maxKvBytes() + " bytes");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new InvalidRequestException("decoder session is closed (its KV cache was freed)");
        }
    }

    /** Frees the KV cache; closing twice is harmless. */
    @Override
    public void close() {
        closed = true;
        cache.close();
    }
}
