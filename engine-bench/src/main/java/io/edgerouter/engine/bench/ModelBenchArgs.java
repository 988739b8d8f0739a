package io.edgerouter.engine.bench;

import io.edgerouter.engine.source.ModelSource;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code --model PATH [--dtype D] [--tokenizer FILE] [--draft PATH] [--draft-dtype D] [--prompt-tokens N]
 * [--decode-tokens N] [--repeats N] [--threads N] [--imports DIR]}.
 */
final class ModelBenchArgs {

    private ModelBenchArgs() {
    }

    static ModelBench.Settings parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("--model needs a path");
        }
        Path model = Path.of(args[0]);
        String dtype = null;
        Path tokenizer = null;
        Path draft = null;
        String draftDtype = null;
        Path imports = Path.of(System.getProperty("java.io.tmpdir"), "edge-router-bench-imports");
        int promptTokens = 256;
        int decodeTokens = 64;
        int repeats = 3;
        int threads = 1;
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--dtype" -> dtype = v;
                case "--tokenizer" -> tokenizer = Path.of(v);
                case "--draft" -> draft = Path.of(v);
                case "--draft-dtype" -> draftDtype = v;
                case "--imports" -> imports = Path.of(v);
                case "--prompt-tokens" -> promptTokens = positive(args[i], v);
                case "--decode-tokens" -> decodeTokens = positive(args[i], v);
                case "--repeats" -> repeats = positive(args[i], v);
                case "--threads" -> threads = positive(args[i], v);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (allowed: --dtype,"
                        + " --tokenizer, --draft, --draft-dtype, --imports, --prompt-tokens, --decode-tokens, --repeats, --threads)");
            }
        }
        ModelSource source = new ModelSource(model, Optional.ofNullable(dtype), Optional.ofNullable(tokenizer));
        ModelSource draftSource = draft == null ? null
                : new ModelSource(draft, Optional.ofNullable(draftDtype), Optional.ofNullable(tokenizer));
        return new ModelBench.Settings(source, draftSource, imports, promptTokens, decodeTokens, repeats, threads);
    }

    private static int positive(String name, String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive number, got '" + value + "'", e);
        }
        if (n <= 0) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + n);
        }
        return n;
    }
}
