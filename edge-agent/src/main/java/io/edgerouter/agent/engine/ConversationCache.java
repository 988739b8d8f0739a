package io.edgerouter.agent.engine;

import io.edgerouter.engine.Conversation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * KV caches of finished turns, kept so that the next turn of the same conversation prefills only its new tokens.
 *
 * <p>A generation {@linkplain #checkOut checks out} the cached conversation that fits its prompt best and has it to
 * itself until it {@linkplain #checkIn checks it in} again, holding its prompt + answer. Which one fits:
 * <ul>
 *   <li>with a conversation id ({@code x-conversation-id}), the entry of that id within the same app, whatever its
 *       overlap (the engine rolls back to the common prefix);</li>
 *   <li>otherwise, or when the id has no entry yet, the app's entry without an id (an entry with an id belongs to its
 *       conversation) sharing the longest token prefix with the prompt, taken only when that prefix covers at least
 *       half of what the entry holds (so one conversation's cache is not spent on another that merely shares a system
 *       prompt; llama.cpp's server picks slots by the same kind of similarity) and is at least {@code minPrefix}
 *       tokens.</li>
 * </ul>
 * Entries never cross apps ({@code x-app-id}; no header is an app of its own). The cache is bounded in KV-cache bytes,
 * overall and per app; the least recently used entries go first, and every entry that goes is closed at once (its KV
 * cache is native memory). Thread-safe; the generations themselves run outside its lock.
 */
public final class ConversationCache implements AutoCloseable {

    /** Which app a conversation belongs to and, when the client named it, its id. */
    public record Key(String app, String conversationId) {
        public Key {
            app = app == null ? "" : app;
        }

        public static Key of(String app, String conversationId) {
            return new Key(app, conversationId);
        }
    }

    /**
     * A conversation checked out for one generation.
     *
     * @param reused prompt tokens its KV cache already holds (the engine does not prefill them again)
     */
    public record Lease(Key key, Conversation conversation, int reused) {
    }

    private record Entry(Key key, Conversation conversation, int[] tokens, long bytes) {
    }

    private final long maxBytes;
    private final long maxBytesPerApp;
    private final int minPrefix;
    private final Supplier<Conversation> fresh;
    /** In check-in order: the first entry is the least recently used (a checked-out entry leaves the set). */
    private final LinkedHashSet<Entry> entries = new LinkedHashSet<>();
    private long bytes;
    private long evicted;
    private boolean closed;

    /**
     * @param maxBytes       KV bytes all cached conversations may hold; 0 disables the cache (every lease is fresh and
     *                       check-ins close it)
     * @param maxBytesPerApp KV bytes one app's conversations may hold
     * @param minPrefix      fewest common tokens a prefix match needs
     * @param fresh          makes a new conversation when none fits
     */
    public ConversationCache(long maxBytes, long maxBytesPerApp, int minPrefix, Supplier<Conversation> fresh) {
        if (maxBytes < 0 || maxBytesPerApp < 0 || minPrefix < 1) {
            throw new IllegalArgumentException("cache bounds must be ≥ 0 and minPrefix ≥ 1");
        }
        this.maxBytes = maxBytes;
        this.maxBytesPerApp = Math.min(maxBytesPerApp, maxBytes);
        this.minPrefix = minPrefix;
        this.fresh = Objects.requireNonNull(fresh);
    }

    /** The conversation for {@code prompt}: a cached one that fits (removed from the cache until checked in), or a new one. */
    public Lease checkOut(Key key, int[] prompt) {
        Entry best = null;
        int bestCommon = 0;
        synchronized (this) {
            if (!closed && maxBytes > 0) {
                for (Entry e : entries) {
                    if (!e.key.app().equals(key.app())) {
                        continue;
                    }
                    int common = commonPrefix(e.tokens, prompt);
                    if (key.conversationId() != null && key.conversationId().equals(e.key.conversationId())) {
                        best = e;
                        bestCommon = common;
                        break;
                    }
                    if (e.key.conversationId() == null && common >= minPrefix && 2L * common >= e.tokens.length && common > bestCommon) {
                        best = e;
                        bestCommon = common;
                    }
                }
                if (best != null) {
                    entries.remove(best);
                    bytes -= best.bytes;
                }
            }
        }
        if (best == null) {
            return new Lease(key, fresh.get(), 0);
        }
        // the engine recomputes at least the prompt's last token (its logits start the answer)
        return new Lease(key, best.conversation, Math.min(bestCommon, prompt.length - 1));
    }

    /**
     * Keeps the leased conversation for the next turn (it now holds the prompt + answer), evicting least recently used
     * entries to stay within bounds; closes it instead when it alone exceeds them or the cache is closed. Replaces an
     * older entry of the same conversation id.
     */
    public void checkIn(Lease lease) {
        int[] tokens;
        long size;
        try {
            tokens = lease.conversation().cachedTokens();
            size = lease.conversation().kvBytes();
        } catch (RuntimeException closedOrBroken) {
            lease.conversation().close();
            return;
        }
        List<Conversation> toClose = new ArrayList<>();
        synchronized (this) {
            if (closed || size > maxBytesPerApp || tokens.length == 0) {
                toClose.add(lease.conversation());
            } else {
                if (lease.key().conversationId() != null) {
                    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
                        Entry e = it.next();
                        if (e.key.equals(lease.key())) {
                            it.remove();
                            bytes -= e.bytes;
                            toClose.add(e.conversation);
                        }
                    }
                }
                Entry entry = new Entry(lease.key(), lease.conversation(), tokens, size);
                entries.add(entry);
                bytes += size;
                evict(lease.key().app(), toClose);
            }
        }
        toClose.forEach(Conversation::close);
    }

    /** Closes a leased conversation without keeping it (its generation failed part-way, say). */
    public void discard(Lease lease) {
        lease.conversation().close();
    }

    private void evict(String app, List<Conversation> toClose) {
        long appBytes = 0;
        for (Entry e : entries) {
            if (e.key.app().equals(app)) {
                appBytes += e.bytes;
            }
        }
        for (Iterator<Entry> it = entries.iterator(); it.hasNext() && (bytes > maxBytes || appBytes > maxBytesPerApp); ) {
            Entry e = it.next(); // least recently used first
            boolean sameApp = e.key.app().equals(app);
            if (bytes > maxBytes || sameApp) {
                it.remove();
                bytes -= e.bytes;
                if (sameApp) {
                    appBytes -= e.bytes;
                }
                evicted++;
                toClose.add(e.conversation);
            }
        }
    }

    static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    /** KV bytes held by cached conversations. */
    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Entries evicted to stay within bounds so far. */
    public synchronized long evictions() {
        return evicted;
    }

    /** Cached bytes per app. */
    public synchronized Map<String, Long> bytesByApp() {
        Map<String, Long> out = new LinkedHashMap<>();
        entries.forEach(e -> out.merge(e.key.app(), e.bytes, Long::sum));
        return out;
    }

    /** Closes every cached conversation; later check-ins close theirs. */
    @Override
    public void close() {
        List<Entry> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(entries);
            entries.clear();
            bytes = 0;
        }
        all.forEach(e -> e.conversation.close());
    }
}
