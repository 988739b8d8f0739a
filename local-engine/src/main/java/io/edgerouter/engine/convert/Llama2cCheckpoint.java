package io.edgerouter.engine.convert;

import io.edgerouter.engine.ModelLoadException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A llama2.c fp32 checkpoint ({@code run.c}'s legacy version 0, or {@code export.py}'s version 1) read as
 * {@link LlamaWeights}. Opening reads only the header and checks the file's exact size against it; each tensor is
 * mapped and decoded when asked for, so nothing stays in memory between calls.
 */
public final class Llama2cCheckpoint implements LlamaWeights {

    /** Mapping windows stay below the 2 GiB limit of one MappedByteBuffer. */
    private static final long WINDOW = 1L << 30;

    /** One stacked tensor group of the file: {@code count} matrices of (rows, cols) starting at {@code offset}. */
    private record Group(long offset, int count, int rows, int cols) {
        long bytesEach() {
            return 4L * rows * cols;
        }
    }

    private final Path file;
    private final Llama2cHeader header;
    private final Map<String, Group> groups;

    private Llama2cCheckpoint(Path file, Llama2cHeader header, Map<String, Group> groups) {
        this.file = file;
        this.header = header;
        this.groups = groups;
    }

    /** Reads and validates the header; throws {@link ModelLoadException} naming the file and the mismatch. */
    public static Llama2cCheckpoint open(Path file) {
        String name = String.valueOf(file.getFileName());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, Llama2cHeader.VERSION1_BYTES));
            int read = 0;
            while (head.hasRemaining() && read >= 0) {
                read = ch.read(head);
            }
            Llama2cHeader header = Llama2cHeader.parse(name, head.flip());
            Map<String, Group> groups = layout(header);
            long needed = 0;
            for (Group g : groups.values()) {
                needed = Math.max(needed, g.offset() + g.count() * g.bytesEach());
            }
            if (needed != size) {
                throw new ModelLoadException(name + ": header " + header.describe() + " needs " + needed
                        + " bytes, file has " + size);
            }
            return new Llama2cCheckpoint(file, header, groups);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read llama2.c checkpoint " + file + ": " + e.getMessage(), e);
        } catch (ArithmeticException e) {
            throw new ModelLoadException(name + ": header sizes overflow 64-bit byte counts", e);
        }
    }

    /**
     * Where run.c's {@code memory_map_weights} (version 0) or export.py's {@code version1_export} (version 1) put each
     * tensor group. Matrices are (out, in) row-major, which is {@link Linear}'s (rows, cols).
     */
    private static Map<String, Group> layout(Llama2cHeader h) {
        int dim = h.dim();
        int layers = h.layers();
        String[] order = h.version() == 0
                ? new String[] {"token_embedding", "rms_att", "wq", "wk", "wv", "wo", "rms_ffn", "w1", "w2", "w3",
                    "rms_final", "freq_cis_real", "freq_cis_imag", "wcls"}
                : new String[] {"rms_att", "rms_ffn", "rms_final", "token_embedding", "wq", "wk", "wv", "wo", "w1",
                    "w2", "w3", "wcls"};
        Map<String, Group> groups = new LinkedHashMap<>();
        long offset = h.headerBytes();
        for (String name : order) {
            Group g = switch (name) {
                case "token_embedding", "wcls" -> new Group(offset, 1, h.vocabSize(), dim);
                case "rms_att", "rms_ffn" -> new Group(offset, layers, 1, dim);
                case "rms_final" -> new Group(offset, 1, 1, dim);
                case "wq", "wo" -> new Group(offset, layers, dim, dim);
                case "wk", "wv" -> new Group(offset, layers, h.kvDim(), dim);
                case "w1", "w3" -> new Group(offset, layers, h.hiddenDim(), dim);
                case "w2" -> new Group(offset, layers, dim, h.hiddenDim());
                case "freq_cis_real", "freq_cis_imag" -> new Group(offset, 1, h.seqLen(), h.headSize() / 2);
                default -> throw new IllegalStateException(name);
            };
            if (name.equals("wcls") && h.sharedClassifier()) {
                continue;
            }
            if ((long) g.rows() * g.cols() > Integer.MAX_VALUE - 8) {
                throw new ModelLoadException(h.file() + ": tensor " + name + " (" + g.rows() + ", " + g.cols()
                        + ") has more values than a Java array holds");
            }
            groups.put(name, g);
            offset = Math.addExact(offset, Math.multiplyExact(g.count(), g.bytesEach()));
        }
        return groups;
    }

    @Override
    public LlamaConfig config() {
        return header.config();
    }

    /** 0 for run.c's legacy layout, 1 for export.py's "ak42" version 1. */
    public int version() {
        return header.version();
    }

    @Override
    public float[] tokenEmbedding() {
        return read("token_embedding", 0); // (vocab, dim)
    }

    @Override
    public float[] norm(String name) {
        if (name.equals("output_norm")) {
            return read("rms_final", 0); // (dim)
        }
        return switch (suffix(name)) {
            case "attn_norm" -> read("rms_att", layer(name)); // (dim)
            case "ffn_norm" -> read("rms_ffn", layer(name)); // (dim)
            default -> throw unknown(name, "norm");
        };
    }

    @Override
    public Linear linear(String name) {
        String group = name.equals("output") ? "wcls" : switch (suffix(name)) {
            case "attn_q" -> "wq";
            case "attn_k" -> "wk";
            case "attn_v" -> "wv";
            case "attn_output" -> "wo";
            case "ffn_gate" -> "w1";
            case "ffn_down" -> "w2";
            case "ffn_up" -> "w3";
            default -> throw unknown(name, "projection");
        };
        Group g = groups.get(group);
        if (g == null) {
            throw new ModelLoadException(file.getFileName() + ": has no separate classifier (vocab_size > 0 means it"
                    + " is the token embedding), so there is no '" + name + "' projection");
        }
        return new Linear.Dense(g.rows(), g.cols(), read(group, name.equals("output") ? 0 : layer(name)));
    }

    @Override
    public float[] bias(String name) {
        throw new ModelLoadException(file.getFileName() + ": llama2.c checkpoints have no biases, asked for '"
                + name + "'");
    }

    /** Decodes matrix {@code index} of a group from a fresh read-only mapping of just its bytes. */
    private float[] read(String group, int index) {
        Group g = groups.get(group);
        long start = g.offset() + index * g.bytesEach();
        float[] out = new float[g.rows() * g.cols()]; // (rows, cols)
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int done = 0; done < out.length; ) {
                long bytes = Math.min(WINDOW, 4L * (out.length - done));
                FloatBuffer floats = ch.map(FileChannel.MapMode.READ_ONLY, start + 4L * done, bytes)
                        .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                floats.get(out, done, floats.remaining());
                done += (int) (bytes / 4);
            }
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + group + " from " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private int layer(String name) {
        String[] parts = name.split("\\.");
        int layer;
        try {
            layer = parts.length == 3 && parts[0].equals("blk") ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            layer = -1;
        }
        if (layer < 0 || layer >= header.layers()) {
            throw new ModelLoadException(file.getFileName() + ": no tensor '" + name + "'; layer tensors are blk.N.*"
                    + " with N in [0, " + header.layers() + ")");
        }
        return layer;
    }

    private static String suffix(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private ModelLoadException unknown(String name, String kind) {
        return new ModelLoadException(file.getFileName() + ": no " + kind + " tensor '" + name + "' (llama2.c maps "
                + "token_embd, output_norm, output, blk.N.attn_norm|attn_q|attn_k|attn_v|attn_output|ffn_norm|"
                + "ffn_gate|ffn_up|ffn_down)");
    }
}
