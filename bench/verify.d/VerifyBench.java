import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.model.EngineLimits;
import io.edgerouter.engine.sampling.Probabilities;
import io.edgerouter.protocol.fleet.TokenizerHash;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The edge side of VERIFY against a running cloud gateway, with an injected network round-trip time
 * per call. Compares LOCAL (edge model alone), VERIFY in rounds (session, k draft tokens a round),
 * VERIFY one-shot (whole draft, the gateway finishes) and OFFLOAD (chat completion by the gateway),
 * all greedy; cloud forward passes are read from the gateway's own counter.
 *
 * Usage: VerifyBench <gateway-url> <api-key> <edge-model-dir> <prompts> <max-tokens> <draft-k> <rtt-ms,...>
 * With {@code -Dbench.out=DIR} each mode's totals per round-trip time also go to DIR/verify_rtt.tsv.
 */
public final class VerifyBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String[] TASKS = {"Summarise:", "Rewrite formally:", "List the facts in:"};
    private static final String[] WORDS = ("gateway verifies draft tokens from every edge device while the local model "
            + "answers simple questions quickly and cheaply and sends hard ones to the cloud after masking private "
            + "names and numbers so operators watch budgets acceptance rates and latency across the fleet").split(" ");

    private final String url;
    private final String key;
    private final LocalEngine edge;
    private final String hash;
    private final Set<Integer> stops;
    private final int maxTokens;
    private final int k;

    private VerifyBench(String url, String key, LocalEngine edge, String hash, int maxTokens, int k) {
        this.url = url;
        this.key = key;
        this.edge = edge;
        this.hash = hash;
        this.stops = edge.stopTokenIds();
        this.maxTokens = maxTokens;
        this.k = k;
    }

    /** One mode's totals over the prompts. */
    static final class Totals {
        long tokens;
        long nanos;
        long roundTrips;
        long cloudPasses;
        long drafted;
        long accepted;

        String tsv(int rtt, String name, int prompts) {
            return String.format(Locale.ROOT, "%d\t%s\t%d\t%d\t%.2f\t%d\t%.3f\t%d\t%.4f%n", rtt, name, prompts, tokens,
                    nanos / 1e6 / prompts, roundTrips, roundTrips == 0 ? 0 : (double) tokens / roundTrips, cloudPasses,
                    drafted == 0 ? 0 : (double) accepted / drafted);
        }

        String line(String name) {
            return String.format(Locale.ROOT, "%-16s tokens=%d time_ms=%.1f round_trips=%d tokens/round_trip=%.2f cloud_passes=%d acceptance=%.3f",
                    name, tokens, nanos / 1e6, roundTrips, roundTrips == 0 ? 0 : (double) tokens / roundTrips, cloudPasses,
                    drafted == 0 ? 0 : (double) accepted / drafted);
        }
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path edgeDir = Path.of(args[2]);
        int promptCount = Integer.parseInt(args[3]);
        int maxTokens = Integer.parseInt(args[4]);
        int k = Integer.parseInt(args[5]);
        int[] rtts = Arrays.stream(args[6].split(",")).mapToInt(Integer::parseInt).toArray();
        try (LocalEngine edge = LocalEngine.open(LocalEngine.Options.of(edgeDir, null))) {
            VerifyBench bench = new VerifyBench(url, args[1], edge, TokenizerHash.ofFile(edge.tokenizerFile()), maxTokens, k);
            List<List<ChatMessage>> prompts = prompts(promptCount);
            bench.runAll(prompts.subList(0, 1), 0); // warm-up: JIT, ORT allocations, HTTP connections
            double[] summary = null;
            boolean lossless = true;
            StringBuilder tsv = new StringBuilder("rtt_ms\tmode\tprompts\ttokens\tms_per_answer\tround_trips"
                    + "\ttokens_per_round_trip\tcloud_passes\tacceptance\n");
            for (int rtt : rtts) {
                Totals[] t = bench.runAll(prompts, rtt);
                String[] names = {"LOCAL", "VERIFY(rounds)", "VERIFY(one-shot)", "OFFLOAD"};
                for (int m = 0; m < names.length; m++) {
                    tsv.append(t[m].tsv(rtt, names[m], prompts.size()));
                }
                lossless &= bench.lastLossless;
                System.out.printf(Locale.ROOT, "rtt=%dms prompts=%d max_tokens=%d draft_k=%d%n", rtt, prompts.size(), maxTokens, k);
                System.out.println("  " + t[0].line("LOCAL"));
                System.out.println("  " + t[1].line("VERIFY(rounds)"));
                System.out.println("  " + t[2].line("VERIFY(one-shot)"));
                System.out.println("  " + t[3].line("OFFLOAD"));
                double[] s = {(double) t[1].tokens / t[1].roundTrips, 1 - (double) t[1].cloudPasses / t[3].cloudPasses,
                        (double) t[1].nanos / t[3].nanos, (double) t[2].nanos / t[3].nanos, 1 - (double) t[2].cloudPasses / t[3].cloudPasses};
                System.out.printf(Locale.ROOT, "  verify_rounds_vs_offload_latency=%.2f one_shot_vs_offload_latency=%.2f one_shot_passes_saved=%.2f%n",
                        s[2], s[3], s[4]);
                if (summary == null || rtt == 50 || !has50(rtts)) {
                    summary = s;
                }
            }
            System.out.println("lossless (VERIFY rounds = one-shot = OFFLOAD text): " + lossless);
            String out = System.getProperty("bench.out");
            if (out != null) {
                Files.createDirectories(Path.of(out));
                Files.writeString(Path.of(out, "verify_rtt.tsv"), tsv);
            }
            System.out.printf(Locale.ROOT, "tokens_per_roundtrip=%.2f cloud_passes_saved=%.2f verify_vs_offload_latency=%.2f%n",
                    summary[0], summary[1], summary[2]);
        }
    }

    boolean lastLossless;

    private static boolean has50(int[] rtts) {
        return Arrays.stream(rtts).anyMatch(r -> r == 50);
    }

    Totals[] runAll(List<List<ChatMessage>> prompts, int rtt) throws Exception {
        Totals[] t = {new Totals(), new Totals(), new Totals(), new Totals()};
        lastLossless = true;
        for (List<ChatMessage> messages : prompts) {
            int[] prompt = edge.chatPrompt(messages);
            local(prompt, t[0]);
            int[] rounds = verifyRounds(prompt, rtt, t[1]);
            int[] oneShot = verifyOneShot(prompt, rtt, t[2]);
            String offload = offload(messages, rtt, t[3]);
            lastLossless &= Arrays.equals(rounds, oneShot) && edge.tokenizer().decode(rounds).equals(offload);
        }
        return t;
    }

    private void local(int[] prompt, Totals t) {
        long start = System.nanoTime();
        try (Conversation chat = edge.newConversation()) {
            GenerationResult r = chat.generate(GenerationRequest.of(prompt, maxTokens, Decoding.VANILLA).withStops(stops, List.of()));
            t.tokens += r.tokens().length;
        }
        t.nanos += System.nanoTime() - start;
    }

    private int[] verifyRounds(int[] prompt, int rtt, Totals t) throws Exception {
        long passes = cloudPasses();
        long start = System.nanoTime();
        String session = "bench-" + UUID.randomUUID();
        List<Integer> out = new ArrayList<>();
        int[] context = prompt;
        boolean first = true;
        try (DecoderSession drafter = new DecoderSession(edge.target(), EngineLimits.unlimited())) {
            while (out.size() < maxTokens) {
                int[] draft = draft(drafter, context, Math.min(k, maxTokens - out.size() - 1));
                ObjectNode body = body(first ? context : null, draft);
                body.put("session_id", session);
                if (!first) {
                    body.putArray("context_append_ids");
                }
                JsonNode r = call("/v1/verify", body, rtt);
                first = false;
                t.roundTrips++;
                t.drafted += draft.length;
                int accepted = r.get("accepted").asInt();
                t.accepted += accepted;
                int next = r.get("next_token").asInt();
                boolean stop = false;
                for (int i = 0; i <= accepted && !stop; i++) {
                    int token = i < accepted ? draft[i] : next;
                    if (stops.contains(token)) {
                        stop = true;
                    } else {
                        out.add(token);
                    }
                }
                int[] emitted = Arrays.copyOf(draft, accepted + 1);
                emitted[accepted] = next;
                context = concat(context, emitted);
                if (stop) {
                    break;
                }
            }
        }
        HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v1/verify/sessions/" + session)).header("Authorization", "Bearer " + key)
                .DELETE().build(), HttpResponse.BodyHandlers.discarding());
        t.nanos += System.nanoTime() - start;
        t.cloudPasses += cloudPasses() - passes;
        int[] tokens = out.stream().mapToInt(Integer::intValue).limit(maxTokens).toArray();
        t.tokens += tokens.length;
        return tokens;
    }

    private int[] verifyOneShot(int[] prompt, int rtt, Totals t) throws Exception {
        long passes = cloudPasses();
        long start = System.nanoTime();
        int[] draft;
        try (DecoderSession drafter = new DecoderSession(edge.target(), EngineLimits.unlimited())) {
            draft = draft(drafter, prompt, Math.min(64, maxTokens - 1));
        }
        ObjectNode body = body(prompt, draft);
        body.put("continue_max_tokens", maxTokens - 1);
        JsonNode r = call("/v1/verify", body, rtt);
        t.roundTrips++;
        int accepted = r.get("accepted").asInt();
        t.drafted += draft.length;
        t.accepted += accepted;
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < accepted; i++) {
            out.add(draft[i]);
        }
        int next = r.get("next_token").asInt();
        if (!stops.contains(next)) {
            out.add(next);
            r.path("continuation_ids").forEach(id -> out.add(id.asInt()));
        }
        t.nanos += System.nanoTime() - start;
        t.cloudPasses += cloudPasses() - passes;
        int[] tokens = out.stream().mapToInt(Integer::intValue).limit(maxTokens).toArray();
        t.tokens += tokens.length;
        return tokens;
    }

    private String offload(List<ChatMessage> messages, int rtt, Totals t) throws Exception {
        long passes = cloudPasses();
        long start = System.nanoTime();
        ObjectNode body = JSON.createObjectNode();
        body.put("model", "cloud");
        ArrayNode ms = body.putArray("messages");
        messages.forEach(m -> ms.addObject().put("role", m.role()).put("content", m.content()));
        body.put("max_tokens", maxTokens);
        body.put("temperature", 0);
        JsonNode r = call("/v1/chat/completions", body, rtt);
        t.nanos += System.nanoTime() - start;
        t.roundTrips++;
        t.tokens += r.path("usage").path("completion_tokens").asInt();
        t.cloudPasses += cloudPasses() - passes;
        return r.path("choices").path(0).path("message").path("content").asText();
    }

    /** Greedy draft of up to n tokens with the edge model, stopping after a stop token; reuses the cached prefix. */
    private int[] draft(DecoderSession drafter, int[] context, int n) {
        if (n <= 0) {
            return new int[0];
        }
        int vocab = edge.target().vocabSize();
        float[] logits = drafter.extendTo(context, 1);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = Probabilities.argmax(logits, 0, vocab);
            if (stops.contains(out[i])) {
                return Arrays.copyOf(out, i + 1);
            }
            if (i + 1 < n) {
                logits = drafter.append(out[i]);
            }
        }
        return out;
    }

    private ObjectNode body(int[] context, int[] draft) {
        ObjectNode b = JSON.createObjectNode();
        b.put("tokenizer_hash", hash);
        if (context != null) {
            ArrayNode c = b.putArray("context_ids");
            for (int id : context) {
                c.add(id);
            }
        }
        ArrayNode d = b.putArray("draft_ids");
        for (int id : draft) {
            d.add(id);
        }
        b.put("mode", "greedy");
        return b;
    }

    /** POSTs JSON after sleeping the injected round-trip time. */
    private JsonNode call(String path, ObjectNode body, int rttMs) throws Exception {
        if (rttMs > 0) {
            Thread.sleep(rttMs);
        }
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** The gateway's forward-pass counter, from its Prometheus metrics. */
    private long cloudPasses() throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("gateway_model_forward_passes_total")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new IllegalStateException("gateway_model_forward_passes_total missing from /q/metrics");
    }

    private static List<List<ChatMessage>> prompts(int n) {
        Random random = new Random(11);
        List<List<ChatMessage>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder(TASKS[i % TASKS.length]);
            for (int w = 0; w < 40; w++) {
                text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
            }
            out.add(List.of(new ChatMessage("user", text.toString())));
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
