package io.edgerouter.gateway.shutdown;

import io.edgerouter.gateway.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Verify calls and completions the gateway has admitted and not yet answered, so that shutdown can wait for them,
 * cancel them and know when none is left. Once draining, {@link #admit} refuses new work with a 503 and
 * {@code Retry-After}: another replica can take it.
 */
@ApplicationScoped
public class InFlightWork {

    private final Set<Ticket> open = new HashSet<>(); // guarded by this
    private boolean draining; // guarded by this

    /**
     * Admits one call; the caller closes the ticket when its answer is complete (try-with-resources, or at the end
     * of a stream).
     *
     * @param what the kind of call, for the refusal's message ({@code verify calls}, {@code completions})
     * @throws ApiException 503 {@code shutting_down} once the gateway drains
     */
    public synchronized Ticket admit(String what) {
        if (draining) {
            throw ApiException.shuttingDown("it takes no new " + what);
        }
        Ticket ticket = new Ticket();
        open.add(ticket);
        return ticket;
    }

    public synchronized boolean draining() {
        return draining;
    }

    public synchronized int inFlight() {
        return open.size();
    }

    /** From now on every {@link #admit} is refused; returns the calls in flight. */
    synchronized int startDraining() {
        draining = true;
        return open.size();
    }

    /** Waits up to {@code limit} for every admitted call to finish; true when none is left. */
    synchronized boolean awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!open.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Cancels every call in flight (each stops at its next check); returns how many. */
    int cancelAll() {
        List<Ticket> running;
        synchronized (this) {
            running = new ArrayList<>(open);
        }
        running.forEach(Ticket::cancel); // hooks run outside the lock: they may close streams
        return running.size();
    }

    private synchronized void finished(Ticket ticket) {
        if (open.remove(ticket)) {
            notifyAll();
        }
    }

    /** One admitted call: polled for cancellation, closed when answered. Closing twice is harmless. */
    public final class Ticket implements AutoCloseable {

        private final List<Runnable> cancelHooks = new ArrayList<>(); // guarded by this ticket
        private volatile boolean cancelled;

        private Ticket() {
        }

        /** True once shutdown cancelled this call: stop at the next token or forward pass and answer with an error. */
        public boolean cancelled() {
            return cancelled;
        }

        /** Runs {@code hook} when the call is cancelled (at once if it already is), e.g. to close a blocking stream. */
        public void onCancel(Runnable hook) {
            synchronized (this) {
                if (!cancelled) {
                    cancelHooks.add(hook);
                    return;
                }
            }
            hook.run();
        }

        void cancel() {
            List<Runnable> hooks;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                cancelled = true;
                hooks = List.copyOf(cancelHooks);
            }
            hooks.forEach(Runnable::run);
        }

        @Override
        public void close() {
            finished(this);
        }
    }
}
