package io.edgerouter.gateway.verify;

import io.edgerouter.protocol.verify.VerifyResponse;

import java.util.function.BooleanSupplier;

/** A target model that verifies drafts: the gateway's own ONNX model, or an upstream vLLM server. */
interface VerifyBackend {

    /** The tokenizer hash agents must send. */
    String tokenizerHash();

    /** Token ids must be below this. */
    int vocabSize();

    /**
     * Serves one validated round. Blocking.
     *
     * @param cancelled true once shutdown cancels the call: long work (a one-shot continuation) stops and the round
     *                  fails with a 503
     */
    VerifyResponse verify(String agentId, VerifyCall call, BooleanSupplier cancelled);

    /** Forgets a session; false when the agent has none by that id. */
    boolean deleteSession(String agentId, String sessionId);
}
