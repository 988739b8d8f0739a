package io.edgerouter.router;

import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.decision.Reasons;
import java.util.Optional;

/**
 * The rule for moving a generation that started LOCAL to VERIFY: once at least the decision's escalation window of
 * tokens is drafted, if the local model's mean next-token entropy over the last window tokens reaches the decision's
 * threshold, the agent hands what was drafted to the cloud for verification and continuation. Judging only a full
 * window skips the first tokens of an answer, which are often uncertain formatting. The router owns the rule, the
 * agent applies it.
 */
public final class EscalationRule {

    private EscalationRule() {
    }

    /**
     * @param decision       the decision the generation started from
     * @param draftedTokens  tokens drafted so far
     * @param runningEntropy mean next-token entropy (nats) over the last {@link Decision#escalationWindow()} tokens
     * @return the reason code when the generation should move to VERIFY now
     */
    public static Optional<String> shouldEscalate(Decision decision, int draftedTokens, double runningEntropy) {
        double limit = decision.escalationEntropy();
        if (decision.route() != Route.LOCAL || Double.isNaN(limit) || draftedTokens < decision.escalationWindow()
                || !(runningEntropy >= limit)) {
            return Optional.empty();
        }
        return Optional.of(Reasons.escalation(limit));
    }
}
