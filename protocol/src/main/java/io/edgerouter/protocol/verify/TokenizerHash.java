package io.edgerouter.protocol.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity both sides of VERIFY compare before exchanging token ids: the lowercase hex SHA-256 of
 * the model directory's {@code tokenizer.json} bytes. Same file, same ids; anything else is a 409.
 */
public final class TokenizerHash {

    private TokenizerHash() {
    }

    /** @param modelDirOrTokenizerJson a model directory holding {@code tokenizer.json}, or the file itself */
    public static String of(Path modelDirOrTokenizerJson) {
        Path file = Files.isDirectory(modelDirOrTokenizerJson) ? modelDirOrTokenizerJson.resolve("tokenizer.json") : modelDirOrTokenizerJson;
        try {
            return of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to hash the tokenizer: " + e.getMessage(), e);
        }
    }

    public static String of(byte[] tokenizerJson) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tokenizerJson));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
