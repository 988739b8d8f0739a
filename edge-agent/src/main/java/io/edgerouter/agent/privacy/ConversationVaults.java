package io.edgerouter.agent.privacy;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.privacy.vault.VaultLimits;
import io.edgerouter.privacy.vault.VaultStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;

/**
 * The agent's conversation vaults, one store for the process: it does not belong to a policy's privacy filter, so
 * a new policy version keeps every conversation's placeholders restorable. Vaults are keyed by app and
 * conversation, so one app can never restore another app's placeholders.
 */
@ApplicationScoped
public class ConversationVaults {

    private final VaultStore store;

    @Inject
    ConversationVaults(AgentConfig config) {
        this(limits(config.privacy().vault()));
    }

    /** Vaults under these bounds (tests, embedding). */
    public ConversationVaults(VaultLimits limits) {
        this.store = new VaultStore(limits, Clock.systemUTC());
    }

    private static VaultLimits limits(AgentConfig.Privacy.Vault v) {
        return new VaultLimits(v.maxConversations(), v.maxEntries(), v.maxBytes(), v.idleTimeout());
    }

    /**
     * The vault of {@code app}'s conversation when the caller named one, else a fresh vault for this request alone
     * (with the same per-vault bounds).
     */
    public Vault vaultFor(String app, String conversation) {
        return conversation == null || conversation.isBlank() ? new Vault(store.limits()) : store.vaultFor(app, conversation);
    }

    public VaultStore store() {
        return store;
    }
}
