package io.edgerouter.protocol.lifecycle;

import sun.misc.Signal;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Drains an app on SIGTERM / SIGINT before the JVM's shutdown hooks start.
 *
 * <p>Why not a shutdown hook: the JVM runs all its shutdown hooks at once, and ONNX Runtime registers one
 * ({@code OrtEnvironment} releases its native environment in it). A SIGTERM during a forward pass then frees the
 * environment under the running session and the JVM dies of SIGSEGV inside {@code libonnxruntime.so}, whatever the
 * application's own shutdown observers wait for. Taking the signal first lets the app finish (or cancel) every forward
 * pass while nothing native has been released; only then does it exit, and the hooks run against an idle runtime.
 *
 * <p>A second signal while draining exits at once. Where signals cannot be handled (a platform without them), nothing
 * is installed and the JVM's default handling stays.
 */
public final class DrainOnSignal {

    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private DrainOnSignal() {
    }

    /**
     * Installs the handlers.
     *
     * @param drain runs once, on its own thread (with the installing thread's context class loader), when the first signal
     *              arrives; returns when the app is idle
     * @param exit  then called with the signal's conventional exit status (128 + its number: 143 for TERM)
     * @return the signals handled
     */
    public static List<String> install(Runnable drain, IntConsumer exit) {
        AtomicBoolean draining = new AtomicBoolean();
        // the drain may create beans or load classes: give it the installer's (the application's) class loader
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        List<String> installed = new java.util.ArrayList<>();
        for (String name : SIGNALS) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    int status = 128 + signal.getNumber();
                    if (!draining.compareAndSet(false, true)) {
                        exit.accept(status); // asked twice: stop waiting
                        return;
                    }
                    Thread t = new Thread(() -> {
                        try {
                            drain.run();
                        } finally {
                            exit.accept(status);
                        }
                    }, "drain-on-SIG" + name);
                    t.setContextClassLoader(application);
                    t.setDaemon(false);
                    t.start();
                });
                installed.add(name);
            } catch (IllegalArgumentException | UnsupportedOperationException unsupported) {
                // this platform or VM does not let the signal be handled: keep the default
            }
        }
        return List.copyOf(installed);
    }
}
