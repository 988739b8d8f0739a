package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.egress.EgressGate;
import io.edgerouter.agent.privacy.PrivacyService;
import io.edgerouter.privacy.vault.StreamingDeanonymizer;
import io.edgerouter.protocol.openai.ChatMessage;
import io.edgerouter.protocol.policy.Route;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * OFFLOAD: the cloud answers the masked prompt (through the egress gate) and the answer is handed on with the masked
 * values restored, whole or streamed (a placeholder split across chunks is held back until complete). Failures
 * propagate: {@link FallbackExecutor} decides what becomes of them.
 */
@ApplicationScoped
class OffloadExecutor implements RouteExecutor {

    private final EgressGate gate;
    private final PrivacyService privacy;

    OffloadExecutor(EgressGate gate, PrivacyService privacy) {
        this.gate = gate;
        this.privacy = privacy;
    }

    @Override
    public Outcome execute(Task task, AnswerSink sink) {
        List<ChatMessage> masked = gate.mask(task.prompt().messages(), task.findings(), task.vault());
        StreamingDeanonymizer restore = privacy.filter().streamingDeanonymizer(task.vault());
        String[] finish = {"stop"};
        EgressGate.Spent spent = task.prompt().offload(gate, masked, task.maxTokens(), task.vault(), task.context(), part -> {
            if (part.text() != null && !part.text().isEmpty() || part.logprobs() != null) {
                sink.text(restore.accept(part.text() == null ? "" : part.text()), part.logprobs());
            }
            if (part.finishReason() != null) {
                finish[0] = part.finishReason();
            }
        });
        String tail = restore.flush();
        if (!tail.isEmpty()) {
            sink.text(tail, null);
        }
        return new Outcome(Route.OFFLOAD, spent.promptTokens(), spent.completionTokens(), finish[0], spent.total(), 0, 0);
    }
}
