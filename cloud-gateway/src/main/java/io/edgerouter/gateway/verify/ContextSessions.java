package io.edgerouter.gateway.verify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The agreed context of each verify session when the KV cache lives elsewhere (vLLM keeps it with
 * its prefix cache): bounded in number (least recently used dropped) and dropped when idle.
 */
final class ContextSessions {

    private record Entry(int[] context, long lastUsedNanos) {
    }

    private final int maxSessions;
    private final long idleNanos;
    private final LinkedHashMap<String, Entry> sessions;

    ContextSessions(int maxSessions, long idleNanos) {
        this.maxSessions = maxSessions;
        this.idleNanos = idleNanos;
        this.sessions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > ContextSessions.this.maxSessions;
            }
        };
    }

    synchronized Optional<int[]> context(String key) {
        Entry e = sessions.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - e.lastUsedNanos() > idleNanos) {
            sessions.remove(key);
            return Optional.empty();
        }
        return Optional.of(e.context());
    }

    synchronized void put(String key, int[] context) {
        sessions.put(key, new Entry(context, System.nanoTime()));
    }

    synchronized boolean remove(String key) {
        return sessions.remove(key) != null;
    }
}
