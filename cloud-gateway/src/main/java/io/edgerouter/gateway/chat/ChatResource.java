package io.edgerouter.gateway.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.protocol.openai.ChatRequest;
import io.edgerouter.protocol.openai.ChatRequestReader;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * {@code POST /v1/chat/completions}, OpenAI-compatible: answered by the upstream provider when
 * {@code gateway.upstream.url} is set, else by the gateway's own model. {@code stream: true} answers
 * with server-sent events ending {@code data: [DONE]}.
 */
@Path("/v1/chat/completions")
public class ChatResource {

    private final OwnModelCompletions own;
    private final UpstreamCompletions upstream;
    private final ObjectMapper json;

    ChatResource(OwnModelCompletions own, UpstreamCompletions upstream, ObjectMapper json) {
        this.own = own;
        this.upstream = upstream;
        this.json = json;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Response complete(byte[] body) {
        JsonNode root = ChatRequestReader.parseTree(body);
        ChatRequest request = ChatRequestReader.read(root);
        if (upstream.configured()) {
            return upstream.forward(root, request.stream());
        }
        if (!request.stream()) {
            return Response.ok(own.complete(request), MediaType.APPLICATION_JSON).build();
        }
        return Response.ok((StreamingOutput) out -> own.stream(request, out, json))
                .type("text/event-stream").header("Cache-Control", "no-cache").build();
    }
}
