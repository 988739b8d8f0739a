package io.edgerouter.protocol.verify;

/** How the cloud judges draft tokens. */
public enum VerifyMode {
    /** Accept a draft token iff it is the target's argmax. */
    GREEDY,
    /** Speculative-sampling acceptance rule: the output is distributed as the target's. */
    SAMPLE
}
