package io.edgerouter.engine.model;

import io.edgerouter.engine.BudgetExceededException;
import io.edgerouter.engine.InvalidRequestException;
import io.edgerouter.engine.PrefillStats;
import io.edgerouter.engine.kv.KvCache;

import java.util.Arrays;

/**
 * One sequence decoded incrementally by one {@link CausalLm}: the token ids whose keys/values are in the
 * {@link KvCache}. Supports rollback ({@link #truncate}) and prefix reuse across turns ({@link #extendTo}).
 *
 * <p>Rollback without copying. When the graph takes {@code position_ids}, rolling back rejected draft tokens only
 * masks their cache slots (attention mask 0): the next pass writes after them, with positions that skip them, so the
 * model computes exactly what it would without them, and nothing is copied. The masked slots are squeezed out in
 * one native pass ({@link KvCache#keep}) once they make up a quarter of the cache, or when the cache would outgrow
 * the context budget. Graphs without position inputs, and graphs whose config asks for it ({@code kv_rollback:
 * copy}), cut the cache instead ({@link KvCache#truncate}, which copies the kept prefix natively). Not thread-safe:
 * one conversation at a time.
 */
public final class DecoderSession implements AutoCloseable {

    /** Most tokens one forward pass processes. */
    public static final int PREFILL_CHUNK = 128;

    private final CausalLm model;
    private final EngineLimits limits;
    private final KvCache cache;
    private final LogitsBuffer logits = new LogitsBuffer();
    private final boolean rollbackByMask;
    private int[] tokens = new int[64];
    private int length;
    /** One per cache slot: 1 = holds a token of the sequence, 0 = a masked rolled-back slot. */
    private long[] mask = new long[0];
    private int masked;
    /** (vocab) logits after the last cached token when {@link #prefill} computed them, so no pass repeats it; else null. */
    private float[] lastLogits;
    private boolean closed;

    public DecoderSession(CausalLm model, EngineLimits limits) {
        this.model = model;
        this.limits = limits;
        this.cache = model.newCache();
        this.rollbackByMask = model.signature().positionIds() != null && !model.config().rollbackByCopy();
    }

    public CausalLm model() {
        return model;
    }

    /** Tokens in the sequence. */
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

    /** Whether rollbacks mask cache slots instead of copying the cache. */
    public boolean rollsBackByMask() {
        return rollbackByMask;
    }

    /** Cache slots masked by rollbacks and not squeezed out yet. */
    public int maskedSlots() {
        return masked;
    }

    /** Feeds {@code newTokens} after the cache; returns the logits of the last one: (vocab). */
    public float[] append(int... newTokens) {
        return append(newTokens, 1);
    }

    /**
     * Feeds {@code newTokens}; returns the logits (rows, vocab) of the last {@code rows} new tokens, flattened. Long
     * inputs are fed in chunks of {@link #PREFILL_CHUNK} so the logits output of one pass stays bounded (a real
     * vocabulary is ~150k floats a position); chunks whose logits nobody reads do not ask for them.
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
            feed(Arrays.copyOfRange(newTokens, from, from + n), 0, null);
            from += n;
        }
        return feed(from == 0 ? newTokens : Arrays.copyOfRange(newTokens, from, newTokens.length), rows, null);
    }

    /**
     * Makes the session hold exactly {@code prompt}, as {@link #extendTo extendTo(prompt, 1)} does, and measures it
     * from the logits the prefill computes anyway: the mean surprisal of the prompt tokens it fed and the entropy of
     * the next-token distribution after the last one. Chunks are those of {@link #append}; each asks ONNX Runtime for
     * its logits output (the last pass always did) and the rows are read in place. The last token's logits are kept, so
     * the generation that continues this prompt ({@code extendTo} of the prompt, or of the prompt plus a draft) does
     * not run that token again: prefill + generate make the same forward passes as generate alone.
     *
     * <p>Tokens already cached (a reused conversation) are not recomputed: the mean covers the positions fed here
     * ({@link PrefillStats#positions()}), the first fed token unscored (its logits come from a cached position).
     *
     * @throws InvalidRequestException when {@code prompt} is empty or holds ids outside the vocabulary
     * @throws BudgetExceededException when {@code prompt} exceeds the context or KV-byte budget
     */
    public PrefillStats prefill(int[] prompt) {
        ensureOpen();
        if (prompt.length == 0) {
            throw new InvalidRequestException("empty prompt: at least one token is needed");
        }
        int keep = Math.min(commonPrefix(prompt), prompt.length - 1);
        checkBudget(prompt.length);
        int[] fed = Arrays.copyOfRange(prompt, keep, prompt.length);
        checkVocabulary(fed);
        if (keep < length) {
            truncate(keep);
        }
        PromptSurprisal stats = new PromptSurprisal(fed);
        int vocab = model.vocabSize();
        float[] last;
        int from = 0;
        do {
            int left = fed.length - from;
            int n = left > PREFILL_CHUNK ? Math.min(PREFILL_CHUNK, left - 1) : left; // as append(fed, 1) chunks
            int base = from;
            last = feed(Arrays.copyOfRange(fed, from, from + n), 1, (i, row) -> stats.row(base + i, row, vocab));
            from += n;
        } while (from < fed.length);
        lastLogits = last;
        return stats.stats(keep);
    }

    private float[] feed(int[] chunk, int rows, LogitsVisitor visitor) {
        lastLogits = null;
        makeRoomFor(chunk.length);
        int slots = cache.length();
        long[] positions = new long[chunk.length];
        long[] stepMask = Arrays.copyOf(mask, slots + chunk.length);
        for (int i = 0; i < chunk.length; i++) {
            positions[i] = length + i;
            stepMask[slots + i] = 1;
        }
        float[] out = model.forward(new Step(chunk, positions, stepMask, rows), cache, logits, visitor);
        mask = stepMask;
        if (tokens.length < length + chunk.length) {
            tokens = Arrays.copyOf(tokens, Math.max(tokens.length * 2, length + chunk.length));
        }
        System.arraycopy(chunk, 0, tokens, length, chunk.length);
        length += chunk.length;
        return out;
    }

    /** Squeezes masked slots out when they are many, or when the cache would outgrow the context budget. */
    private void makeRoomFor(int newSlots) {
        if (masked == 0) {
            return;
        }
        int slots = cache.length();
        boolean many = masked * 4 > slots;
        boolean tooLong = slots + newSlots > contextLimit()
                || (slots + newSlots) * model.signature().kvBytesPerToken() > limits.maxKvBytes();
        if (many || tooLong) {
            compact();
        }
    }

    private void compact() {
        int slots = cache.length();
        long[] keep = new long[length];
        int n = 0;
        for (int p = 0; p < slots; p++) {
            if (mask[p] == 1) {
                keep[n++] = p;
            }
        }
        cache.keep(keep);
        mask = ones(length);
        masked = 0;
    }

    private static long[] ones(int n) {
        long[] a = new long[n];
        Arrays.fill(a, 1L);
        return a;
    }

    /** Rolls the session back to its first {@code newLength} tokens. */
    public void truncate(int newLength) {
        ensureOpen();
        if (newLength < 0 || newLength > length) {
            throw new InvalidRequestException("cannot roll back a sequence of " + length + " tokens to " + newLength);
        }
        if (newLength == length) {
            return;
        }
        lastLogits = null;
        if (rollbackByMask && newLength > 0) {
            int drop = length - newLength; // the sequence's last tokens sit in its last unmasked slots
            for (int p = mask.length - 1; p >= 0 && drop > 0; p--) {
                if (mask[p] == 1) {
                    mask[p] = 0;
                    masked++;
                    drop--;
                }
            }
        } else {
            if (masked > 0) {
                compact();
            }
            cache.truncate(newLength);
            mask = ones(newLength);
        }
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
        int common = commonPrefix(sequence);
        checkBudget(sequence.length);
        if (lastLogits != null && common == length && rows == sequence.length - length + 1) {
            return afterKnownLogits(sequence, rows);
        }
        int keep = Math.min(common, sequence.length - rows);
        if (keep < length) {
            truncate(keep);
        }
        return append(Arrays.copyOfRange(sequence, keep, sequence.length), rows);
    }

    /** The logits {@link #prefill} kept for the last cached token, then those of the new tokens after it: (rows, vocab). */
    private float[] afterKnownLogits(int[] sequence, int rows) {
        float[] known = lastLogits;
        if (rows == 1) {
            return known.clone();
        }
        float[] rest = append(Arrays.copyOfRange(sequence, length, sequence.length), rows - 1);
        float[] out = Arrays.copyOf(known, rows * known.length);
        System.arraycopy(rest, 0, out, known.length, rest.length);
        return out;
    }

    private int commonPrefix(int[] sequence) {
        int common = 0;
        int max = Math.min(length, sequence.length);
        while (common < max && tokens[common] == sequence[common]) {
            common++;
        }
        return common;
    }

    private void checkVocabulary(int[] ids) {
        int vocab = model.vocabSize();
        for (int id : ids) {
            if (id < 0 || id >= vocab) {
                throw new InvalidRequestException("token id " + id + " outside the vocabulary [0, " + vocab + ")");
            }
        }
    }

    private int contextLimit() {
        return Math.min(limits.maxContextTokens(), model.config().maxPositions());
    }

    /** Throws when holding {@code newLength} tokens would break the context or KV-byte budget. */
    public void checkBudget(int newLength) {
        int contextLimit = contextLimit();
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
