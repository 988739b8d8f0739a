package io.edgerouter.engine.imports;

import io.edgerouter.engine.ModelLoadException;

import io.edgerouter.engine.convert.Llama2cCheckpoint;
import io.edgerouter.engine.convert.ImportCache;
import io.edgerouter.engine.convert.LlamaOnnx;
import io.edgerouter.engine.source.ModelImporter;
import io.edgerouter.engine.source.ModelKind;
import io.edgerouter.engine.source.ModelSource;
import io.edgerouter.engine.tokenizer.ImportedTokenizer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * Imports a llama2.c checkpoint ({@code .bin}: the legacy header of seven int32, or the {@code ak42} v1 export) with
 * its {@code tokenizer.bin}, which must be given as the model's tokenizer setting (a llama2.c checkpoint carries no
 * vocabulary), into an ONNX directory with a {@code tokenizer.json}.
 */
public final class Llama2cImporter implements ModelImporter {

    private static final int AK42 = 0x616b3432;

    @Override
    public ModelKind kind() {
        return ModelKind.LLAMA2C;
    }

    /** The {@code ak42} magic, or a legacy header whose seven int32 look like a transformer's sizes. */
    @Override
    public boolean accepts(Path file, byte[] head) {
        if (head.length < 28) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) == AK42) {
            return true;
        }
        int dim = b.getInt(0);
        int hidden = b.getInt(4);
        int layers = b.getInt(8);
        int heads = b.getInt(12);
        int kvHeads = b.getInt(16);
        int vocab = Math.abs(b.getInt(20));
        int seq = b.getInt(24);
        return dim > 0 && hidden > 0 && layers > 0 && layers < 1024 && heads > 0 && kvHeads > 0 && kvHeads <= heads
                && dim % heads == 0 && vocab > 0 && seq > 0 && dim < (1 << 20) && seq < (1 << 24);
    }

    /**
     * The tokenizer llama2.c itself would pick beside the checkpoint: {@code tok<vocab>.bin} (how llama2.c names the
     * tokenizers it trains, e.g. stories260K's tok512.bin), else {@code tokenizer.bin} (run.c's default).
     */
    static java.util.Optional<Path> besideCheckpoint(Path checkpoint) {
        Path dir = checkpoint.toAbsolutePath().getParent();
        for (String name : List.of("tok" + vocabSize(checkpoint) + ".bin", "tokenizer.bin")) {
            if (java.nio.file.Files.isRegularFile(dir.resolve(name))) {
                return java.util.Optional.of(dir.resolve(name));
            }
        }
        return java.util.Optional.empty();
    }

    /** vocab_size from the legacy header (its sign only says whether the classifier is shared). */
    private static int vocabSize(Path checkpoint) {
        byte[] head = io.edgerouter.engine.source.ModelResolver.head(checkpoint);
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        if (head.length < 32) {
            return -1;
        }
        return b.getInt(0) == AK42 ? b.getInt(28) : Math.abs(b.getInt(20)); // ak42: magic, version, then the sizes
    }

    @Override
    public Path importModel(ModelSource source, Path importDir) {
        Path checkpoint = source.path();
        Path tokenizer = source.tokenizer().or(() -> besideCheckpoint(checkpoint)).orElseThrow(() ->
                new ModelLoadException(checkpoint + " is a llama2.c checkpoint, which carries no vocabulary, and no"
                        + " tok" + vocabSize(checkpoint) + ".bin or tokenizer.bin lies beside it: set the tokenizer"
                        + " setting (edge.engine.tokenizer, gateway.tokenizer) to its tokenizer.bin (stories260K:"
                        + " tok512.bin; stories15M/42M/110M: llama2.c's tokenizer.bin)"));
        ImportPrecision precision = ImportPrecision.of(source);
        LlamaOnnx.Options options = precision.options();
        return ImportCache.convert(importDir, List.of(checkpoint, tokenizer), "llama2c-" + precision.variant(), dir -> {
            Llama2cCheckpoint weights = Llama2cCheckpoint.open(checkpoint);
            ImportedTokenizer vocab = ImportedTokenizer.fromLlama2c(tokenizer, weights.config().vocabSize())
                    .withModelMaxLength(weights.config().contextLength());
            LlamaOnnx.write(weights, dir, options);
            vocab.writeTo(dir);
        });
    }
}
