package io.edgerouter.privacy.vault;

import io.edgerouter.privacy.PrivacyException;

/**
 * A vault reached its entry or byte bound: nothing more can be masked reversibly in this conversation. Not
 * retriable with the same conversation; the caller starts a new one (an HTTP front end answers 429).
 */
public final class VaultFullException extends PrivacyException {

    public VaultFullException(String message) {
        super(message, false);
    }
}
