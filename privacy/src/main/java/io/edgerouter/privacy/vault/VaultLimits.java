package io.edgerouter.privacy.vault;

import java.time.Duration;

/**
 * Bounds on conversation vaults.
 *
 * @param maxConversations vaults kept at once by a {@link VaultStore}; beyond it the least recently used is dropped
 * @param maxEntries       entries per vault: values and reserved literals together
 * @param maxBytes         bytes per vault, estimated as two bytes per character of every stored value and
 *                         placeholder plus {@link Vault#ENTRY_OVERHEAD_BYTES} per entry; reserved literals count
 * @param idleTimeout      a vault unused for longer is dropped
 */
public record VaultLimits(int maxConversations, int maxEntries, long maxBytes, Duration idleTimeout) {

    /** 10,000 conversations, 10,000 entries and 1 MiB per vault, 1 hour idle. */
    public static final VaultLimits DEFAULTS = new VaultLimits(10_000, 10_000, 1L << 20, Duration.ofHours(1));

    public VaultLimits {
        if (maxConversations <= 0 || maxEntries <= 0 || maxBytes <= 0 || idleTimeout == null
                || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("vault limits must be positive: maxConversations=" + maxConversations
                    + " maxEntries=" + maxEntries + " maxBytes=" + maxBytes + " idleTimeout=" + idleTimeout);
        }
    }
}
