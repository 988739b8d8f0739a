package io.edgerouter.router.policy;

/**
 * How a policy sets thresholds: fixed cut-offs, target shares of traffic that the router turns into cut-offs from its
 * score distribution (RouteLLM's quantile calibration), or a cloud budget that buys a share of traffic.
 */
public sealed interface ThresholdSpec {

    /** Fixed cut-offs on the score. */
    record Fixed(Thresholds thresholds) implements ThresholdSpec {
        public Fixed {
            java.util.Objects.requireNonNull(thresholds, "thresholds");
        }
    }

    /**
     * @param offloadShare share of requests to OFFLOAD, in [0, 1]
     * @param verifyShare  share of requests to VERIFY (the band just below OFFLOAD), offloadShare + verifyShare <= 1
     */
    record TargetShare(double offloadShare, double verifyShare) implements ThresholdSpec {
        public TargetShare {
            if (!(offloadShare >= 0 && verifyShare >= 0 && offloadShare + verifyShare <= 1.0 + 1e-9)) {
                throw new IllegalArgumentException("shares need offload >= 0, verify >= 0, offload + verify <= 1; got "
                        + offloadShare + " + " + verifyShare);
            }
        }
    }

    /**
     * Thresholds from money: OFFLOAD the top share of traffic the budget pays for at the cost model's price of one
     * typical offloaded request, VERIFY the next {@code verifyShare}.
     *
     * @param usdPerDay      cloud money per day for this device, >= 0
     * @param requestsPerDay expected requests per day, > 0
     * @param verifyShare    share of requests in the VERIFY band below OFFLOAD, in [0, 1]
     */
    record CloudBudget(double usdPerDay, double requestsPerDay, double verifyShare) implements ThresholdSpec {
        public CloudBudget {
            if (!(usdPerDay >= 0) || Double.isInfinite(usdPerDay) || !(requestsPerDay > 0)
                    || Double.isInfinite(requestsPerDay) || !(verifyShare >= 0 && verifyShare <= 1)) {
                throw new IllegalArgumentException("cloud budget needs finite usd/day >= 0, finite requests/day > 0 and"
                        + " verify share in [0, 1]; got " + usdPerDay + ", " + requestsPerDay + ", " + verifyShare);
            }
        }
    }
}
