package io.edgerouter.gateway.verify;

import io.edgerouter.engine.spec.ModelVerifier;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One edge agent's verify session: a {@link ModelVerifier} whose target KV cache survives between rounds,
 * and the context the agent and the gateway agree on (context + accepted draft + next token of the
 * last round). Used by one round at a time: callers hold {@link #lock()}.
 */
final class VerifySession {

    private final String key;
    private final ModelVerifier verifier;
    private final ReentrantLock lock = new ReentrantLock();
    private int[] context;
    private volatile long lastUsedNanos;
    private volatile long kvBytes;
    private boolean closed;

    VerifySession(String key, ModelVerifier verifier, long nowNanos) {
        this.key = key;
        this.verifier = verifier;
        this.lastUsedNanos = nowNanos;
    }

    String key() {
        return key;
    }

    ReentrantLock lock() {
        return lock;
    }

    ModelVerifier verifier() {
        return verifier;
    }

    /** The agreed context, or null before the first round. Caller holds the lock. */
    int[] context() {
        return context;
    }

    /** Records the context after a round and the KV bytes the session now holds. Caller holds the lock. */
    void update(int[] newContext, long newKvBytes, long nowNanos) {
        this.context = newContext;
        this.kvBytes = newKvBytes;
        this.lastUsedNanos = nowNanos;
    }

    void touch(long nowNanos) {
        lastUsedNanos = nowNanos;
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    long kvBytes() {
        return kvBytes;
    }

    /** Caller holds the lock. */
    boolean isClosed() {
        return closed;
    }

    /** Frees the KV cache; waits for a round in progress. Closing twice is harmless. */
    void close() {
        lock.lock();
        try {
            closeLocked();
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #close()}, waiting at most {@code waitNanos} for a round in progress; false if it did not end. */
    boolean closeWithin(long waitNanos) throws InterruptedException {
        if (!lock.tryLock(waitNanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        try {
            closeLocked();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void closeLocked() {
        if (!closed) {
            closed = true;
            kvBytes = 0;
            verifier.target().close();
        }
    }
}
