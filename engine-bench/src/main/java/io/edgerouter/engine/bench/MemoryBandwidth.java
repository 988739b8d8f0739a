package io.edgerouter.engine.bench;

import java.nio.ByteBuffer;

/** This machine's memory copy bandwidth, measured with native buffer copies far larger than the caches. */
final class MemoryBandwidth {

    private static final int BYTES = 256 << 20;

    private MemoryBandwidth() {
    }

    /** Bytes read plus bytes written per second, in GB/s: the best of five 256 MB copies. */
    static double copyGigabytesPerSecond() {
        ByteBuffer from = ByteBuffer.allocateDirect(BYTES);
        ByteBuffer to = ByteBuffer.allocateDirect(BYTES);
        for (int i = 0; i < BYTES; i += 4096) {
            from.put(i, (byte) i);
            to.put(i, (byte) 0);
        }
        double best = 0;
        for (int r = 0; r < 5; r++) {
            from.clear();
            to.clear();
            long start = System.nanoTime();
            to.put(from);
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, 2.0 * BYTES / seconds / 1e9);
        }
        return best;
    }
}
