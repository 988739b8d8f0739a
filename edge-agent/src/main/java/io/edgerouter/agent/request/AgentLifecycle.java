package io.edgerouter.agent.request;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.protocol.lifecycle.DrainOnSignal;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Graceful shutdown. On SIGTERM or SIGINT ({@link DrainOnSignal}: taken before the JVM's shutdown hooks, one of which
 * is ONNX Runtime's and frees its native environment) and again on Quarkus' {@link ShutdownEvent} (any other way of
 * stopping, observed before every other shutdown step while the HTTP server still serves): readiness turns DOWN and
 * new answers get 503; answers in flight may finish for up to {@code edge.shutdown.grace}; the rest are cancelled
 * (open streams end with an OpenAI-style error event and {@code [DONE]}); only when every one of them has ended do the
 * later steps run: the telemetry flush, and closing the engine's native resources (ONNX Runtime must never be closed
 * under a running forward pass).
 */
@ApplicationScoped
public class AgentLifecycle {

    private static final Logger LOG = Logger.getLogger(AgentLifecycle.class);
    /** How long cancelled answers get to notice and end, after the grace period. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(5);

    private final Set<Cancellation> inFlight = ConcurrentHashMap.newKeySet();
    private final Duration grace;
    private final RequestWorkers workers;
    private volatile boolean draining;
    private boolean drained;

    AgentLifecycle(AgentConfig config, RequestWorkers workers) {
        this.grace = config.shutdown().grace();
        this.workers = workers;
    }

    /** Whether shutdown has begun (readiness DOWN, new answers refused). */
    public boolean draining() {
        return draining;
    }

    /**
     * Admits one answer.
     *
     * @throws ShuttingDownException once shutdown has begun (503)
     */
    public void admit(Cancellation answer) {
        if (draining) {
            throw new ShuttingDownException();
        }
        inFlight.add(answer);
        if (draining) { // shutdown began in between: the drain may not have seen it
            inFlight.remove(answer);
            throw new ShuttingDownException();
        }
    }

    /** The answer has ended (normally, with an error, or cancelled). */
    public void done(Cancellation answer) {
        synchronized (inFlight) {
            inFlight.remove(answer);
            inFlight.notifyAll();
        }
    }

    public int inFlight() {
        return inFlight.size();
    }

    void installSignals(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL) { // tests and dev mode keep their own signal handling
            DrainOnSignal.install(this::drain, Quarkus::asyncExit);
        }
    }

    /** Any other way of stopping (tests, a programmatic exit): the pre-shutdown phase, while the HTTP server serves. */
    void drain(@Observes ShutdownDelayInitiatedEvent event) {
        drain();
    }

    /** In case the pre-shutdown phase did not run: before every other shutdown step. */
    void drain(@Observes @Priority(1) ShutdownEvent event) {
        drain();
    }

    /** Readiness DOWN, in-flight answers finish or are cancelled; returns when none is running. Idempotent. */
    synchronized void drain() {
        if (drained) {
            return;
        }
        draining = true;
        LOG.infof("shutting down: readiness DOWN; %d answers in flight get up to %d ms to finish", inFlight.size(), grace.toMillis());
        if (!awaitIdle(grace)) {
            LOG.warnf("shutting down: cancelling %d answers still running after %d ms", inFlight.size(), grace.toMillis());
            for (Cancellation c : inFlight) {
                c.cancel(Cancellation.SHUTDOWN);
            }
            if (!awaitIdle(CANCEL_WAIT)) {
                LOG.errorf("shutting down: %d answers did not end %d ms after cancellation", inFlight.size(), CANCEL_WAIT.toMillis());
            }
        }
        workers.shutdown();
        drained = true;
    }

    private boolean awaitIdle(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (inFlight) {
            while (!inFlight.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    inFlight.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    /** A request that arrived after shutdown began. */
    public static final class ShuttingDownException extends RuntimeException {
        public ShuttingDownException() {
            super("the agent is shutting down; retry on another instance", null, false, false);
        }
    }
}
