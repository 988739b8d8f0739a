package io.edgerouter.router.calibration;

import io.edgerouter.router.policy.ThresholdSpec;
import io.edgerouter.router.policy.Thresholds;

/** Turns a policy's threshold spec, or a cloud budget, into score cut-offs on a reference score distribution. */
public final class ThresholdCalibrator {

    private ThresholdCalibrator() {
    }

    public static Thresholds resolve(ThresholdSpec spec, ScoreQuantiles reference) {
        return resolve(spec, reference, Double.NaN);
    }

    /** @param usdPerOffload expected cloud cost of one offloaded request; needed only for a cloud-budget spec */
    public static Thresholds resolve(ThresholdSpec spec, ScoreQuantiles reference, double usdPerOffload) {
        if (spec instanceof ThresholdSpec.Fixed fixed) {
            return fixed.thresholds();
        }
        if (spec instanceof ThresholdSpec.TargetShare t) {
            return fromShares(t.offloadShare(), t.verifyShare(), reference);
        }
        ThresholdSpec.CloudBudget b = (ThresholdSpec.CloudBudget) spec;
        double offload = shareForBudget(b.usdPerDay(), b.requestsPerDay(), usdPerOffload);
        return fromShares(offload, Math.min(b.verifyShare(), 1 - offload), reference);
    }

    /** OFFLOAD the top {@code offloadShare} of scores, VERIFY the next {@code verifyShare}. */
    public static Thresholds fromShares(double offloadShare, double verifyShare, ScoreQuantiles reference) {
        double offloadAt = reference.thresholdForShare(offloadShare);
        double verifyAt = reference.thresholdForShare(Math.min(1.0, offloadShare + verifyShare));
        return new Thresholds(Math.min(verifyAt, offloadAt), Math.min(offloadAt, 1.0));
    }

    /**
     * The OFFLOAD share a money budget affords: budget / (expected requests × expected cost of one OFFLOAD),
     * capped to [0, 1].
     *
     * @param usdPerDay          money budget per day
     * @param requestsPerDay     expected request volume per day (> 0)
     * @param usdPerOffload      expected cloud cost of one offloaded request (> 0)
     */
    public static double shareForBudget(double usdPerDay, double requestsPerDay, double usdPerOffload) {
        if (!(requestsPerDay > 0) || !(usdPerOffload > 0) || !(usdPerDay >= 0)) {
            throw new IllegalArgumentException("need budget >= 0, requests/day > 0, cost/offload > 0; got "
                    + usdPerDay + ", " + requestsPerDay + ", " + usdPerOffload);
        }
        return Math.min(1.0, usdPerDay / (requestsPerDay * usdPerOffload));
    }

    /** Thresholds that spend {@code usdPerDay} on OFFLOAD and no VERIFY band. */
    public static Thresholds fromBudget(double usdPerDay, double requestsPerDay, double usdPerOffload,
                                        ScoreQuantiles reference) {
        return fromShares(shareForBudget(usdPerDay, requestsPerDay, usdPerOffload), 0, reference);
    }
}
