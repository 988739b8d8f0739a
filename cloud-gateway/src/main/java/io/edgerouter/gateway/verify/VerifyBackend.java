package io.edgerouter.gateway.verify;

import io.edgerouter.protocol.verify.VerifyResponse;

/** A target model that verifies drafts: the gateway's own ONNX model, or an upstream vLLM server. */
interface VerifyBackend {

    /** The tokenizer hash agents must send. */
    String tokenizerHash();

    /** Token ids must be below this. */
    int vocabSize();

    /** Serves one validated round. Blocking. */
    VerifyResponse verify(String agentId, VerifyCall call);

    /** Forgets a session; false when the agent has none by that id. */
    boolean deleteSession(String agentId, String sessionId);
}
