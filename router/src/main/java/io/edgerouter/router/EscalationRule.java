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
     * The running window a LOCAL generation feeds one emitted token's surprisal at a time. When the decision carries
     * the prefill's first-token entropy ({@link Decision#signals()}), the window starts with it as its first sample:
     * it is the expected surprisal of the first answer token, measured before any token was emitted, so the window is
     * full one token earlier and an answer that starts unsure is judged with that in view. It ages out of the window
     * like any sample; it never escalates alone (one uncertain first token is often formatting, as above).
     */
    public static Window window(Decision decision) {
        return new Window(decision);
    }

    /** The last {@link Decision#escalationWindow()} samples of a generation; not thread-safe (one per generation). */
    public static final class Window {
        private final Decision decision;
        private final double[] recent;
        private int samples;
        private double sum;

        private Window(Decision decision) {
            this.decision = decision;
            this.recent = new double[decision.escalationWindow()];
            if (decision.signals().hasEntropy()) {
                add(decision.signals().entropy());
            }
        }

        private void add(double sample) {
            int i = samples++ % recent.length;
            sum += sample - recent[i];
            recent[i] = sample;
        }

        /**
         * @param surprisal −log p (nats) of the token just emitted
         * @return the reason code when the generation should move to VERIFY now
         */
        public Optional<String> emitted(double surprisal) {
            add(surprisal);
            return shouldEscalate(decision, samples, sum / Math.min(samples, recent.length));
        }

        /** Samples seen: emitted tokens, plus one when the window started from the first-token entropy. */
        public int samples() {
            return samples;
        }
    }

    /**
     * @param decision       the decision the generation started from
     * @param draftedTokens  samples of the running entropy so far (tokens drafted, plus a seed, see {@link #window})
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
