package io.edgerouter.privacy.operator;

import io.edgerouter.privacy.vault.Vault;

/**
 * What an operator may use besides the entity's text.
 *
 * @param vault the conversation's vault for reversible placeholders, or null when none is in use
 */
public record OperatorContext(String entityType, OperatorConfig config, Vault vault) {

    public OperatorContext {
        if (entityType == null || config == null) {
            throw new IllegalArgumentException("entityType and config are required");
        }
    }
}
