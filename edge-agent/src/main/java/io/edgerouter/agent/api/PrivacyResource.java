package io.edgerouter.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.agent.privacy.ConversationVaults;
import io.edgerouter.agent.privacy.PrivacyService;
import io.edgerouter.agent.request.RequestContext;
import io.edgerouter.protocol.openai.InvalidRequestException;
import io.edgerouter.privacy.api.AnalyzeRequest;
import io.edgerouter.privacy.api.AnalyzerResultJson;
import io.edgerouter.privacy.api.AnonymizeRequest;
import io.edgerouter.privacy.api.DeanonymizeRequest;
import io.edgerouter.privacy.api.EngineResponse;
import io.edgerouter.privacy.vault.Vault;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * Presidio-compatible privacy endpoints: a Presidio analyzer or anonymizer client works against
 * {@code /v1/privacy} with only its base URL changed. With the extra header {@code x-conversation-id},
 * {@code replace} without a {@code new_value} produces reversible placeholders kept in that
 * conversation's vault (in this process only, per {@code x-app-id}: another app cannot restore them), which
 * {@code deanonymize} restores. A full vault answers 429 ({@code vault_full}).
 */
@Path("/v1/privacy")
@Blocking
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class PrivacyResource {

    private final PrivacyService privacy;
    private final ConversationVaults vaults;
    private final ObjectMapper mapper;
    private final int maxBytes;

    PrivacyResource(PrivacyService privacy, ConversationVaults vaults, ObjectMapper mapper, AgentConfig config) {
        this.privacy = privacy;
        this.vaults = vaults;
        this.mapper = mapper;
        this.maxBytes = config.api().maxBodyBytes();
    }

    @POST
    @Path("/analyze")
    @Operation(summary = "Presidio analyzer /analyze: PII entities with scores")
    public List<AnalyzerResultJson> analyze(byte[] body) {
        return privacy.api().analyze(JsonBodies.read(mapper, body, maxBytes, AnalyzeRequest.class));
    }

    @POST
    @Path("/anonymize")
    @Operation(summary = "Presidio anonymizer /anonymize: apply operators to analyzer results")
    public EngineResponse anonymize(byte[] body, @HeaderParam("x-app-id") String app,
                                    @HeaderParam("x-conversation-id") String conversation) {
        Vault vault = vault(app, conversation);
        return privacy.api().anonymize(JsonBodies.read(mapper, body, maxBytes, AnonymizeRequest.class), vault);
    }

    @POST
    @Path("/deanonymize")
    @Operation(summary = "Presidio anonymizer /deanonymize: reverse decrypt (and vault placeholders)")
    public EngineResponse deanonymize(byte[] body, @HeaderParam("x-app-id") String app,
                                      @HeaderParam("x-conversation-id") String conversation) {
        Vault vault = vault(app, conversation);
        return privacy.api().deanonymize(JsonBodies.read(mapper, body, maxBytes, DeanonymizeRequest.class), vault);
    }

    @GET
    @Path("/supportedentities")
    @Operation(summary = "Presidio analyzer /supportedentities")
    public List<String> supportedEntities(@QueryParam("language") String language) {
        return privacy.api().supportedEntities(language);
    }

    private Vault vault(String app, String conversation) {
        if (conversation != null) {
            String problem = RequestContext.conversationIdProblem(conversation);
            if (problem != null) {
                throw new InvalidRequestException("x-conversation-id (header)", problem);
            }
        }
        return vaults.vaultFor(app, conversation);
    }
}
