package io.edgerouter.privacy.vault;

import io.edgerouter.privacy.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Conversation vaults, in memory only, keyed by app and conversation: an app's placeholders are never visible to
 * another app, even for the same conversation id. Bounded by {@link VaultLimits}: each vault in entries and bytes,
 * the store in conversations (least recently used dropped first), and vaults idle for longer than the idle timeout
 * are dropped. A store outlives the privacy filter of one policy version, so a policy change keeps every
 * conversation's placeholders restorable.
 */
public final class VaultStore {

    /** Whose vault: {@code app} is the caller's app id ("" when it gave none), {@code conversation} its id. */
    public record Key(String app, String conversation) {
        public Key {
            app = app == null ? "" : app;
            if (conversation == null || conversation.isBlank()) {
                throw new InvalidInputException("conversation_id", "must not be blank");
            }
        }
    }

    private record Entry(Vault vault, Instant lastUsed) {
    }

    private final VaultLimits limits;
    private final Clock clock;
    private final LinkedHashMap<Key, Entry> byKey = new LinkedHashMap<>(16, 0.75f, true);

    public VaultStore(VaultLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public VaultStore(int maxConversations, int maxEntriesPerVault, Duration idleTimeout, Clock clock) {
        this(new VaultLimits(maxConversations, maxEntriesPerVault, VaultLimits.DEFAULTS.maxBytes(), idleTimeout), clock);
    }

    public VaultStore() {
        this(VaultLimits.DEFAULTS, Clock.systemUTC());
    }

    public VaultLimits limits() {
        return limits;
    }

    /** The vault of {@code app}'s conversation, created on first use. */
    public Vault vaultFor(String app, String conversation) {
        return vaultFor(new Key(app, conversation));
    }

    /** The vault of a conversation of the anonymous app (no app id). */
    public Vault vaultFor(String conversation) {
        return vaultFor(new Key(null, conversation));
    }

    public synchronized Vault vaultFor(Key key) {
        Instant now = clock.instant();
        evictIdle(now);
        Entry e = byKey.get(key);
        Vault v = e == null ? new Vault(limits) : e.vault();
        byKey.put(key, new Entry(v, now));
        while (byKey.size() > limits.maxConversations()) {
            Iterator<Map.Entry<Key, Entry>> it = byKey.entrySet().iterator();
            it.next().getValue().vault().clear();
            it.remove();
        }
        return v;
    }

    /** Drops a conversation's vault (its placeholders can no longer be restored). */
    public synchronized void forget(String app, String conversation) {
        Entry e = byKey.remove(new Key(app, conversation));
        if (e != null) {
            e.vault().clear();
        }
    }

    /** Conversations held. */
    public synchronized int size() {
        return byKey.size();
    }

    /** Estimated bytes held by all vaults. */
    public synchronized long bytes() {
        long sum = 0;
        for (Entry e : byKey.values()) {
            sum += e.vault().bytes();
        }
        return sum;
    }

    private void evictIdle(Instant now) {
        Iterator<Map.Entry<Key, Entry>> it = byKey.entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            if (Duration.between(e.lastUsed(), now).compareTo(limits.idleTimeout()) > 0) {
                e.vault().clear();
                it.remove();
            } else {
                break; // access order: the rest were used more recently
            }
        }
    }
}
