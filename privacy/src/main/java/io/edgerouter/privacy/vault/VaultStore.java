package io.edgerouter.privacy.vault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Vaults by conversation id, in memory only. Bounded: the least recently used conversation is dropped beyond
 * {@code maxConversations}, and conversations idle for longer than {@code idleTimeout} are dropped on access.
 */
public final class VaultStore {

    private record Entry(Vault vault, Instant lastUsed) {
    }

    private final int maxConversations;
    private final int maxEntriesPerVault;
    private final Duration idleTimeout;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> byConversation = new LinkedHashMap<>(16, 0.75f, true);

    public VaultStore(int maxConversations, int maxEntriesPerVault, Duration idleTimeout, Clock clock) {
        if (maxConversations <= 0 || maxEntriesPerVault <= 0 || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("limits must be positive: maxConversations=" + maxConversations
                    + " maxEntriesPerVault=" + maxEntriesPerVault + " idleTimeout=" + idleTimeout);
        }
        this.maxConversations = maxConversations;
        this.maxEntriesPerVault = maxEntriesPerVault;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    public VaultStore() {
        this(10_000, 10_000, Duration.ofHours(1), Clock.systemUTC());
    }

    /** The conversation's vault, created on first use. */
    public synchronized Vault vaultFor(String conversationId) {
        if (conversationId == null || conversationId.isBlank()) {
            throw new io.edgerouter.privacy.InvalidInputException("conversation_id", "must not be blank");
        }
        Instant now = clock.instant();
        evictIdle(now);
        Entry e = byConversation.get(conversationId);
        Vault v = e == null ? new Vault(maxEntriesPerVault) : e.vault();
        byConversation.put(conversationId, new Entry(v, now));
        while (byConversation.size() > maxConversations) {
            Iterator<Map.Entry<String, Entry>> it = byConversation.entrySet().iterator();
            it.next().getValue().vault().clear();
            it.remove();
        }
        return v;
    }

    /** Drops a conversation's vault (its placeholders can no longer be restored). */
    public synchronized void forget(String conversationId) {
        Entry e = byConversation.remove(conversationId);
        if (e != null) {
            e.vault().clear();
        }
    }

    public synchronized int size() {
        return byConversation.size();
    }

    private void evictIdle(Instant now) {
        Iterator<Map.Entry<String, Entry>> it = byConversation.entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            if (Duration.between(e.lastUsed(), now).compareTo(idleTimeout) > 0) {
                e.vault().clear();
                it.remove();
            } else {
                break; // access order: the rest were used more recently
            }
        }
    }
}
