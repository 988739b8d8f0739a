package io.edgerouter.router.calibration;

/**
 * Keeps the scorer calibrated while the router runs, without a restart.
 *
 * <ul>
 *   <li>Probability: calibrated = sigmoid(a · logit(raw) + b); each {@link Outcome} is one SGD step on the log
 *       loss of (a, b) against the outcome's evidence. The map stays increasing (a >= 0.1), so it never reorders
 *       requests, only moves what a fixed threshold means.</li>
 *   <li>Traffic: the last {@code window} raw scores seen by {@link #observe} form the reference distribution for
 *       target-share thresholds; until {@code minLive} scores have been seen the shipped training quantiles are
 *       used.</li>
 * </ul>
 * Every feedback step bumps {@link #version()}, which decisions record. Thread-safe.
 */
public final class OnlineCalibrator {

    private record State(double a, double b, long version) {
    }

    private final ScoreQuantiles shipped;
    private final double[] ring; // raw scores, most recent window
    private final int minLive;
    private final double learningRate;
    private int ringCount;
    private int ringNext;
    private volatile State state = new State(1.0, 0.0, 0);
    private volatile ScoreQuantiles liveCache;

    public OnlineCalibrator(ScoreQuantiles shipped, int window, int minLive, double learningRate) {
        if (window < 1 || minLive < 1 || minLive > window || !(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("need window >= minLive >= 1 and 0 < learningRate < 1; got window="
                    + window + " minLive=" + minLive + " learningRate=" + learningRate);
        }
        this.shipped = java.util.Objects.requireNonNull(shipped, "shipped");
        this.ring = new double[window];
        this.minLive = minLive;
        this.learningRate = learningRate;
    }

    public OnlineCalibrator(ScoreQuantiles shipped) {
        this(shipped, 5000, 500, 0.05);
    }

    public double calibrate(double raw) {
        State s = state;
        return sigmoid(s.a() * logit(raw) + s.b());
    }

    /** Record a raw score of live traffic (for target-share thresholds). */
    public synchronized void observe(double raw) {
        if (!Double.isFinite(raw)) {
            return;
        }
        ring[ringNext] = raw;
        ringNext = (ringNext + 1) % ring.length;
        ringCount = Math.min(ringCount + 1, ring.length);
        if (ringCount >= minLive && (liveCache == null || ringNext % 500 == 0)) {
            liveCache = new ScoreQuantiles(java.util.Arrays.copyOf(ring, ringCount));
        }
    }

    /** Raw scores in the traffic window so far (at most the window's size). */
    public synchronized int observed() {
        return ringCount;
    }

    /** Reference distribution of calibrated scores for quantile thresholds; cached until it changes. */
    public ScoreQuantiles reference() {
        ScoreQuantiles live = liveCache;
        ScoreQuantiles raw = live != null ? live : shipped;
        State s = state;
        Reference r = reference;
        if (r != null && r.raw() == raw && r.state() == s) {
            return r.calibrated();
        }
        double[] q = raw.quantiles(Math.min(raw.size(), 1001));
        for (int i = 0; i < q.length; i++) q[i] = sigmoid(s.a() * logit(q[i]) + s.b());
        ScoreQuantiles calibrated = new ScoreQuantiles(q);
        reference = new Reference(raw, s, calibrated);
        return calibrated;
    }

    private record Reference(ScoreQuantiles raw, State state, ScoreQuantiles calibrated) {
    }

    private volatile Reference reference;

    /** One SGD step on (a, b) towards the outcome's evidence. */
    public synchronized void feedback(Outcome o) {
        State s = state;
        double z = logit(o.rawScore());
        double p = sigmoid(s.a() * z + s.b());
        double err = p - (1.0 - o.localGood()); // dLoss/d(pre-activation), target = P(local not good enough)
        double a = Math.max(0.1, Math.min(10.0, s.a() - learningRate * err * z));
        double b = Math.max(-10.0, Math.min(10.0, s.b() - learningRate * err));
        state = new State(a, b, s.version() + 1);
    }

    public String version() {
        State s = state;
        return "calib-" + s.version();
    }

    public double slope() {
        return state.a();
    }

    public double offset() {
        return state.b();
    }

    static double logit(double p) {
        double c = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
        return Math.log(c / (1 - c));
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
