package io.edgerouter.gateway.shutdown;

import org.jboss.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.List;

/**
 * SIGTERM and SIGINT run a task (the gateway's shutdown sequence) before the JVM starts exiting. Left to the JVM,
 * the signal starts every shutdown hook at once, ONNX Runtime's among them ({@code OrtEnvironment} releases its native
 * environment in one), so forward passes still running crash the JVM (SIGSEGV) while Quarkus' hook is still
 * draining. After the task the signal goes to the handler that was there before, the JVM's, which exits with
 * 128 + the signal number (143 for SIGTERM) as it always did.
 */
final class TermSignals {

    private static final Logger LOG = Logger.getLogger(TermSignals.class);
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private TermSignals() {
    }

    /**
     * Installs the handlers; {@code beforeExit} runs on the signal's thread, with the installing thread's context class
     * loader (the application's: beans created then need it), and should be idempotent.
     */
    static void runFirst(Runnable beforeExit) {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            SignalHandler[] previous = new SignalHandler[1];
            previous[0] = Signal.handle(signal, s -> {
                Thread.currentThread().setContextClassLoader(application);
                try {
                    beforeExit.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("shutdown sequence failed; exiting anyway", e);
                } finally {
                    exit(previous[0], s);
                }
            });
        }
    }

    private static void exit(SignalHandler previous, Signal signal) {
        if (previous == SignalHandler.SIG_DFL || previous == SignalHandler.SIG_IGN || previous == null) {
            System.exit(128 + signal.getNumber()); // no Java handler to hand over to: exit as the JVM would
        } else {
            previous.handle(signal);
        }
    }
}
