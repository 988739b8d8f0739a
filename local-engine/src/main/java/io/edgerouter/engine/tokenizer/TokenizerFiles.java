package io.edgerouter.engine.tokenizer;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.edgerouter.engine.ModelLoadException;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** Saves an {@link ImportedTokenizer} as the two files HF tokenizers and transformers read from a model directory. */
final class TokenizerFiles {

    /**
     * Nulls are kept (tokenizer.json spells out {@code "padding": null} and the like); HTML escaping is off so that
     * {@code <s>} stays readable instead of becoming {@code \u003cs\u003e}.
     */
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().setPrettyPrinting()
            .create();

    private TokenizerFiles() {
    }

    static void write(ImportedTokenizer tokenizer, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ModelLoadException("cannot create tokenizer directory " + dir + ": " + e.getMessage(), e);
        }
        writeAtomically(dir.resolve(ImportedTokenizer.TOKENIZER_JSON), tokenizer.tokenizerJson());
        writeAtomically(dir.resolve(ImportedTokenizer.TOKENIZER_CONFIG_JSON), tokenizer.tokenizerConfig());
    }

    private static void writeAtomically(Path target, JsonObject json) {
        Path temp = null;
        try {
            // a fresh name beside the target (a rename within one directory), created with the usual permissions
            temp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                GSON.toJson(json, out);
                out.write('\n');
            }
            move(temp, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw new ModelLoadException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // same directory, so this is still a rename on every file system that lacks the atomic flag
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the write already failed; that error is the one to report
        }
    }
}
