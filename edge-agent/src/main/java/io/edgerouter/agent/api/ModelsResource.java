package io.edgerouter.agent.api;

import io.edgerouter.agent.engine.EngineService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;

/** {@code GET /v1/models}: the model names this agent accepts, in OpenAI's list shape. */
@Path("/v1/models")
public class ModelsResource {

    private final EngineService engine;

    ModelsResource(EngineService engine) {
        this.engine = engine;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The models (routes) a chat request may name")
    public Map<String, Object> models() {
        long created = 1_700_000_000L;
        return Map.of("object", "list", "data", List.of(
                model("auto", created, "the router decides per request and subtask"),
                model("local", created, "the device's model answers (speculative decoding)"),
                model("verify", created, "the device drafts, the cloud verifies and corrects"),
                model("cloud", created, "the cloud answers the privacy-filtered request")));
    }

    private Map<String, Object> model(String id, long created, String description) {
        return Map.of("id", id, "object", "model", "created", created, "owned_by", "edge-router",
                "description", description, "tokenizer_hash", engine.tokenizerHash());
    }
}
