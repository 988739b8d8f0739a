package io.edgerouter.protocol.policy;

/** Where a query (or subtask) is answered. */
public enum Route {
    /** The device's own model answers. */
    LOCAL,
    /** The device drafts, the cloud verifies the draft tokens and corrects the first wrong one. */
    VERIFY,
    /** The privacy-filtered prompt is answered by the cloud model. */
    OFFLOAD
}
