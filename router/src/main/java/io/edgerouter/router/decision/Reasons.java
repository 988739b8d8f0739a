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
    /** Prefix of the reason listing the local-model signals a decision used ({@link #localSignals}). */
    public static final String LOCAL_SIGNALS = "local_signals";

    /** Below this magnitude x·100 is exact to well under 1e-6, so {@link #twoDecimals} can round it itself. */
    private static final double FAST_LIMIT = 1e6;
    /** How close to a half cent x·100 may come before {@link #twoDecimals} leaves the rounding to Formatter. */
    private static final double TIE_MARGIN = 1e-4;

    private Reasons() {
    }

    /** "score>=0.62" when the score reached the threshold, "score<0.62" otherwise. */
    public static String threshold(double score, double threshold, boolean reached) {
        return (reached ? "score>=" : "score<") + twoDecimals(threshold);
    }

    public static String verifyBand(double verifyAt, double offloadAt) {
        return "verify_band:[" + twoDecimals(verifyAt) + "," + twoDecimals(offloadAt) + ")";
    }

    /** "escalate:entropy>=2.00": the generation moved to VERIFY once the running entropy reached the limit. */
    public static String escalation(double entropyLimit) {
        return "escalate:entropy>=" + twoDecimals(entropyLimit);
    }

    /**
     * "local_signals:surprisal=2.31,entropy=0.87": the local-model signals that shifted the score, measured ones only
     * (surprisal = the prompt's mean surprisal, entropy = next-token entropy, logprob = drafted mean log-prob,
     * acceptance = VERIFY acceptance); null when none was measured.
     */
    public static String localSignals(io.edgerouter.router.feature.LocalModelSignals s) {
        if (s == null || !s.any()) {
            return null;
        }
        StringBuilder sb = new StringBuilder(LOCAL_SIGNALS).append(':');
        append(sb, "surprisal", s.promptSurprisal());
        append(sb, "entropy", s.entropy());
        append(sb, "logprob", s.meanLogProb());
        append(sb, "acceptance", s.verifyAcceptance());
        return sb.toString();
    }

    private static void append(StringBuilder sb, String name, double value) {
        if (!Double.isNaN(value)) {
            sb.append(sb.charAt(sb.length() - 1) == ':' ? "" : ",").append(name).append('=').append(twoDecimals(value));
        }
    }

    /**
     * {@code String.format(Locale.ROOT, "%.2f", x)}, exactly, without Formatter's parsing and allocations (a decision
     * formats a threshold or two, and Formatter costs microseconds).
     *
     * <p>Formatter rounds half-up on the short decimal digits that identify x (as Double.toString prints them), not on
     * x's exact binary value, so 0.125 and 0.615 (really 0.61499…) both round up. The two roundings can differ only
     * when x·100 lies within a rounding error of a half (k + 0.5); there, and for NaN, infinities and magnitudes of 1e6
     * or more, this defers to Formatter itself. Elsewhere x·100 is rounded to the nearest integer, as Formatter does.
     */
    static String twoDecimals(double x) {
        double magnitude = Math.abs(x);
        if (!(magnitude < FAST_LIMIT)) {
            return String.format(Locale.ROOT, "%.2f", x);
        }
        double scaled = magnitude * 100;
        long whole = (long) scaled;
        double fraction = scaled - whole;
        if (Math.abs(fraction - 0.5) < TIE_MARGIN) {
            return String.format(Locale.ROOT, "%.2f", x);
        }
        long cents = fraction > 0.5 ? whole + 1 : whole;
        StringBuilder sb = new StringBuilder(12);
        if (Double.doubleToRawLongBits(x) < 0) {
            sb.append('-'); // Formatter keeps the sign of every negative, -0.0 and -0.001 included ("-0.00")
        }
        long rest = cents % 100;
        return sb.append(cents / 100).append('.').append(rest < 10 ? "0" : "").append(rest).toString();
    }
}
