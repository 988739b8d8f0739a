package io.edgerouter.privacy.recognizer.generic;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Bitcoin addresses (CRYPTO), as Presidio's CryptoRecognizer finds them.
 *
 * <p>Formats: legacy P2PKH/P2SH ("1...", "3...", 26-35 Base58 characters) and SegWit/Taproot ("bc1q...",
 * "bc1p...", Bech32/Bech32m, all lower or all upper case). Unlike Presidio's pattern, ours needs a token boundary
 * on both sides, so an address with a character glued on is not cut out of a longer string.
 *
 * <p>Check: Base58Check (double SHA-256) or the Bech32/Bech32m checksum. Ladder: pattern 0.5 (Presidio's), checksum
 * passes 1.0, fails: dropped. Context: "bitcoin", "btc", "wallet", "crypto", "address".
 */
public final class CryptoRecognizer extends PatternRecognizer {

    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    public CryptoRecognizer() {
        super("CryptoRecognizer", Entities.CRYPTO, List.of(
                Pattern.jdk("base58", "(?<![A-Za-z0-9])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])", 0.5,
                        StartGate.first(StartGate.Chars.of("13"), StartGate.Chars.ALNUM)
                                .withRun(StartGate.Chars.ALNUM, 26)),
                Pattern.jdk("bech32", "(?<![A-Za-z0-9])(?:bc1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{8,87}(?![A-Za-z0-9])", 0.5,
                        StartGate.first(StartGate.Chars.of("bB"), StartGate.Chars.ALNUM)
                                .withCharAt(1, StartGate.Chars.of("cC")))),
                Set.of("bitcoin", "btc", "wallet", "crypto", "address"));
    }

    @Override
    protected Validation validate(String candidate) {
        boolean ok = candidate.toLowerCase().startsWith("bc1") ? bech32Valid(candidate) : base58CheckValid(candidate);
        return ok ? Validation.VALID : Validation.INVALID;
    }

    static boolean base58CheckValid(String address) {
        BigInteger n = BigInteger.ZERO;
        for (int i = 0; i < address.length(); i++) {
            int v = BASE58.indexOf(address.charAt(i));
            if (v < 0) {
                return false;
            }
            n = n.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(v));
        }
        byte[] raw = n.toByteArray();
        byte[] bytes = new byte[25];
        int copy = Math.min(raw.length, 25);
        if (raw.length > 26 || (raw.length == 26 && raw[0] != 0)) {
            return false;
        }
        System.arraycopy(raw, raw.length - copy, bytes, 25 - copy, copy);
        byte[] hash = sha256(sha256(Arrays.copyOfRange(bytes, 0, 21)));
        return Arrays.equals(Arrays.copyOfRange(hash, 0, 4), Arrays.copyOfRange(bytes, 21, 25));
    }

    static boolean bech32Valid(String address) {
        if (!address.equals(address.toLowerCase()) && !address.equals(address.toUpperCase())) {
            return false;
        }
        String a = address.toLowerCase();
        int sep = a.lastIndexOf('1');
        int[] values = new int[a.length() - sep - 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = BECH32.indexOf(a.charAt(sep + 1 + i));
            if (values[i] < 0) {
                return false;
            }
        }
        int check = polymod(a.substring(0, sep), values);
        return check == 1 || check == 0x2bc830a3; // Bech32 (SegWit v0) or Bech32m (Taproot)
    }

    private static int polymod(String hrp, int[] data) {
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int chk = 1;
        int[] expanded = new int[hrp.length() * 2 + 1 + data.length];
        for (int i = 0; i < hrp.length(); i++) {
            expanded[i] = hrp.charAt(i) >> 5;
            expanded[i + hrp.length() + 1] = hrp.charAt(i) & 31;
        }
        System.arraycopy(data, 0, expanded, hrp.length() * 2 + 1, data.length);
        for (int v : expanded) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= gen[i];
                }
            }
        }
        return chk;
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
