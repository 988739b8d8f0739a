package io.edgerouter.gateway.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.model.EngineLimits;
import io.edgerouter.engine.sampling.Probabilities;
import io.edgerouter.engine.tiny.TinyModelSpec;
import io.edgerouter.engine.tiny.TinyModels;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in vLLM server on loopback: {@code POST /v1/completions} over token-id prompts with
 * {@code prompt_logprobs}, answered by the tiny model through local-engine, in vLLM's response shape.
 */
public class VllmStub implements QuarkusTestResourceLifecycleManager {

    static final AtomicInteger calls = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private LocalEngine engine;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("vllm-stub-model");
            TinyModels.Pair pair = TinyModels.generate(dir, TinyModelSpec.small());
            engine = LocalEngine.open(LocalEngine.Options.of(pair.target(), null));
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/completions", this::handle);
            server.start();
            return Map.of(
                    "gateway.verify.backend", "vllm",
                    "gateway.verify.vllm.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                    "gateway.verify.vllm.model", "tiny",
                    "gateway.verify.vllm.tokenizer-file", pair.target().resolve("tokenizer.json").toString(),
                    "gateway.verify.vllm.vocab-size", Integer.toString(TinyModelSpec.VOCAB));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the vLLM stub", e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (engine != null) {
            engine.close();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            byte[] body = JSON.writeValueAsBytes(complete(request));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private ObjectNode complete(JsonNode request) {
        int[] prompt = new int[request.get("prompt").size()];
        for (int i = 0; i < prompt.length; i++) {
            prompt[i] = request.get("prompt").get(i).asInt();
        }
        int vocab = engine.target().vocabSize();
        ObjectNode choice = JSON.createObjectNode();
        try (DecoderSession session = new DecoderSession(engine.target(), EngineLimits.unlimited())) {
            float[] logits = session.append(prompt, prompt.length); // (prompt, vocab)
            if (request.path("prompt_logprobs").asInt(0) > 0) {
                ArrayNode positions = choice.putArray("prompt_logprobs");
                positions.addNull();
                for (int j = 1; j < prompt.length; j++) {
                    positions.add(position(logits, (j - 1) * vocab, vocab, prompt[j]));
                }
            }
            List<Integer> tokens = new ArrayList<>();
            List<Double> logprobs = new ArrayList<>();
            Set<Integer> stops = engine.stopTokenIds();
            float[] row = logits;
            int offset = (prompt.length - 1) * vocab;
            String finish = "length";
            for (int n = 0; n < request.path("max_tokens").asInt(16); n++) {
                int next = Probabilities.argmax(row, offset, vocab);
                if (stops.contains(next)) {
                    finish = "stop";
                    break;
                }
                tokens.add(next);
                logprobs.add(Probabilities.logProb(row, offset, vocab, next));
                row = session.append(next);
                offset = 0;
            }
            ObjectNode lp = choice.putObject("logprobs");
            ArrayNode t = lp.putArray("tokens");
            tokens.forEach(id -> t.add("token_id:" + id));
            ArrayNode tl = lp.putArray("token_logprobs");
            logprobs.forEach(tl::add);
            choice.put("finish_reason", finish);
        }
        choice.put("index", 0).put("text", "");
        ObjectNode response = JSON.createObjectNode().put("object", "text_completion");
        response.putArray("choices").add(choice);
        return response;
    }

    /** vLLM's prompt_logprobs entry: the prompt token and the rank-1 token, each with logprob and rank. */
    private static ObjectNode position(float[] logits, int offset, int vocab, int actual) {
        ObjectNode entry = JSON.createObjectNode();
        int top = Probabilities.argmax(logits, offset, vocab);
        int rank = 1;
        for (int i = 0; i < vocab; i++) {
            if (logits[offset + i] > logits[offset + actual]) {
                rank++;
            }
        }
        entry.putObject(Integer.toString(actual)).put("logprob", Probabilities.logProb(logits, offset, vocab, actual)).put("rank", rank);
        if (top != actual) {
            entry.putObject(Integer.toString(top)).put("logprob", Probabilities.logProb(logits, offset, vocab, top)).put("rank", 1);
        }
        return entry;
    }

}
