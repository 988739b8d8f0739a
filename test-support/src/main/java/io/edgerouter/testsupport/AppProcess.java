package io.edgerouter.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus application ({@code target/quarkus-app/quarkus-run.jar}) run as a separate
 * JVM process, with its console output captured in a file. Closing stops the process.
 */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private AppProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java [jvmArgs] -jar jar} with the project's offline settings for DJL.
     *
     * @param jar     the runnable jar
     * @param jvmArgs extra JVM arguments, typically {@code -Dname=value} configuration
     */
    public static AppProcess start(Path jar, List<String> jvmArgs) {
        return start(jar, jvmArgs, java.util.Map.of());
    }

    /**
     * Starts {@code java [jvmArgs] -jar jar} as {@link #start(Path, List)} does, with extra environment variables (as a
     * deployment passes settings, e.g. {@code KAFKA_SASL_JAAS_CONFIG}).
     */
    public static AppProcess start(Path jar, List<String> jvmArgs, java.util.Map<String, String> env) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("application jar not built: " + jar + " (run mvn package first)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dai.djl.offline=true");
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        try {
            Path log = Files.createTempFile("app-process-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("OPT_OUT_TRACKING", "true");
            builder.environment().putAll(env);
            return new AppProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits for the process to exit and returns its exit code, or throws if it is still running after {@code limit}. */
    public int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("process still running after " + limit + "; output:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the process", e);
        }
    }

    /** Waits until the output contains {@code text}; throws with the output if the process exits or {@code limit} passes first. */
    public void awaitOutput(String text, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("no '" + text + "' within " + limit + "; output:\n" + output());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for '" + text + "'", e);
            }
        }
    }

    /**
     * Waits until {@code url} answers 200 (e.g. {@code http://127.0.0.1:8080/q/health/live}); fails with the
     * process output when the process exits or {@code limit} passes first.
     */
    public void awaitHttpOk(String url, Duration limit) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited before " + url + " answered; output:\n" + output());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + url, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(url + " did not answer 200 within " + limit + "; output:\n" + output());
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + url, e);
            }
        }
    }

    /** A free loopback TCP port, for a process to listen on. */
    public static int freePort() {
        return KafkaBrokerResource.freePort();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process printed so far (stdout and stderr). */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read process output " + log, e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp log file is harmless
        }
    }
}
