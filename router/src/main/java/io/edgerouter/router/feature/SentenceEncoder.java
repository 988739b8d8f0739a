package io.edgerouter.router.feature;

/** Turns a text into a fixed-size vector: an L2-normalised sentence embedding ({@link MiniLmEncoder}) or a static-MiniLM model's folded input ({@link StaticTokenEncoder}). */
public interface SentenceEncoder extends AutoCloseable {

    /** Embedding width, e.g. 384 for all-MiniLM-L6-v2. */
    int dimension();

    /** @return {@link #dimension()} floats (unit length for a sentence embedding); never null, never NaN. */
    float[] embed(String text);

    @Override
    void close();
}
