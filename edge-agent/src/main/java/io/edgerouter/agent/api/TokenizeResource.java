package io.edgerouter.agent.api;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.protocol.openai.TokenizeRequest;
import io.edgerouter.protocol.openai.TokenizeRequestReader;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * vLLM-compatible {@code POST /tokenize} and {@code POST /detokenize} for the device's model, so a user can see exactly
 * which ids the model gets: a {@code prompt} as {@code /v1/completions} feeds it, or {@code messages} rendered with
 * the model's own chat template as {@code /v1/chat/completions} feeds them. Nothing leaves the device. Behind the same
 * API keys as {@code /v1} ({@link ApiGuard}).
 */
@Path("/")
public class TokenizeResource {

    private final EngineService engine;
    private final AgentConfig config;

    TokenizeResource(EngineService engine, AgentConfig config) {
        this.engine = engine;
        this.config = config;
    }

    @POST
    @Path("tokenize")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The token ids the device's model gets for a prompt, or for chat messages through its chat template")
    public Map<String, Object> tokenize(byte[] body) {
        TokenizeRequest request = TokenizeRequestReader.read(JsonBodies.within(body, config.api().maxBodyBytes()));
        int[] ids = request instanceof TokenizeRequest.Chat c
                ? engine.tokenizeChat(c.messages(), c.addGenerationPrompt(), c.continueFinalMessage(), c.addSpecialTokens())
                : engine.tokenizePrompt(((TokenizeRequest.Prompt) request).prompt(), ((TokenizeRequest.Prompt) request).addSpecialTokens());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", ids.length);
        out.put("max_model_len", engine.maxModelLen());
        out.put("tokens", ids);
        if (request.returnTokenStrs()) {
            List<String> strs = new ArrayList<>(ids.length);
            Arrays.stream(ids).forEach(id -> strs.add(engine.detokenize(new int[] {id})));
            out.put("token_strs", strs);
        }
        return out;
    }

    @POST
    @Path("detokenize")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The text of token ids of the device's model")
    public Map<String, Object> detokenize(byte[] body) {
        TokenizeRequest.Detokenize request = TokenizeRequestReader.readDetokenize(JsonBodies.within(body, config.api().maxBodyBytes()));
        return Map.of("prompt", engine.detokenize(request.tokens()));
    }
}
