package io.edgerouter.gateway.fleet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The most recent router scores of a fleet, in a ring buffer: the distribution thresholds are calibrated on. Bounded: at
 * most {@code gateway.learning.score-window} scores, however long the fleet runs.
 */
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

    /** The scores held, oldest first, as the {@code fleet-scores} store keeps them: 8 bytes per score. */
    byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(Double.BYTES * size);
        int oldest = size < scores.length ? 0 : next;
        for (int i = 0; i < size; i++) {
            out.putDouble(scores[(oldest + i) % scores.length]);
        }
        return out.array();
    }

    /**
     * A window of {@code capacity} holding what {@link #toBytes} wrote, oldest first; when the capacity shrank since
     * (a changed {@code gateway.learning.score-window}), the most recent scores that fit.
     */
    static ScoreWindow fromBytes(byte[] bytes, int capacity) {
        ScoreWindow window = new ScoreWindow(capacity);
        if (bytes != null) {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            while (in.remaining() >= Double.BYTES) {
                window.add(in.getDouble());
            }
        }
        return window;
    }

    /** How many scores {@link #fromBytes} would hold, without decoding them. */
    static int sizeOf(byte[] bytes, int capacity) {
        return bytes == null ? 0 : Math.min(capacity, bytes.length / Double.BYTES);
    }

    /** The scores held, ascending. */
    double[] sorted() {
        double[] out = Arrays.copyOf(scores, size);
        Arrays.sort(out);
        return out;
    }
}
