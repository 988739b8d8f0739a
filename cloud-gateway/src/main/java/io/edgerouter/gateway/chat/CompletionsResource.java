package io.edgerouter.gateway.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.protocol.openai.ChatRequest;
import io.edgerouter.protocol.openai.ChatRequestReader;
import io.edgerouter.protocol.openai.CompletionRequest;
import io.edgerouter.protocol.openai.CompletionRequestReader;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.util.function.Supplier;

/**
 * {@code POST /v1/chat/completions} and {@code POST /v1/completions} (OpenAI's legacy text completions, what an
 * agent's OFFLOAD of a base-model completion calls), OpenAI-compatible: answered by the upstream provider when
 * {@code gateway.upstream.url} is set, else by the gateway's own model. {@code stream: true} answers with server-sent
 * events ending {@code data: [DONE]}.
 */
@Path("/v1")
public class CompletionsResource {

    private final OwnModelCompletions own;
    private final UpstreamCompletions upstream;
    private final ObjectMapper json;

    CompletionsResource(OwnModelCompletions own, UpstreamCompletions upstream, ObjectMapper json) {
        this.own = own;
        this.upstream = upstream;
        this.json = json;
    }

    @POST
    @Path("chat/completions")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Response chat(byte[] body) {
        JsonNode root = ChatRequestReader.parseTree(body);
        ChatRequest request = ChatRequestReader.read(root);
        return answer("chat/completions", root, request.stream(), () -> own.complete(request),
                out -> own.stream(request, out, json));
    }

    @POST
    @Path("completions")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Response text(byte[] body) {
        JsonNode root = ChatRequestReader.parseTree(body);
        CompletionRequest request = CompletionRequestReader.read(root);
        return answer("completions", root, request.stream(), () -> own.complete(request),
                out -> own.stream(request, out, json));
    }

    private Response answer(String upstreamPath, JsonNode root, boolean stream, Supplier<Object> whole, StreamingOutput streamed) {
        if (upstream.configured()) {
            return upstream.forward(upstreamPath, root, stream);
        }
        if (!stream) {
            return Response.ok(whole.get(), MediaType.APPLICATION_JSON).build();
        }
        return Response.ok(streamed).type("text/event-stream").header("Cache-Control", "no-cache").build();
    }
}
