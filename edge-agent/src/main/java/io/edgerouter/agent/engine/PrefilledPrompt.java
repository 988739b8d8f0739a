package io.edgerouter.agent.engine;

import io.edgerouter.engine.PrefillStats;

import java.util.Arrays;

/**
 * A prompt the local model has already prefilled, in a conversation checked out for it, with what that prefill
 * measured ({@link PrefillStats}). The generation of exactly this prompt {@linkplain EngineService#generate takes it
 * over} and starts decoding at once, so the measurement computes no token position twice (when the first round checks
 * a draft, that draft runs as a pass of its own instead of riding on the prompt's). It also holds the engine slot
 * the prefill ran in, for that generation to {@linkplain #takeSlot take over}: a request measured for the router does
 * not queue for the engine twice. When no generation takes them (the router moved the request off the device),
 * {@link #close} frees the slot and hands the conversation back to the cache: the next turn still finds the prompt's
 * KV cache there. Not thread-safe: one request owns it.
 */
public final class PrefilledPrompt implements AutoCloseable {

    private final ConversationCache cache;
    private final int[] prompt;
    private final PrefillStats stats;
    private ConversationCache.Lease lease;
    private EngineSlots.Slot slot;

    PrefilledPrompt(ConversationCache cache, ConversationCache.Lease lease, EngineSlots.Slot slot, int[] prompt,
                    PrefillStats stats) {
        this.cache = cache;
        this.lease = lease;
        this.slot = slot;
        this.prompt = prompt.clone();
        this.stats = stats;
    }

    public PrefillStats stats() {
        return stats;
    }

    /** The conversation, for a generation of {@code ids} under {@code key}; null when it holds another prompt or was taken. */
    ConversationCache.Lease take(int[] ids, ConversationCache.Key key) {
        if (lease == null || !Arrays.equals(prompt, ids) || !java.util.Objects.equals(lease.key(), key)) {
            return null;
        }
        ConversationCache.Lease l = lease;
        lease = null;
        return l;
    }

    /** The engine slot the prefill ran in, for the generation that continues it; null once taken or closed. */
    public EngineSlots.Slot takeSlot() {
        EngineSlots.Slot s = slot;
        slot = null;
        return s;
    }

    /**
     * Frees an untaken slot and hands an untaken conversation back: kept for its conversation when it has a key, else
     * closed. Closing twice is harmless.
     */
    @Override
    public void close() {
        EngineSlots.Slot s = takeSlot();
        if (s != null) {
            s.close();
        }
        ConversationCache.Lease l = lease;
        lease = null;
        if (l == null) {
            return;
        }
        if (l.key() == null) {
            cache.discard(l);
        } else {
            cache.checkIn(l);
        }
    }
}
