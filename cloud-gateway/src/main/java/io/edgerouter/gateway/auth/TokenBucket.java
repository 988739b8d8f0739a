package io.edgerouter.gateway.auth;

import java.util.function.LongSupplier;

/**
 * A token bucket refilled at {@code ratePerSecond}, holding at most one second's worth: a caller may
 * burst up to its rate, then is held to it. Thread-safe.
 */
public final class TokenBucket {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double ratePerNano;
    private final double capacity;
    private final LongSupplier clock;
    private double tokens;
    private long last;

    TokenBucket(int ratePerSecond, LongSupplier nanoClock) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("rate must be >= 1 per second, got " + ratePerSecond);
        }
        this.ratePerNano = ratePerSecond / (double) NANOS_PER_SECOND;
        this.capacity = ratePerSecond;
        this.clock = nanoClock;
        this.tokens = capacity;
        this.last = nanoClock.getAsLong();
    }

    /** Takes one token; returns 0 when granted, else the nanoseconds until one will be available. */
    public synchronized long tryTake() {
        long now = clock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerNano));
    }
}
