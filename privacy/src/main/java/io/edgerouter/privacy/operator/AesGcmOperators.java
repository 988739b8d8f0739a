package io.edgerouter.privacy.operator;

import io.edgerouter.privacy.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code encrypt} and {@code decrypt}: AES-GCM with a fresh 96-bit nonce per value; output is
 * base64(nonce ‖ ciphertext ‖ 128-bit tag). The {@code key} parameter is a 16, 24 or 32 character string
 * (128, 192 or 256 bits), as in Presidio's API. A wrong key or a tampered value fails authentication.
 */
public final class AesGcmOperators {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Set<Integer> KEY_BYTES = Set.of(16, 24, 32);
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcmOperators() {
    }

    public static final Operator ENCRYPT = new Operator() {
        @Override
        public String name() {
            return "encrypt";
        }

        @Override
        public void validate(OperatorConfig c) {
            key(c);
        }

        @Override
        public String operate(String value, OperatorContext ctx) {
            return encrypt(value, key(ctx.config()));
        }
    };

    public static final Operator DECRYPT = new Operator() {
        @Override
        public String name() {
            return "decrypt";
        }

        @Override
        public void validate(OperatorConfig c) {
            key(c);
        }

        @Override
        public String operate(String value, OperatorContext ctx) {
            return decrypt(value, key(ctx.config()));
        }
    };

    static SecretKeySpec key(OperatorConfig c) {
        String k = c.string("key", null);
        byte[] bytes = k == null ? new byte[0] : k.getBytes(StandardCharsets.UTF_8);
        if (!KEY_BYTES.contains(bytes.length)) {
            throw new InvalidInputException("key", "operator '" + c.type() + "' needs a key of 16, 24 or 32 bytes (128, 192 or 256 bits), got "
                    + bytes.length + " bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public static String encrypt(String plain, SecretKeySpec key) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + ct.length).put(nonce).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is mandatory in every JDK", e);
        }
    }

    public static String decrypt(String encoded, SecretKeySpec key) {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("", "operator 'decrypt': value is not base64 text produced by 'encrypt'", e);
        }
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new InvalidInputException("", "operator 'decrypt': value is too short to be AES-GCM output (" + all.length
                    + " bytes)");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new InvalidInputException("key", "operator 'decrypt': authentication failed (wrong key or modified value)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is mandatory in every JDK", e);
        }
    }
}
