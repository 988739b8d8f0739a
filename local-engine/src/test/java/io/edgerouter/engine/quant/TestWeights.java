package io.edgerouter.engine.quant;

import io.edgerouter.engine.convert.Linear;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Seeded weight matrices with the value distributions the scheme choice is measured on. */
final class TestWeights {

    private TestWeights() {
    }

    static Linear.Dense gaussian(long seed, int rows, int cols, double std) {
        Random rng = new Random(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (std * rng.nextGaussian());
        }
        return new Linear.Dense(rows, cols, v);
    }

    /** Student's t with 3 degrees of freedom: rare values many standard deviations out, as in trained weights. */
    static Linear.Dense studentT3(long seed, int rows, int cols, double scale) {
        Random rng = new Random(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            double chi2 = 0;
            for (int d = 0; d < 3; d++) {
                double z = rng.nextGaussian();
                chi2 += z * z;
            }
            v[i] = (float) (scale * rng.nextGaussian() / Math.sqrt(chi2 / 3));
        }
        return new Linear.Dense(rows, cols, v);
    }

    /** Gaussian plus a positive offset per row: blocks whose values are not centred on 0. */
    static Linear.Dense shifted(long seed, int rows, int cols) {
        Linear.Dense g = gaussian(seed, rows, cols, 0.02);
        float[] v = g.values();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                v[r * cols + c] += 0.03f * (r % 3);
            }
        }
        return g;
    }

    /**
     * The projection matrices of llama2.c's stories260K checkpoint (dim 64, hidden 172, 5 layers, 8 heads, 4 kv
     * heads), layer 0, as (out, in): {@code wq} (64, 64), {@code w1} (172, 64), {@code w2} (64, 172).
     */
    static Map<String, Linear.Dense> stories260K(Path bin) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(bin)).order(ByteOrder.LITTLE_ENDIAN);
        int dim = buf.getInt();
        int hidden = buf.getInt();
        int layers = buf.getInt();
        int heads = buf.getInt();
        int kvHeads = buf.getInt();
        int vocab = Math.abs(buf.getInt());
        buf.getInt(); // sequence length
        int kvDim = dim / heads * kvHeads;
        FloatBuffer f = buf.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        int wq = vocab * dim + layers * dim;
        int wo = wq + layers * dim * dim + 2 * layers * dim * kvDim;
        int w1 = wo + layers * dim * dim + layers * dim;
        int w2 = w1 + layers * dim * hidden;
        Map<String, Linear.Dense> out = new LinkedHashMap<>();
        out.put("stories260K wq", slice(f, wq, dim, dim));
        out.put("stories260K w1", slice(f, w1, hidden, dim));
        out.put("stories260K w2", slice(f, w2, dim, hidden));
        return out;
    }

    private static Linear.Dense slice(FloatBuffer f, int offset, int rows, int cols) {
        float[] v = new float[rows * cols];
        f.get(offset, v);
        return new Linear.Dense(rows, cols, v);
    }
}
