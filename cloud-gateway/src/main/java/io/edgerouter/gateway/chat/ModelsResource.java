package io.edgerouter.gateway.chat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.edgerouter.gateway.model.GatewayModel;
import io.edgerouter.gateway.verify.VerifyService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /v1/models}: the gateway's own model with the tokenizer hash agents must match to verify. */
@Path("/v1/models")
public class ModelsResource {

    /** OpenAI's model list, plus what VERIFY needs. */
    public record ModelList(@JsonProperty("object") String object, @JsonProperty("data") List<ModelEntry> data) {
    }

    public record ModelEntry(@JsonProperty("id") String id,
                             @JsonProperty("object") String object,
                             @JsonProperty("created") long created,
                             @JsonProperty("owned_by") String ownedBy,
                             @JsonProperty("tokenizer_hash") String tokenizerHash,
                             @JsonProperty("vocab_size") int vocabSize,
                             @JsonProperty("verify") boolean verify) {
    }

    private final GatewayModel model;
    private final VerifyService verify;
    private final long created = System.currentTimeMillis() / 1000;

    ModelsResource(GatewayModel model, VerifyService verify) {
        this.model = model;
        this.verify = verify;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ModelList list() {
        boolean ownVerifies = verify.tokenizerHash().equals(model.tokenizerHash());
        List<ModelEntry> models = new java.util.ArrayList<>();
        models.add(new ModelEntry(model.name(), "model", created, "cloud-gateway", model.tokenizerHash(), model.vocabSize(), ownVerifies));
        if (!ownVerifies) {
            models.add(new ModelEntry("vllm-verifier", "model", created, "vllm", verify.tokenizerHash(), 0, true));
        }
        return new ModelList("list", models);
    }
}
