package io.edgerouter.gateway.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.gateway.shutdown.InFlightWork;
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

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * {@code POST /v1/chat/completions} and {@code POST /v1/completions} (OpenAI's legacy text completions, what an
 * agent's OFFLOAD of a base-model completion calls), OpenAI-compatible: answered by the upstream provider when
 * {@code gateway.upstream.url} is set, else by the gateway's own model. {@code stream: true} answers with server-sent
 * events ending {@code data: [DONE]}. From shutdown on, new calls get a 503 and calls in flight that outlive the grace
 * period are cancelled (see {@link io.edgerouter.gateway.shutdown.GatewayShutdown}).
 */
@Path("/v1")
public class CompletionsResource {

    private final OwnModelCompletions own;
    private final UpstreamCompletions upstream;
    private final InFlightWork work;
    private final ObjectMapper json;

    CompletionsResource(OwnModelCompletions own, UpstreamCompletions upstream, InFlightWork work, ObjectMapper json) {
        this.own = own;
        this.upstream = upstream;
        this.work = work;
        this.json = json;
    }

    @POST
    @Path("chat/completions")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Response chat(byte[] body) {
        JsonNode root = ChatRequestReader.parseTree(body);
        ChatRequest request = ChatRequestReader.read(root);
        return answer("chat/completions", root, request.stream(), ticket -> own.complete(request, ticket::cancelled),
                (ticket, out) -> own.stream(request, out, json, ticket::cancelled));
    }

    @POST
    @Path("completions")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Response text(byte[] body) {
        JsonNode root = ChatRequestReader.parseTree(body);
        CompletionRequest request = CompletionRequestReader.read(root);
        return answer("completions", root, request.stream(), ticket -> own.complete(request, ticket::cancelled),
                (ticket, out) -> own.stream(request, out, json, ticket::cancelled));
    }

    /** Streams one answer to {@code out}; the call's ticket says when shutdown cancels it. */
    private interface Streamer {
        void stream(InFlightWork.Ticket ticket, OutputStream out) throws IOException;
    }

    /**
     * Admits the call (503 once the gateway shuts down) and answers it; the call counts as in flight until its answer
     * is complete, for a stream until its last event.
     */
    private Response answer(String upstreamPath, JsonNode root, boolean stream, Function<InFlightWork.Ticket, Object> whole,
                            Streamer streamed) {
        InFlightWork.Ticket ticket = work.admit("completions");
        boolean streaming = false;
        try {
            Response response;
            if (upstream.configured()) {
                response = upstream.forward(upstreamPath, root, stream, ticket);
            } else if (!stream) {
                response = Response.ok(whole.apply(ticket), MediaType.APPLICATION_JSON).build();
            } else {
                response = Response.ok((StreamingOutput) out -> streamed.stream(ticket, out))
                        .type("text/event-stream").header("Cache-Control", "no-cache").build();
            }
            if (response.getEntity() instanceof StreamingOutput body) {
                StreamingOutput closing = out -> {
                    try (ticket) {
                        body.write(out);
                    }
                };
                response = Response.fromResponse(response).entity(closing).build();
                streaming = true;
            }
            return response;
        } finally {
            if (!streaming) {
                ticket.close();
            }
        }
    }
}
