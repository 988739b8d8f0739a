package io.edgerouter.router.decision;

import java.util.Locale;

/** The reason codes a decision may carry; stable strings, as they reach telemetry and the REST API. */
public final class Reasons {

    public static final String CLOUD_UNREACHABLE = "cloud_unreachable";
    public static final String BUDGET_EXHAUSTED = "budget_exhausted";
    public static final String PII_BLOCK_OFFLOAD = "pii:block_offload";
    public static final String PII_MASK = "pii:mask";
    public static final String FORCED_BY_REQUEST = "forced:request";
    public static final String FORCED_BY_APP = "forced:app";
    public static final String FORCED_BY_POLICY = "forced:policy";
    public static final String APP_OVERRIDE = "app_override";
    public static final String APP_CLOUD_DISALLOWED = "app:cloud_disallowed";
    public static final String DECOMPOSED = "decomposed";

    private Reasons() {
    }

    /** "score>=0.62" when the score reached the threshold, "score<0.62" otherwise. */
    public static String threshold(double score, double threshold, boolean reached) {
        return String.format(Locale.ROOT, "score%s%.2f", reached ? ">=" : "<", threshold);
    }

    public static String verifyBand(double verifyAt, double offloadAt) {
        return String.format(Locale.ROOT, "verify_band:[%.2f,%.2f)", verifyAt, offloadAt);
    }
}
