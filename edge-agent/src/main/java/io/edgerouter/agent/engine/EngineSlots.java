package io.edgerouter.agent.engine;

import io.edgerouter.agent.request.Cancellation;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine bulkhead: at most {@code slots} local generations run at once and at most {@code maxWaiting} wait; one
 * more is refused at once with {@link EngineBusyException} (429). It guards only local forward passes: a LOCAL answer
 * holds a slot while it generates, a VERIFY answer only while it drafts, and nothing waiting on the cloud ever holds
 * one. Waiting is fair (first come, first served) and ends early when the request is cancelled.
 */
public final class EngineSlots {

    private final Semaphore permits;
    private final int slots;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();

    public EngineSlots(int slots, int maxWaiting) {
        this.permits = new Semaphore(slots, true);
        this.slots = slots;
        this.maxWaiting = maxWaiting;
    }

    /** A held slot; closing it frees the slot. */
    @FunctionalInterface
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes a slot, waiting behind at most {@code maxWaiting} others.
     *
     * @throws EngineBusyException when {@code maxWaiting} are already waiting
     * @throws EngineCancelledException when {@code cancel} fires while waiting
     */
    public Slot acquire(Cancellation cancel) {
        if (!permits.tryAcquire()) {
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                throw new EngineBusyException("the local engine is busy (" + slots + " running, " + maxWaiting
                        + " waiting); retry shortly");
            }
            // park without polling (hundreds may wait at once): a cancellation interrupts the wait
            Thread waiter = Thread.currentThread();
            boolean acquired = false;
            try (Cancellation.Registration r = cancel.onCancel(waiter::interrupt)) {
                permits.acquire();
                acquired = true;
            } catch (InterruptedException e) {
                // cancelled (or interrupted otherwise): fall through with acquired = false
            } finally {
                waiting.decrementAndGet();
            }
            // an interrupt that raced the registration's end must not leak into the generation
            boolean interrupted = Thread.interrupted();
            if (!acquired || cancel.cancelled()) {
                if (acquired) {
                    permits.release();
                }
                if (interrupted && !cancel.cancelled()) {
                    waiter.interrupt();
                }
                throw new EngineCancelledException(cancel.cancelled() ? cancel.reason() : "interrupted");
            }
        }
        running.incrementAndGet();
        boolean[] closed = {false};
        return () -> {
            synchronized (closed) {
                if (closed[0]) {
                    return;
                }
                closed[0] = true;
            }
            running.decrementAndGet();
            permits.release();
        };
    }

    public int waiting() {
        return waiting.get();
    }

    public int running() {
        return running.get();
    }

    /** A request gave up waiting for a slot because it was cancelled. */
    public static final class EngineCancelledException extends RuntimeException {
        public EngineCancelledException(String reason) {
            super("cancelled while waiting for the local engine: " + reason, null, false, false);
        }
    }
}
