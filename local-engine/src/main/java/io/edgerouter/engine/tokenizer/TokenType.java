package io.edgerouter.engine.tokenizer;

/**
 * What a vocabulary entry is, in the numbering SentencePiece and GGUF's {@code tokenizer.ggml.token_type} share.
 * Only {@link #NORMAL} pieces are produced by merging; the others are reached by other means (byte fallback, the
 * unknown fallback, matching the literal text of an added token) or never from text.
 */
public enum TokenType {
    /** An ordinary piece: a merge result or a single character. */
    NORMAL(1),
    /** The unknown token, or an unused placeholder such as GGUF's {@code [PAD32011]}. */
    UNKNOWN(2),
    /** A control token such as {@code <s>} or {@code <|user|>}: special, never part of ordinary text. */
    CONTROL(3),
    /** A user-defined token, matched as a whole wherever its text occurs. */
    USER_DEFINED(4),
    /** Reserved and never produced. */
    UNUSED(5),
    /** A byte-fallback piece {@code <0x00>}…{@code <0xFF>}. */
    BYTE(6);

    private final int code;

    TokenType(int code) {
        this.code = code;
    }

    /** The number GGUF and SentencePiece store for this type. */
    public int code() {
        return code;
    }

    /**
     * The type for a stored number.
     *
     * @throws IllegalArgumentException when the number is not one of 1..6
     */
    public static TokenType ofCode(int code) {
        for (TokenType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("token type " + code + " is not one of 1..6");
    }
}
