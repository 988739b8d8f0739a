package io.edgerouter.agent.request;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Why one request should stop: the client hung up, or the agent is shutting down. Generation polls
 * {@link #cancelled()} between tokens; cloud calls register a hook ({@link #onCancel}) that aborts the HTTP exchange, so
 * a hang-up frees the cloud connection as well as the engine. Thread-safe; cancelling twice keeps the first reason.
 */
public final class Cancellation {

    /** The client closed the connection. */
    public static final String CLIENT_GONE = "client_disconnected";
    /** The agent is shutting down and the grace period ran out. */
    public static final String SHUTDOWN = "shutdown";

    private final CopyOnWriteArrayList<Runnable> hooks = new CopyOnWriteArrayList<>();
    private volatile String reason;

    /** A cancellation nobody will trigger (tests, internal work). */
    public static Cancellation none() {
        return new Cancellation();
    }

    public boolean cancelled() {
        return reason != null;
    }

    /** The first reason given, or null while not cancelled. */
    public String reason() {
        return reason;
    }

    public void cancel(String why) {
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
        }
        for (Runnable hook : hooks) {
            try {
                hook.run();
            } catch (RuntimeException ignored) {
                // a hook aborting an exchange that already ended may throw; the others must still run
            }
        }
    }

    /**
     * Runs {@code hook} on cancellation (at once when already cancelled) until the returned registration is closed.
     */
    public Registration onCancel(Runnable hook) {
        hooks.add(hook);
        if (cancelled()) {
            hook.run();
        }
        return () -> hooks.remove(hook);
    }

    /** A hook registration; closing it removes the hook. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
