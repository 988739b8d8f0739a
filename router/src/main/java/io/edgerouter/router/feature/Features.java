package io.edgerouter.router.feature;

import java.util.Objects;

/**
 * Everything a scorer may look at for one request (or subtask).
 *
 * @param text      the text being routed
 * @param lexical   {@link LexicalFeatures#extract} of the text
 * @param embedding the encoder's vector (a unit-length sentence embedding, or a static model's folded input), or
 *                  null when no scorer in use needs it
 * @param signals   local-model signals, {@link LocalModelSignals#NONE} when absent
 */
public record Features(String text, float[] lexical, float[] embedding, LocalModelSignals signals) {

    public Features {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(lexical, "lexical");
        signals = signals == null ? LocalModelSignals.NONE : signals;
        if (lexical.length != LexicalFeatures.DIMENSION) {
            throw new IllegalArgumentException("lexical features hold " + lexical.length + " values, expected "
                    + LexicalFeatures.DIMENSION);
        }
    }

    /** Lexical features only, no embedding, no local signals. */
    public static Features lexicalOnly(String text) {
        return new Features(text, LexicalFeatures.extract(text), null, LocalModelSignals.NONE);
    }
}
