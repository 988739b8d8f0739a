package io.edgerouter.privacy.operator;

import io.edgerouter.privacy.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/** The small operators: replace, mask, redact, hash, keep. Encryption lives in {@link AesGcmOperators}. */
public final class BuiltInOperators {

    private BuiltInOperators() {
    }

    /**
     * {@code new_value} when given; otherwise, with a vault, a typed placeholder such as {@code <EMAIL_ADDRESS_1>}
     * that is the same for the same value within the conversation; otherwise {@code <ENTITY_TYPE>}.
     */
    public static final Operator REPLACE = new Operator() {
        @Override
        public String name() {
            return "replace";
        }

        @Override
        public String operate(String value, OperatorContext ctx) {
            String newValue = ctx.config().string("new_value", "");
            if (!newValue.isEmpty()) {
                return newValue;
            }
            return ctx.vault() != null ? ctx.vault().placeholderFor(ctx.entityType(), value) : "<" + ctx.entityType() + ">";
        }
    };

    /** Replaces {@code chars_to_mask} characters with {@code masking_char}, from the start or {@code from_end}. */
    public static final Operator MASK = new Operator() {
        @Override
        public String name() {
            return "mask";
        }

        @Override
        public void validate(OperatorConfig c) {
            String ch = c.string("masking_char", "*");
            if (ch.codePointCount(0, ch.length()) != 1) {
                throw new InvalidInputException("masking_char", "must be exactly one character, got '" + ch + "'");
            }
            int n = c.integer("chars_to_mask", Integer.MAX_VALUE);
            if (n < 0) {
                throw new InvalidInputException("chars_to_mask", "must be >= 0, got " + n);
            }
            c.bool("from_end", false);
        }

        @Override
        public String operate(String value, OperatorContext ctx) {
            String ch = ctx.config().string("masking_char", "*");
            int n = Math.min(value.length(), ctx.config().integer("chars_to_mask", Integer.MAX_VALUE));
            boolean fromEnd = ctx.config().bool("from_end", false);
            String masked = ch.repeat(n);
            return fromEnd ? value.substring(0, value.length() - n) + masked : masked + value.substring(n);
        }
    };

    /** Removes the entity entirely. */
    public static final Operator REDACT = simple("redact", (v, c) -> "");

    /** Leaves the entity as it is (useful to allow one entity type while others are masked). */
    public static final Operator KEEP = simple("keep", (v, c) -> v);

    /** Salted SHA-256 (default) or SHA-512 of the value, hex encoded. {@code salt} comes from the request or policy. */
    public static Operator hash(byte[] defaultSalt) {
        byte[] salt = defaultSalt.clone();
        return new Operator() {
            private static final Set<String> TYPES = Set.of("sha256", "sha512");

            @Override
            public String name() {
                return "hash";
            }

            @Override
            public void validate(OperatorConfig c) {
                String t = c.string("hash_type", "sha256");
                if (!TYPES.contains(t)) {
                    throw new InvalidInputException("hash_type", "must be one of " + TYPES + ", got '" + t + "'");
                }
            }

            @Override
            public String operate(String value, OperatorContext ctx) {
                String type = ctx.config().string("hash_type", "sha256");
                Object requestSalt = ctx.config().params().get("salt");
                byte[] s = requestSalt == null ? salt : requestSalt.toString().getBytes(StandardCharsets.UTF_8);
                try {
                    MessageDigest md = MessageDigest.getInstance(type.equals("sha512") ? "SHA-512" : "SHA-256");
                    md.update(s);
                    return HexFormat.of().formatHex(md.digest(value.getBytes(StandardCharsets.UTF_8)));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("every JDK ships " + type, e);
                }
            }
        };
    }

    private interface Transform {
        String apply(String value, OperatorContext ctx);
    }

    private static Operator simple(String name, Transform t) {
        return new Operator() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String operate(String value, OperatorContext ctx) {
                return t.apply(value, ctx);
            }
        };
    }
}
