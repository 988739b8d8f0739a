package io.edgerouter.router.feature;

/** Turns a text into a fixed-size, L2-normalised sentence embedding. */
public interface SentenceEncoder extends AutoCloseable {

    /** Embedding width, e.g. 384 for all-MiniLM-L6-v2. */
    int dimension();

    /** @return a unit-length vector of {@link #dimension()} floats; never null, never NaN. */
    float[] embed(String text);

    @Override
    void close();
}
