package io.edgerouter.protocol.policy;

/** What may happen to a detected PII entity when a request would leave the device. */
public enum PrivacyAction {
    /** Send the value as it is. */
    ALLOW,
    /** Replace it by a typed placeholder before sending; restore it in the answer. */
    MASK,
    /** Never let it leave the device: a request containing it is answered locally. */
    BLOCK_OFFLOAD
}
