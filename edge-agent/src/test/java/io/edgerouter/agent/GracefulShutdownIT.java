package io.edgerouter.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.protocol.Topics;
import io.edgerouter.testsupport.AppProcess;
import io.edgerouter.testsupport.KafkaBrokerResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * SIGTERM while 20 streamed LOCAL answers are half-way: the packaged agent (tiny default model, telemetry to an in-JVM
 * Kafka broker) must exit cleanly (0 or 143, no JVM crash report), end every stream with {@code data: [DONE]} (after
 * its finish chunk, or after an OpenAI-style error event) and lose no telemetry: the records on Kafka plus those left
 * in its disk buffer (de-duplicated as consumers do) number 20, one per stream. The agent publishes a LOCAL answer's
 * record once its generation returns ({@code OutcomeRecorder.answerUnscored}), and a cancelled generation returns
 * normally too (the engine stops at the next token and reports what it made), so a stream ended early by the
 * shutdown still owes its record; only a generation that failed with an exception has none.
 * {@code -Dshutdown.tries=N} repeats the scenario N times (default 2); {@code -Dshutdown.report=FILE} writes one line
 * per try and the summary {@code tries=N crashes=C streams_without_end=S telemetry_lost=L} there (bench/shutdown).
 */
class GracefulShutdownIT {

    private static final Path JAR = Path.of(System.getProperty("quarkus.app.path", "target/quarkus-app"), "quarkus-run.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int STREAMS = 20;
    /** The tiny model has 512 positions and the prompt takes about 40: 400 tokens keep 20 streams busy for seconds. */
    static final int MAX_TOKENS = 400;
    static final Duration EXIT_LIMIT = Duration.ofSeconds(30);

    /** What one try saw. {@code exitCode} is null when the agent was still running after {@link #EXIT_LIMIT}. */
    record Outcome(int index, Integer exitCode, String fatal, int streams, int endedBeforeSigterm, int finishedNormally,
                   int endedWithError, int withoutEnd, int onKafka, int inBuffer, int telemetry, List<String> cuts) {

        boolean crashed() {
            return exitCode == null || (exitCode != 0 && exitCode != 143) || fatal != null;
        }

        int telemetryLost() {
            return Math.max(0, streams - telemetry);
        }

        String line() {
            return "try=" + index + " exit=" + exitCode + " fatal=" + fatal + " streams=" + streams + " ended_before_sigterm="
                    + endedBeforeSigterm + " finished=" + finishedNormally + " error_event=" + endedWithError + " without_end="
                    + withoutEnd + " telemetry=" + telemetry + " (kafka " + onKafka + ", disk buffer " + inBuffer + ")"
                    + (cuts.isEmpty() ? "" : " cuts=" + cuts.subList(0, Math.min(3, cuts.size())));
        }
    }

    @Test
    void sigtermMidAnswerEndsEveryStreamWithDoneAndLosesNoTelemetry() throws Exception {
        int tries = Integer.getInteger("shutdown.tries", 2);
        String bootstrap = KafkaBrokerResource.startShared();
        List<Outcome> outcomes = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (int i = 1; i <= tries; i++) {
            Outcome o = oneTry(i, bootstrap);
            outcomes.add(o);
            System.out.println("graceful shutdown " + o.line());
            report.append(o.line()).append('\n');
        }
        String summary = "tries=" + tries + " crashes=" + outcomes.stream().filter(Outcome::crashed).count()
                + " streams_without_end=" + outcomes.stream().mapToInt(Outcome::withoutEnd).sum()
                + " telemetry_lost=" + outcomes.stream().mapToInt(Outcome::telemetryLost).sum();
        System.out.println(summary);
        String reportFile = System.getProperty("shutdown.report");
        if (reportFile != null && !reportFile.isBlank()) {
            Files.writeString(Path.of(reportFile), report.append(summary).append('\n'));
        }
        SoftAssertions softly = new SoftAssertions();
        for (Outcome o : outcomes) {
            softly.assertThat(o.exitCode()).as("try %d: exit code after SIGTERM (null: still running after %s)", o.index(), EXIT_LIMIT)
                    .isIn(0, 143);
            softly.assertThat(o.fatal()).as("try %d: JVM crash report", o.index()).isNull();
            softly.assertThat(o.withoutEnd()).as("try %d: streams cut without data: [DONE] (%s)", o.index(), o.cuts()).isZero();
            softly.assertThat(o.telemetry()).as("try %d: telemetry records on Kafka or in the disk buffer, one per stream",
                    o.index()).isEqualTo(o.streams());
        }
        softly.assertAll();
    }

    Outcome oneTry(int index, String bootstrap) throws Exception {
        Path dir = Files.createTempDirectory("graceful-shutdown-");
        int port = AppProcess.freePort();
        String dataDir = "-Dedge.data-dir=" + dir.resolve("data");
        Map<TopicPartition, Long> before = endOffsets(bootstrap);
        try (AppProcess app = AppProcess.start(JAR, List.of("-Dquarkus.http.port=" + port, dataDir,
                // a slot per stream, so that every one is generating (not queued) when SIGTERM comes
                "-Dedge.engine.max-concurrency=" + STREAMS, "-Dedge.engine.max-queue=100",
                "-Dedge.kafka.enabled=true", "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dedge.kafka.telemetry-buffer-dir=" + dir.resolve("telemetry")))) {
            app.awaitHttpOk("http://127.0.0.1:" + port + "/q/health/ready", Duration.ofSeconds(90));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CountDownLatch begun = new CountDownLatch(STREAMS);
            List<Answer> answers = new ArrayList<>();
            for (int s = 0; s < STREAMS; s++) {
                Answer a = new Answer(http, URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"), s, begun);
                answers.add(a);
                a.thread.start();
            }
            if (!begun.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every stream received text within 60 s; output:\n" + app.output());
            }
            int endedBefore = (int) answers.stream().filter(Answer::done).count();
            ProcessHandle agent = ProcessHandle.current().children()
                    .filter(h -> h.info().arguments().map(args -> Arrays.asList(args).contains(dataDir)).orElse(false))
                    .findFirst().orElseThrow(() -> new IllegalStateException("cannot find the agent process among our children"));
            agent.destroy(); // SIGTERM on Linux
            Integer exit;
            try {
                exit = app.awaitExit(EXIT_LIMIT);
            } catch (IllegalStateException stillRunning) {
                exit = null;
                agent.destroyForcibly();
                app.awaitExit(Duration.ofSeconds(20));
            }
            for (Answer a : answers) {
                a.thread.join(10_000);
            }
            String output = app.output();
            // the agent runs in our working directory, where the JVM writes its crash report
            Path hsErr = Path.of("hs_err_pid" + agent.pid() + ".log").toAbsolutePath();
            String fatal = Files.exists(hsErr) ? hsErr.toString()
                    : output.contains("A fatal error has been detected") ? "fatal error report"
                    : output.contains("SIGSEGV") ? "SIGSEGV" : null;
            Set<String> records = new HashSet<>();
            int onKafka = readDecisions(bootstrap, before, records);
            int inBuffer = readBuffer(dir.resolve("telemetry"), records);
            List<String> cuts = answers.stream().filter(a -> !a.done()).map(a -> "stream " + a.index + ": " + a.cut).toList();
            return new Outcome(index, exit, fatal, STREAMS, endedBefore,
                    (int) answers.stream().filter(Answer::finishedNormally).count(),
                    (int) answers.stream().filter(a -> a.done() && a.error).count(),
                    cuts.size(), onKafka, inBuffer, records.size(), cuts);
        } finally {
            deleteTree(dir);
        }
    }

    /** Removes a try's data directory (the generated tiny model, the telemetry buffer): a few MB each. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One streamed chat answer, read on its own thread: every {@code data:} event, in order. */
    static final class Answer {
        final int index;
        final Thread thread;
        final List<String> events = new ArrayList<>();
        volatile boolean finish;
        volatile boolean error;
        /** Why the stream ended without {@code [DONE]}, if it did. */
        volatile String cut = "open";

        Answer(HttpClient http, URI chat, int index, CountDownLatch begun) {
            this.index = index;
            String body = "{\"model\":\"local\",\"stream\":true,\"max_tokens\":" + MAX_TOKENS
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a long story about lighthouse number " + index + "\"}]}";
            HttpRequest request = HttpRequest.newBuilder(chat).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            this.thread = new Thread(() -> read(http, request, begun), "shutdown-stream-" + index);
            thread.setDaemon(true);
        }

        private void read(HttpClient http, HttpRequest request, CountDownLatch begun) {
            boolean counted = false;
            try {
                HttpResponse<java.io.InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                cut = "status " + r.statusCode() + ", no [DONE]";
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (!line.startsWith("data:")) {
                            continue;
                        }
                        String data = line.substring(5).strip();
                        synchronized (events) {
                            events.add(data);
                        }
                        if (!data.equals("[DONE]")) {
                            JsonNode event = JSON.readTree(data);
                            error |= event.has("error");
                            JsonNode choice = event.path("choices").path(0);
                            finish |= choice.path("finish_reason").isTextual();
                            if (!counted && !choice.path("delta").path("content").asText("").isEmpty()) {
                                counted = true;
                                begun.countDown();
                            }
                        }
                    }
                }
                if (!done()) {
                    cut = "connection closed after " + events.size() + " events, no [DONE]";
                }
            } catch (IOException e) {
                cut = "after " + events.size() + " events: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cut = "interrupted";
            } finally {
                if (!counted) {
                    begun.countDown();
                }
            }
        }

        boolean done() {
            synchronized (events) {
                return !events.isEmpty() && events.get(events.size() - 1).equals("[DONE]");
            }
        }

        boolean finishedNormally() {
            return done() && finish && !error;
        }
    }

    static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer());
    }

    static List<TopicPartition> partitions(KafkaConsumer<String, String> c) {
        List<PartitionInfo> info = c.partitionsFor(Topics.DECISIONS, Duration.ofSeconds(20));
        return info == null ? List.of() : info.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    /** Where the decisions topic ends now (creating it if it does not exist yet), so a try reads only its own records. */
    static Map<TopicPartition, Long> endOffsets(String bootstrap) {
        try (KafkaConsumer<String, String> c = consumer(bootstrap)) {
            return new HashMap<>(c.endOffsets(partitions(c), Duration.ofSeconds(20)));
        }
    }

    /** Adds the records published since {@code from} to {@code into} (by their de-duplication key); returns how many were read. */
    static int readDecisions(String bootstrap, Map<TopicPartition, Long> from, Set<String> into) throws IOException {
        int read = 0;
        try (KafkaConsumer<String, String> c = consumer(bootstrap)) {
            List<TopicPartition> parts = partitions(c);
            c.assign(parts);
            parts.forEach(p -> c.seek(p, from.getOrDefault(p, 0L)));
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(20));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    into.add(key(r.value()));
                    read++;
                }
            }
        }
        return read;
    }

    /**
     * Adds the records still waiting in the agent's telemetry buffer (DiskBuffer's layout: {@code seg-<12 digits>.jsonl}
     * files of one record a line, and {@code head} = "segment lines-delivered") to {@code into}; returns how many.
     */
    static int readBuffer(Path dir, Set<String> into) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        Path headFile = dir.resolve("head");
        String[] head = Files.isRegularFile(headFile) ? Files.readString(headFile).strip().split(" ") : new String[] {"-1", "0"};
        long headSegment = Long.parseLong(head[0]);
        int delivered = Integer.parseInt(head[1]);
        int read = 0;
        List<Path> segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(p -> p.getFileName().toString().matches("seg-\\d{12}\\.jsonl")).sorted().toList();
        }
        for (Path p : segments) {
            long id = Long.parseLong(p.getFileName().toString().substring(4, 16));
            if (id < headSegment) {
                continue;
            }
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            for (String line : lines.subList(id == headSegment ? Math.min(delivered, lines.size()) : 0, lines.size())) {
                if (!line.isBlank()) {
                    into.add(key(line));
                    read++;
                }
            }
        }
        return read;
    }

    /** The consumers' de-duplication key of a decision record (delivery is at least once). */
    static String key(String record) throws IOException {
        JsonNode n = JSON.readTree(record);
        return n.path("agent_id_hash").asText() + "/" + n.path("request_id_hash").asText() + "/" + n.path("subtask_index").asInt();
    }
}
