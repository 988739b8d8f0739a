package io.edgerouter.gateway.fleet;

import java.util.Arrays;

/** The most recent router scores of a fleet, in a ring buffer: the distribution thresholds are calibrated on. */
final class ScoreWindow {

    private final double[] scores;
    private int next;
    private int size;

    ScoreWindow(int capacity) {
        this.scores = new double[capacity];
    }

    void add(double score) {
        scores[next] = score;
        next = (next + 1) % scores.length;
        size = Math.min(size + 1, scores.length);
    }

    int size() {
        return size;
    }

    /** The scores held, ascending. */
    double[] sorted() {
        double[] out = Arrays.copyOf(scores, size);
        Arrays.sort(out);
        return out;
    }
}
