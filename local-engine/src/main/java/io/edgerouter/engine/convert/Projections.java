package io.edgerouter.engine.convert;

import java.util.List;

/**
 * Stacks projections of the same input along the output dimension (q|k|v, gate|up), so the graph runs one matrix
 * product instead of several. Both storages are row-major by output row, so stacking is concatenation.
 */
final class Projections {

    private Projections() {
    }

    /** The projections stacked row-wise, or null when their storages differ (then they stay separate). */
    static Linear stack(List<Linear> parts) {
        Linear first = parts.get(0);
        int rows = 0;
        for (Linear p : parts) {
            if (p.cols() != first.cols() || !sameStorage(first, p)) {
                return null;
            }
            rows += p.rows();
        }
        if (parts.size() == 1) {
            return first;
        }
        if (first instanceof Linear.Dense) {
            float[] values = new float[rows * first.cols()]; // (Σ rows, cols)
            int at = 0;
            for (Linear p : parts) {
                float[] v = ((Linear.Dense) p).values();
                System.arraycopy(v, 0, values, at, v.length);
                at += v.length;
            }
            return new Linear.Dense(rows, first.cols(), values);
        }
        Linear.Blocked b = (Linear.Blocked) first;
        return new Linear.Blocked(rows, b.cols(), b.bits(), b.blockSize(),
                concat(parts, Linear.Blocked::packed), concatFloats(parts),
                b.zeroPoints() == null ? null : concat(parts, Linear.Blocked::zeroPoints));
    }

    private static boolean sameStorage(Linear a, Linear b) {
        if (a instanceof Linear.Dense || b instanceof Linear.Dense) {
            return a instanceof Linear.Dense && b instanceof Linear.Dense;
        }
        Linear.Blocked x = (Linear.Blocked) a;
        Linear.Blocked y = (Linear.Blocked) b;
        return x.bits() == y.bits() && x.blockSize() == y.blockSize()
                && (x.zeroPoints() == null) == (y.zeroPoints() == null);
    }

    private static byte[] concat(List<Linear> parts, java.util.function.Function<Linear.Blocked, byte[]> field) {
        int n = 0;
        for (Linear p : parts) {
            n += field.apply((Linear.Blocked) p).length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (Linear p : parts) {
            byte[] v = field.apply((Linear.Blocked) p);
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    private static float[] concatFloats(List<Linear> parts) {
        int n = 0;
        for (Linear p : parts) {
            n += ((Linear.Blocked) p).scales().length;
        }
        float[] out = new float[n]; // (Σ rows, blocks)
        int at = 0;
        for (Linear p : parts) {
            float[] v = ((Linear.Blocked) p).scales();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }
}
