import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A stand-in for the cloud gateway in bench/mixed-load: an OpenAI-compatible server on loopback that answers
 * {@code POST /v1/chat/completions} (a {@code chat.completion} with usage, or with {@code stream: true} server-sent
 * {@code chat.completion.chunk} events, a usage chunk when {@code stream_options.include_usage} is true, then
 * {@code data: [DONE]}) after a delay of 1-5 s, and {@code GET /v1/models}. The delay of the n-th request is drawn from
 * a generator seeded with (seed, n), so a run with the same seed and the same arrival order waits the same.
 * Usage: java FakeCloud.java SEED [MIN_DELAY_MS MAX_DELAY_MS]; prints {@code READY port=N} once listening, and
 * {@code requests=N streamed=S} when stopped (SIGTERM).
 */
public class FakeCloud {

    /** Enough threads that every request of the bench waits its own delay, none waits for a thread. */
    static final int THREADS = 256;
    static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");
    static final Pattern INCLUDE_USAGE = Pattern.compile("\"include_usage\"\\s*:\\s*true");
    static final String[] WORDS = {"The", " cloud", " answers", " this", " one", "."};

    final long seed;
    final int minDelayMs;
    final int maxDelayMs;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong streamed = new AtomicLong();

    FakeCloud(long seed, int minDelayMs, int maxDelayMs) {
        if (minDelayMs < 0 || maxDelayMs < minDelayMs) {
            throw new IllegalArgumentException("delays must satisfy 0 <= min <= max, got " + minDelayMs + ".." + maxDelayMs);
        }
        this.seed = seed;
        this.minDelayMs = minDelayMs;
        this.maxDelayMs = maxDelayMs;
    }

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        FakeCloud cloud = new FakeCloud(seed, args.length > 1 ? Integer.parseInt(args[1]) : 1000,
                args.length > 2 ? Integer.parseInt(args[2]) : 5000);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(pool);
        server.createContext("/v1/chat/completions", cloud::chat);
        server.createContext("/v1/models", cloud::models);
        server.createContext("/", ex -> cloud.send(ex, 404, "{\"error\":{\"message\":\"no such endpoint\",\"type\":\"invalid_request_error\"}}"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("requests=" + cloud.requests.get() + " streamed=" + cloud.streamed.get());
            server.stop(0);
            pool.shutdownNow();
        }));
        server.start();
        System.out.println("READY port=" + server.getAddress().getPort());
        System.out.flush();
        // runs until the bench script ends it (SIGTERM); the server's threads are not daemons
    }

    void models(HttpExchange ex) throws IOException {
        send(ex, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"fake-cloud\",\"object\":\"model\",\"created\":0,\"owned_by\":\"bench\"}]}");
    }

    void chat(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            send(ex, 405, "{\"error\":{\"message\":\"use POST\",\"type\":\"invalid_request_error\"}}");
            return;
        }
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        long n = requests.incrementAndGet();
        int delay = minDelayMs + new SplittableRandom(seed * 1_000_003L + n).nextInt(maxDelayMs - minDelayMs + 1);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.close();
            return;
        }
        String id = "chatcmpl-fake" + n;
        long created = System.currentTimeMillis() / 1000;
        int promptTokens = Math.max(1, body.length() / 4);
        String usage = "{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + WORDS.length
                + ",\"total_tokens\":" + (promptTokens + WORDS.length) + "}";
        if (!STREAM.matcher(body).find()) {
            send(ex, 200, "{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":" + created
                    + ",\"model\":\"fake-cloud\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                    + String.join("", WORDS) + "\"},\"finish_reason\":\"stop\"}],\"usage\":" + usage + "}");
            return;
        }
        streamed.incrementAndGet();
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            String head = "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + created + ",\"model\":\"fake-cloud\",";
            event(out, head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
            for (String w : WORDS) {
                event(out, head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + w + "\"},\"finish_reason\":null}]}");
            }
            event(out, head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
            if (INCLUDE_USAGE.matcher(body).find()) {
                event(out, head + "\"choices\":[],\"usage\":" + usage + "}");
            }
            event(out, "[DONE]");
        }
    }

    static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
