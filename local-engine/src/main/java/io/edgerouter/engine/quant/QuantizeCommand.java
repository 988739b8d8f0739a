package io.edgerouter.engine.quant;

import io.edgerouter.engine.EngineException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code QuantizeCommand --in DIR --out DIR --bits 4|8 [--block-size 32] [--accuracy-level 0|4]
 * [--scheme asymmetric|symmetric|symmetric_full_range]}: quantizes an Optimum ONNX model directory with
 * {@link OnnxWeightQuantizer} and prints one {@code key=value} summary line ({@link QuantizationReport#summary()});
 * nodes that keep fp32 weights are listed on stderr. Exit code 0 on success, 1 when the model cannot be quantized,
 * 2 (with the usage on stderr) for bad arguments.
 */
public final class QuantizeCommand {

    static final String USAGE = "usage: QuantizeCommand --in DIR --out DIR --bits 4|8 [--block-size 32]"
            + " [--accuracy-level 0|4] [--scheme asymmetric|symmetric|symmetric_full_range]";

    private QuantizeCommand() {
    }

    /** The parsed command line. */
    record Arguments(Path in, Path out, WeightQuantizer quantizer, int accuracyLevel) {

        /** @throws IllegalArgumentException saying which argument is wrong */
        static Arguments parse(String[] args) {
            Path in = null;
            Path out = null;
            Integer bits = null;
            int blockSize = WeightQuantizer.DEFAULT_BLOCK_SIZE;
            int level = OnnxWeightQuantizer.DEFAULT_ACCURACY_LEVEL;
            WeightQuantizer.Scheme scheme = WeightQuantizer.DEFAULT_SCHEME;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + args[i]);
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--in" -> in = Path.of(value);
                    case "--out" -> out = Path.of(value);
                    case "--bits" -> bits = integer("--bits", value);
                    case "--block-size" -> blockSize = integer("--block-size", value);
                    case "--accuracy-level" -> level = integer("--accuracy-level", value);
                    case "--scheme" -> scheme = scheme(value);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (in == null || out == null || bits == null) {
                throw new IllegalArgumentException("--in, --out and --bits are required");
            }
            if (level != 0 && level != 4) {
                throw new IllegalArgumentException("--accuracy-level must be 0 or 4, got " + level);
            }
            return new Arguments(in, out, new WeightQuantizer(bits, blockSize, scheme), level);
        }

        private static int integer(String name, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
            }
        }

        private static WeightQuantizer.Scheme scheme(String value) {
            try {
                return WeightQuantizer.Scheme.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--scheme must be asymmetric, symmetric or symmetric_full_range,"
                        + " got '" + value + "'");
            }
        }
    }

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns its exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            QuantizationReport r = new OnnxWeightQuantizer(a.quantizer(), a.accuracyLevel())
                    .quantizeDirectory(a.in(), a.out());
            r.keptFloat().forEach(line -> err.println("kept fp32: " + line));
            out.println(r.summary());
            return 0;
        } catch (EngineException e) {
            err.println("cannot quantize " + a.in() + ": " + e.getMessage());
            return 1;
        }
    }
}
