package io.edgerouter.engine;

/** How tokens are produced: one target pass per token, or speculatively with a drafter. */
public enum Decoding {
    /** One target forward pass per token. */
    VANILLA,
    /** A smaller draft model sharing the tokenizer proposes tokens. */
    DRAFT_MODEL,
    /** Prompt lookup: n-gram matches in the sequence so far propose tokens; needs no draft model. */
    PROMPT_LOOKUP
}
