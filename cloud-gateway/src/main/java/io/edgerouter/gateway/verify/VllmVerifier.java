package io.edgerouter.gateway.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgerouter.gateway.api.ApiException;
import io.edgerouter.gateway.api.UpstreamException;
import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.gateway.upstream.ResilientJsonClient;
import io.edgerouter.protocol.fleet.TokenizerHash;
import io.edgerouter.protocol.verify.VerifyMode;
import io.edgerouter.protocol.verify.VerifyResponse;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Verifies drafts against an upstream vLLM server through its completions API, so a fleet can verify
 * without the gateway's own model: the prompt is sent as token ids (context + draft) with
 * {@code prompt_logprobs: 1}, {@code max_tokens: 1} and temperature 0. A draft token is accepted while
 * it is the target's rank-1 token at its position; the first one that is not is corrected to the
 * rank-1 token; when all are accepted the generated token is the bonus. Greedy mode only (top-1 log
 * probabilities do not give the full distribution the sampling rule needs, so sample mode, and with it temperature,
 * top_p and top_k, is a 400 naming {@code mode}). Sessions only remember
 * the agreed context: vLLM's prefix cache keeps the KV cache.
 */
@ApplicationScoped
public class VllmVerifier implements VerifyBackend {

    private static final String TOKEN_ID_PREFIX = "token_id:";

    private final ObjectMapper json;
    private final ResilientJsonClient client;
    private final Optional<String> model;
    private final String tokenizerHash;
    private final int vocabSize;
    private final ContextSessions sessions;

    VllmVerifier(GatewayConfig config, ObjectMapper json) {
        GatewayConfig.Vllm v = config.verify().vllm();
        URI url = v.url().orElseThrow(() -> new IllegalStateException(
                "gateway.verify.vllm.url is required when gateway.verify.backend=vllm"));
        Path tokenizer = v.tokenizerFile().orElseThrow(() -> new IllegalStateException(
                "gateway.verify.vllm.tokenizer-file is required when gateway.verify.backend=vllm"));
        if (!Files.isRegularFile(tokenizer)) {
            throw new IllegalStateException("gateway.verify.vllm.tokenizer-file " + tokenizer + " is not a readable file");
        }
        this.json = json;
        this.client = new ResilientJsonClient("vLLM server", Optional.of(url), v.apiKey(), v.timeout(),
                config.upstream().breakerFailureRate(), config.upstream().breakerOpenFor());
        this.model = v.model();
        this.vocabSize = v.vocabSize();
        try {
            this.tokenizerHash = TokenizerHash.ofFile(tokenizer);
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalStateException("gateway.verify.vllm.tokenizer-file " + tokenizer + " cannot be read: " + e.getMessage(), e);
        }
        this.sessions = new ContextSessions(config.verify().maxSessions(), config.verify().sessionIdleTimeout().toNanos());
    }

    @Override
    public String tokenizerHash() {
        return tokenizerHash;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    /** {@code cancelled} is not polled: a round is at most two vLLM calls, each bounded by the vLLM timeout. */
    @Override
    public VerifyResponse verify(String agentId, VerifyCall call, BooleanSupplier cancelled) {
        if (call.mode() != VerifyMode.GREEDY) {
            throw ApiException.invalid("mode", "the vLLM verification backend verifies greedily only (its top-1 prompt"
                    + " log-probabilities do not give the whole target distribution that sample mode and temperature, top_p"
                    + " or top_k need); send mode greedy without sampling parameters");
        }
        String key = agentId + '\u0000' + call.sessionId().orElse("");
        int[] context = context(key, call);
        int[] draft = call.draftIds();
        JsonNode choice = complete(concat(context, draft), 1, true);
        JsonNode promptLogprobs = choice.path("prompt_logprobs");
        int accepted = 0;
        int next = -1;
        List<Double> logprobs = new ArrayList<>();
        while (accepted < draft.length && next < 0) {
            JsonNode position = promptLogprobs.path(context.length + accepted);
            JsonNode mine = position.path(Integer.toString(draft[accepted]));
            if (mine.path("rank").asInt(-1) == 1) {
                logprobs.add(mine.path("logprob").asDouble());
                accepted++;
            } else {
                Map.Entry<Integer, Double> top = rankOne(position, context.length + accepted);
                next = top.getKey();
                logprobs.add(top.getValue());
            }
        }
        if (next < 0) {
            next = generated(choice).get(0);
            logprobs.add(choice.path("logprobs").path("token_logprobs").path(0).asDouble());
        }
        int[] agreed = concat(concat(context, Arrays.copyOf(draft, accepted)), new int[]{next});
        List<Integer> continuation = null;
        String finish = null;
        if (call.continueMaxTokens().isPresent()) {
            JsonNode more = complete(agreed, call.continueMaxTokens().getAsInt(), false);
            continuation = generated(more);
            finish = "length".equals(more.path("finish_reason").asText()) ? "length" : "stop";
            agreed = concat(agreed, continuation.stream().mapToInt(Integer::intValue).toArray());
        }
        if (call.sessionId().isPresent()) {
            sessions.put(key, agreed);
        }
        return new VerifyResponse(accepted, next, logprobs, call.sessionId().orElse(null), continuation, finish);
    }

    @Override
    public boolean deleteSession(String agentId, String sessionId) {
        return sessions.remove(agentId + '\u0000' + sessionId);
    }

    private int[] context(String key, VerifyCall call) {
        if (call.contextIds() != null) {
            return call.contextIds();
        }
        int[] agreed = sessions.context(key).orElseThrow(() -> ApiException.notFound("session_not_found",
                "verify session '" + call.sessionId().orElse("") + "' does not exist (expired, evicted or never started): "
                        + "send the whole context as context_ids"));
        return concat(agreed, call.appendIds());
    }

    /** One completions call; returns {@code choices[0]}. */
    private JsonNode complete(int[] prompt, int maxTokens, boolean promptLogprobs) {
        ObjectNode body = json.createObjectNode();
        model.ifPresent(m -> body.put("model", m));
        ArrayNode ids = body.putArray("prompt");
        for (int id : prompt) {
            ids.add(id);
        }
        body.put("max_tokens", maxTokens);
        body.put("temperature", 0);
        body.put("logprobs", 1);
        body.put("return_tokens_as_token_ids", true);
        if (promptLogprobs) {
            body.put("prompt_logprobs", 1);
        }
        ResilientJsonClient.Reply reply = client.post("completions", body.toString(), false);
        if (reply.status() >= 300) {
            throw UpstreamException.badGateway("upstream_error", "the vLLM server refused the verify call (" + reply.status() + ")");
        }
        try {
            JsonNode choice = json.readTree(reply.body()).path("choices").path(0);
            if (choice.isMissingNode()) {
                throw UpstreamException.badGateway("upstream_error", "the vLLM server answered without choices");
            }
            return choice;
        } catch (JsonProcessingException e) {
            throw UpstreamException.badGateway("upstream_error", "the vLLM server answered with invalid JSON");
        }
    }

    /** The rank-1 token id and its log-probability at a prompt position. */
    private static Map.Entry<Integer, Double> rankOne(JsonNode position, int index) {
        Iterator<Map.Entry<String, JsonNode>> it = position.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().path("rank").asInt(-1) == 1) {
                return Map.entry(Integer.parseInt(e.getKey()), e.getValue().path("logprob").asDouble());
            }
        }
        throw UpstreamException.badGateway("upstream_error", "the vLLM server gave no rank-1 token at prompt position " + index
                + " (is prompt_logprobs supported?)");
    }

    /** Generated token ids, from {@code logprobs.tokens} written as {@code token_id:N}. */
    private static List<Integer> generated(JsonNode choice) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode t : choice.path("logprobs").path("tokens")) {
            String s = t.asText();
            if (!s.startsWith(TOKEN_ID_PREFIX)) {
                throw UpstreamException.badGateway("upstream_error", "the vLLM server did not return token ids (return_tokens_as_token_ids)");
            }
            out.add(Integer.parseInt(s.substring(TOKEN_ID_PREFIX.length())));
        }
        if (out.isEmpty() && choice.has("token_ids")) {
            choice.path("token_ids").forEach(t -> out.add(t.asInt()));
        }
        if (out.isEmpty()) {
            throw UpstreamException.badGateway("upstream_error", "the vLLM server generated no token");
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

}
