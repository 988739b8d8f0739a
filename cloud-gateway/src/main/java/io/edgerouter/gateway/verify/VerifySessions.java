package io.edgerouter.gateway.verify;

import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.gateway.model.GatewayModel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Verify sessions by (agent, session id), each holding a target KV cache. Bounded three ways: at most
 * {@code gateway.verify.max-sessions} (least recently used evicted), at most
 * {@code gateway.verify.max-kv-bytes} of KV cache together (least recently used evicted), and closed
 * after {@code gateway.verify.session-idle-timeout} unused. A session key includes the agent id, so
 * an agent can never reach another agent's session.
 */
@ApplicationScoped
public class VerifySessions {

    private static final Logger LOG = Logger.getLogger(VerifySessions.class);

    private final GatewayModel model;
    private final int maxSessions;
    private final long maxKvBytes;
    private final long idleNanos;
    private final long closeWaitNanos;
    private final LinkedHashMap<String, VerifySession> sessions = new LinkedHashMap<>(16, 0.75f, true); // access order: eldest = LRU
    private final ScheduledExecutorService sweeper;

    VerifySessions(GatewayModel model, GatewayConfig config, MeterRegistry registry) {
        this.model = model;
        this.maxSessions = config.verify().maxSessions();
        this.maxKvBytes = config.verify().maxKvBytes();
        Duration idle = config.verify().sessionIdleTimeout();
        this.idleNanos = idle.toNanos();
        this.closeWaitNanos = config.shutdown().cancelWait().toNanos();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "verify-session-sweeper");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, Math.min(idle.toMillis() / 4, 10_000));
        sweeper.scheduleWithFixedDelay(this::expireIdle, period, period, TimeUnit.MILLISECONDS);
        Gauge.builder("gateway_verify_sessions", this, VerifySessions::size)
                .description("Open verify sessions").register(registry);
        Gauge.builder("gateway_verify_kv_bytes", this, VerifySessions::kvBytes)
                .description("KV-cache bytes held by verify sessions").baseUnit("bytes").register(registry);
    }

    /**
     * The session for this key, locked by the caller's thread; created when absent. The caller must
     * {@link #release} it. The boolean of the result says whether it was created now.
     */
    Acquired acquire(String agentId, String sessionId) {
        String key = key(agentId, sessionId);
        while (true) {
            VerifySession session;
            boolean created = false;
            List<VerifySession> evicted = new ArrayList<>();
            synchronized (this) {
                session = sessions.get(key);
                if (session == null) {
                    session = new VerifySession(key, model.engine().newVerifier(SamplingParams.greedy()), System.nanoTime());
                    sessions.put(key, session);
                    created = true;
                    Iterator<VerifySession> lru = sessions.values().iterator();
                    while (sessions.size() > maxSessions && lru.hasNext()) {
                        VerifySession eldest = lru.next();
                        if (eldest != session) {
                            lru.remove();
                            evicted.add(eldest);
                        }
                    }
                }
            }
            closeAll(evicted, "more than " + maxSessions + " sessions");
            session.lock().lock();
            if (!session.isClosed()) {
                return new Acquired(session, created);
            }
            session.lock().unlock(); // evicted between lookup and lock: start over with a fresh one
        }
    }

    /** A locked session and whether it was just created. */
    record Acquired(VerifySession session, boolean created) {
    }

    /** Unlocks after a round and evicts least recently used sessions while the KV budget is exceeded. */
    void release(VerifySession session) {
        session.touch(System.nanoTime());
        session.lock().unlock();
        List<VerifySession> evicted = new ArrayList<>();
        synchronized (this) {
            long total = kvBytes();
            Iterator<VerifySession> lru = sessions.values().iterator();
            while (total > maxKvBytes && lru.hasNext()) {
                VerifySession eldest = lru.next();
                if (eldest != session) {
                    lru.remove();
                    evicted.add(eldest);
                    total -= eldest.kvBytes();
                }
            }
        }
        closeAll(evicted, "KV cache over " + maxKvBytes + " bytes");
    }

    /** Closes and forgets a session; false when there was none. */
    boolean delete(String agentId, String sessionId) {
        VerifySession removed;
        synchronized (this) {
            removed = sessions.remove(key(agentId, sessionId));
        }
        if (removed != null) {
            removed.close();
        }
        return removed != null;
    }

    /** Forgets a session whose round failed: its cache may no longer match the agreed context. */
    void discard(VerifySession session) {
        synchronized (this) {
            sessions.remove(session.key(), session);
        }
        session.close();
    }

    public synchronized int size() {
        return sessions.size();
    }

    public synchronized long kvBytes() {
        long total = 0;
        for (VerifySession s : sessions.values()) {
            total += s.kvBytes();
        }
        return total;
    }

    /** Whether the session exists (for tests and diagnostics). */
    synchronized Optional<VerifySession> peek(String agentId, String sessionId) {
        return Optional.ofNullable(sessions.get(key(agentId, sessionId)));
    }

    void expireIdle() {
        expireIdle(System.nanoTime());
    }

    /** Closes the sessions unused for longer than the idle timeout as of {@code now} (nanoTime). */
    void expireIdle(long now) {
        List<VerifySession> expired = new ArrayList<>();
        synchronized (this) {
            Iterator<VerifySession> it = sessions.values().iterator();
            while (it.hasNext()) {
                VerifySession s = it.next();
                if (now - s.lastUsedNanos() > idleNanos && !s.lock().isLocked()) {
                    it.remove();
                    expired.add(s);
                }
            }
        }
        closeAll(expired, "idle");
    }

    private static void closeAll(List<VerifySession> victims, String why) {
        for (VerifySession s : victims) {
            s.close();
            LOG.debugf("verify session closed (%s)", why);
        }
    }

    private static String key(String agentId, String sessionId) {
        return agentId + '\u0000' + sessionId;
    }

    /**
     * Closes every session, freeing their KV caches, at shutdown; a round still running gets
     * {@code gateway.shutdown.cancel-wait} to end, else its session is left to the process exit. Returns how many
     * sessions were closed. Closing twice is harmless.
     */
    public int closeAll() {
        sweeper.shutdownNow();
        List<VerifySession> all;
        synchronized (this) {
            all = new ArrayList<>(sessions.values());
            sessions.clear();
        }
        int closed = 0;
        long deadline = System.nanoTime() + closeWaitNanos;
        try {
            for (VerifySession s : all) {
                if (s.closeWithin(Math.max(0, deadline - System.nanoTime()))) {
                    closed++;
                } else {
                    LOG.warnf("verify session left open at shutdown: a round is still running");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return closed;
    }

    @PreDestroy
    void shutdown() {
        closeAll();
    }
}
