package io.edgerouter.protocol.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code tokenizer_hash} both sides of {@code POST /v1/verify} and {@code GET /v1/models} use:
 * {@code sha256:} followed by the lowercase hex SHA-256 of the bytes of the {@code tokenizer.json} the model runs
 * with (a model's own, the one configured instead, or the one an import wrote). Token ids only mean the same on both
 * sides when this matches.
 */
public final class TokenizerHash {

    public static final String PREFIX = "sha256:";

    private TokenizerHash() {
    }

    /** The hash of a {@code tokenizer.json} file. */
    public static String ofFile(Path tokenizerJson) {
        try {
            return of(Files.readAllBytes(tokenizerJson));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tokenizerJson + " to hash the tokenizer", e);
        }
    }

    /** The hash of a {@code tokenizer.json} file's content. */
    public static String of(byte[] tokenizerJson) {
        try {
            return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tokenizerJson));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
