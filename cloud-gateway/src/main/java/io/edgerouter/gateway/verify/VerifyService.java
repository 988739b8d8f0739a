package io.edgerouter.gateway.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.gateway.shutdown.InFlightWork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.edgerouter.protocol.verify.VerifyResponse;

/**
 * {@code /v1/verify} behind the resource: validates the body against the configured backend's
 * tokenizer and vocabulary, delegates the round and counts drafted and accepted tokens.
 */
@Startup
@ApplicationScoped
public class VerifyService {

    private final VerifyBackend backend;
    private final VerifyRequestParser parser;
    private final InFlightWork work;
    private final Counter rounds;
    private final Counter drafted;
    private final Counter accepted;

    VerifyService(GatewayConfig config, Instance<OwnModelVerifier> own, Instance<VllmVerifier> vllm, InFlightWork work,
                  MeterRegistry registry) {
        this.work = work;
        this.backend = config.verify().backend() == GatewayConfig.VerifyBackendKind.VLLM ? vllm.get() : own.get();
        this.parser = new VerifyRequestParser(backend.tokenizerHash(), backend.vocabSize(),
                config.verify().maxDraftTokens(), config.verify().maxContinueTokens());
        this.rounds = Counter.builder("gateway_verify_rounds_total").description("Verify rounds served").register(registry);
        this.drafted = Counter.builder("gateway_verify_draft_tokens_total").description("Draft tokens received").register(registry);
        this.accepted = Counter.builder("gateway_verify_accepted_tokens_total").description("Draft tokens accepted").register(registry);
    }

    /** The hash agents must send; the one {@code GET /v1/models} lists. */
    public String tokenizerHash() {
        return backend.tokenizerHash();
    }

    /** Validates and serves one round; 503 once the gateway shuts down. Blocking: call on a worker thread. */
    public VerifyResponse verify(String agentId, JsonNode body) {
        VerifyCall call = parser.parse(body);
        VerifyResponse response;
        try (InFlightWork.Ticket ticket = work.admit("verify calls")) {
            response = backend.verify(agentId, call, ticket::cancelled);
        }
        rounds.increment();
        drafted.increment(call.draftIds().length);
        accepted.increment(response.accepted());
        return response;
    }

    /** Closes a session; false when the agent has no session by that id. */
    public boolean deleteSession(String agentId, String sessionId) {
        return backend.deleteSession(agentId, sessionId);
    }
}
