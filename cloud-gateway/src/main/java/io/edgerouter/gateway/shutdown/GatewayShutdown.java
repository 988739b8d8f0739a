package io.edgerouter.gateway.shutdown;

import io.edgerouter.protocol.lifecycle.DrainOnSignal;
import io.quarkus.runtime.Quarkus;
import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.gateway.model.GatewayModel;
import io.edgerouter.gateway.verify.VerifySessions;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * SIGTERM to exit in an order that never closes ONNX Runtime under a forward pass (that crashes the JVM):
 * <ol>
 *   <li>{@link #drain()}: readiness goes DOWN and new verify and completion calls get a 503 with {@code Retry-After};
 *       calls in flight may finish for {@code gateway.shutdown.grace}, the rest are then cancelled (streams end with an
 *       error event and {@code data: [DONE]}) and get {@code gateway.shutdown.cancel-wait} to stop.</li>
 *   <li>{@link #close()}: verify sessions (their KV caches), then the model. When calls are still running after the
 *       cancel wait, nothing is closed: the process exit frees the native memory without racing them.</li>
 * </ol>
 * In the packaged app the gateway catches SIGTERM and SIGINT itself ({@link DrainOnSignal}) and runs both steps while
 * Quarkus still serves, before the JVM's shutdown hooks start: one of them is ONNX Runtime's, which releases its
 * environment concurrently with Quarkus' own hook, so draining inside Quarkus' shutdown alone is too late. Other ways
 * out (tests stopping the app, a programmatic exit) take the same steps from Quarkus' lifecycle: the drain in the
 * pre-shutdown phase ({@link ShutdownDelayInitiatedEvent}, which needs {@code quarkus.shutdown.delay-enabled=true};
 * the HTTP server still serves then) and the closing on {@link ShutdownEvent}. Sessions and model close in one
 * observer, in that order, because ArC destroys beans (their {@code @PreDestroy}) in no defined order; after the
 * signal path both observers find the work done.
 */
@ApplicationScoped
public class GatewayShutdown {

    private static final Logger LOG = Logger.getLogger(GatewayShutdown.class);

    /** What is closed once no call is in flight, in this order. */
    interface Resources {
        /** Closes every verify session; returns how many there were. */
        int closeSessions();

        /** Returns whether the model is closed (false: a forward pass outlived the wait, it is left open). */
        boolean closeModel();

        /** Calls are still running on the model: it must not be closed. */
        void leaveModelOpen();
    }

    private final InFlightWork work;
    private final Duration grace;
    private final Duration cancelWait;
    private final Resources resources;
    private Boolean drained; // null until drain() ran; guarded by this
    private boolean closed; // guarded by this

    @Inject
    GatewayShutdown(InFlightWork work, GatewayConfig config, VerifySessions sessions, GatewayModel model) {
        this(work, config.shutdown().grace(), config.shutdown().cancelWait(), new Resources() {
            @Override
            public int closeSessions() {
                return sessions.closeAll();
            }

            @Override
            public boolean closeModel() {
                return model.close();
            }

            @Override
            public void leaveModelOpen() {
                model.leaveOpen();
            }
        });
    }

    GatewayShutdown(InFlightWork work, Duration grace, Duration cancelWait, Resources resources) {
        if (grace.isNegative() || cancelWait.isNegative()) {
            throw new IllegalStateException("gateway.shutdown.grace and gateway.shutdown.cancel-wait must not be negative, got "
                    + grace + " and " + cancelWait);
        }
        this.work = work;
        this.grace = grace;
        this.cancelWait = cancelWait;
        this.resources = resources;
    }

    /** Validates the configuration at start-up and, in the packaged app, takes over SIGTERM and SIGINT. */
    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            DrainOnSignal.install(this::close, Quarkus::asyncExit);
        }
    }

    void onShutdownStarted(@Observes ShutdownDelayInitiatedEvent event) {
        drain();
    }

    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        close();
    }

    /**
     * Stops admitting work, waits for the calls in flight, cancels the rest and waits for them to stop. Runs once;
     * later calls return the first outcome.
     *
     * @return true when no call is left running
     */
    public synchronized boolean drain() {
        if (drained != null) {
            return drained;
        }
        int running = work.startDraining();
        LOG.infof("shutdown: readiness DOWN, refusing new verify calls and completions; %d in flight, %d ms to finish",
                running, grace.toMillis());
        boolean idle;
        try {
            idle = work.awaitIdle(grace);
            if (!idle) {
                LOG.infof("shutdown: grace of %d ms over, cancelling %d calls", grace.toMillis(), work.cancelAll());
                idle = work.awaitIdle(cancelWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = work.inFlight() == 0;
        }
        if (idle) {
            LOG.info("shutdown: no call in flight");
        } else {
            LOG.warnf("shutdown: %d calls still running %d ms after cancelling them", work.inFlight(), cancelWait.toMillis());
        }
        drained = idle;
        return idle;
    }

    /** Drains (if not done yet), then closes verify sessions and then the model, unless calls still run on them. */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!drain()) {
            LOG.warnf("shutdown: leaving verify sessions and the model to the process exit: %d calls still use them",
                    work.inFlight());
            resources.leaveModelOpen();
            return;
        }
        LOG.infof("shutdown: %d verify sessions closed", resources.closeSessions());
        LOG.info(resources.closeModel() ? "shutdown: model closed" : "shutdown: model left open to the process exit");
    }
}
