package io.edgerouter.engine.spec;

import io.edgerouter.engine.sampling.Sampler;

/**
 * The speculative-sampling acceptance rule (Leviathan et al. 2023; Chen et al. 2023): accept draft token x with
 * probability min(1, p(x)/q(x)); on rejection draw from norm(max(0, p − q)). The emitted token is then distributed
 * exactly as p, whatever q is.
 */
public final class AcceptanceRule {

    /** Returned by {@link #decide} when the draft token is accepted. */
    public static final int ACCEPTED = -1;

    private AcceptanceRule() {
    }

    /**
     * @param p target distribution (vocab)
     * @param q draft distribution (vocab), or null for a deterministic drafter (a point mass at x)
     * @param x the draft token
     * @return {@link #ACCEPTED}, or the corrected token drawn from the residual distribution
     */
    public static int decide(double[] p, double[] q, int x, Sampler sampler) {
        double qx = q == null ? 1 : q[x];
        if (qx > 0 && sampler.uniform() < Math.min(1, p[x] / qx)) {
            return ACCEPTED;
        }
        double[] residual = new double[p.length];
        double mass = 0;
        for (int i = 0; i < p.length; i++) {
            double qi = q == null ? (i == x ? 1 : 0) : q[i];
            residual[i] = Math.max(0, p[i] - qi);
            mass += residual[i];
        }
        // mass is 0 only if p == q (up to rounding), where rejection has probability ~0: fall back to p itself
        return sampler.sample(mass > 0 ? residual : p);
    }
}
