package io.edgerouter.privacy.operator;

import io.edgerouter.privacy.InvalidInputException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** Operators by name: one registry for anonymizing, one for deanonymizing. */
public final class OperatorRegistry {

    /** Deanonymizer that swaps a vault placeholder back to its value (unknown placeholders stay as they are). */
    public static final Operator RESTORE = new Operator() {
        @Override
        public String name() {
            return "restore";
        }

        @Override
        public String operate(String value, OperatorContext ctx) {
            if (ctx.vault() == null) {
                throw new InvalidInputException("", "operator 'restore' needs the conversation's vault");
            }
            return ctx.vault().valueOf(value).orElse(value);
        }
    };

    private final Map<String, Operator> operators = new LinkedHashMap<>();

    /** replace, mask, redact, hash (with a random per-process salt unless the request gives one), encrypt, keep. */
    public static OperatorRegistry anonymizers() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return anonymizers(salt);
    }

    public static OperatorRegistry anonymizers(byte[] hashSalt) {
        return new OperatorRegistry().add(BuiltInOperators.REPLACE).add(BuiltInOperators.MASK)
                .add(BuiltInOperators.REDACT).add(BuiltInOperators.hash(hashSalt)).add(AesGcmOperators.ENCRYPT)
                .add(BuiltInOperators.KEEP);
    }

    /** decrypt (AES-GCM) and restore (vault placeholders). */
    public static OperatorRegistry deanonymizers() {
        return new OperatorRegistry().add(AesGcmOperators.DECRYPT).add(RESTORE);
    }

    public OperatorRegistry add(Operator op) {
        operators.put(op.name(), op);
        return this;
    }

    /** The operator for a config, after validating the config's parameters. */
    public Operator resolve(OperatorConfig config) {
        Operator op = operators.get(config.type());
        if (op == null) {
            throw new InvalidInputException("type", "unknown operator '" + config.type() + "'; allowed: "
                    + new TreeSet<>(operators.keySet()));
        }
        op.validate(config);
        return op;
    }
}
