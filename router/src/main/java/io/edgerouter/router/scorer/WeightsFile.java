package io.edgerouter.router.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgerouter.router.feature.LexicalFeatures;
import io.edgerouter.router.feature.TokenTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@link ScoringModel}s as JSON (format tag {@value #FORMAT}):
 * <pre>
 * { "format": "edgerouter-router-weights/1", "version": "...",
 *   "lexical_features": ["log_chars", ...], "embedding_dim": 384, "window": {"head": 96, "tail": 32, "layers": 6},
 *   "mean": [d], "scale": [d],
 *   "layers": [ {"inputs": d, "outputs": h, "activation": "RELU", "weights": [h*d row-major], "bias": [h]}, ... ],
 *   "calibration": {"a": 1.0, "b": 0.0}, "metadata": {"key": "value"} }
 * </pre>
 * ({@code window.layers}, the encoder depth, defaults to 6 when absent.) A static-MiniLM model adds
 * {@code "token_table": {"pieces": 30522, "encoding": "float32-le-base64", "prior": {"weight": w, "score": s},
 * "weight": "…", "score": "…"}} (see
 * {@link TokenTable}); its {@code embedding_dim} is 1. Loading checks the tag, every dimension, that lexical feature names match this build's {@link LexicalFeatures}
 * (a prefix, in order) and that every number is finite; any failure is a {@link WeightsFormatException} naming it.
 */
public final class WeightsFile {

    public static final String FORMAT = "edgerouter-router-weights/1";
    /** Classpath location of the committed default model (static MiniLM: no transformer at request time). */
    public static final String DEFAULT_RESOURCE = "/io/edgerouter/router/router-weights.json";

    private static final String TABLE_ENCODING = "float32-le-base64";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WeightsFile() {
    }

    /** Classpath location of the committed model over MiniLM forward passes (one per request). */
    public static final String MINILM_RESOURCE = "/io/edgerouter/router/router-weights-minilm.json";

    public static ScoringModel loadDefault() {
        return loadResource(DEFAULT_RESOURCE);
    }

    /** A weights file on the classpath, e.g. {@link #DEFAULT_RESOURCE} or {@link #MINILM_RESOURCE}. */
    public static ScoringModel loadResource(String resource) {
        try (InputStream in = WeightsFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new WeightsFormatException("weights resource " + resource + " is missing from the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new WeightsFormatException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    public static ScoringModel read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new WeightsFormatException("cannot read weights file " + file + ": " + e.getMessage(), e);
        }
    }

    public static ScoringModel read(InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new WeightsFormatException("weights file is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new WeightsFormatException("weights file must hold a JSON object");
        }
        String format = root.path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw new WeightsFormatException("weights format is '" + format + "', expected '" + FORMAT + "'");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : array(root, "lexical_features")) names.add(n.asText());
        if (names.size() > LexicalFeatures.DIMENSION || !LexicalFeatures.NAMES.subList(0, names.size()).equals(names)) {
            throw new WeightsFormatException("lexical features " + names + " are not a prefix of this build's "
                    + LexicalFeatures.NAMES);
        }
        int embeddingDim = integer(root, "embedding_dim");
        List<DenseLayer> layers = new ArrayList<>();
        for (JsonNode l : array(root, "layers")) {
            Activation act;
            try {
                act = Activation.valueOf(l.path("activation").asText(""));
            } catch (IllegalArgumentException e) {
                throw new WeightsFormatException("layer activation '" + l.path("activation").asText("")
                        + "' is not one of IDENTITY, RELU, TANH");
            }
            layers.add(new DenseLayer(integer(l, "inputs"), integer(l, "outputs"), floats(l, "weights"),
                    floats(l, "bias"), act));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.path("metadata").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            meta.put(e.getKey(), e.getValue().asText());
        }
        JsonNode cal = root.path("calibration");
        JsonNode window = root.path("window");
        int depth = window.has("layers") ? integer(window, "layers") : ScoringModel.FULL_ENCODER_DEPTH;
        TokenTable tokens = root.has("token_table") ? tokenTable(root.path("token_table")) : null;
        return new ScoringModel(root.path("version").asText("unversioned"), names, embeddingDim,
                window.path("head").asInt(0), window.path("tail").asInt(0), depth,
                floats(root, "mean"), floats(root, "scale"), layers, number(cal, "a"), number(cal, "b"), meta, tokens);
    }

    private static TokenTable tokenTable(JsonNode t) {
        if (!TABLE_ENCODING.equals(t.path("encoding").asText(""))) {
            throw new WeightsFormatException("token_table.encoding is '" + t.path("encoding").asText("")
                    + "', expected '" + TABLE_ENCODING + "'");
        }
        int pieces = integer(t, "pieces");
        try {
            JsonNode prior = t.path("prior");
            float priorWeight = prior.isMissingNode() ? 0f : (float) number(prior, "weight", "token_table.prior.weight");
            float priorScore = prior.isMissingNode() ? 0f : (float) number(prior, "score", "token_table.prior.score");
            return new TokenTable(base64Floats(t, "weight", pieces), base64Floats(t, "score", pieces), priorWeight,
                    priorScore);
        } catch (IllegalArgumentException e) {
            throw new WeightsFormatException(e.getMessage(), e);
        }
    }

    private static float[] base64Floats(JsonNode t, String field, int count) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(t.path(field).asText(""));
        } catch (IllegalArgumentException e) {
            throw new WeightsFormatException("token_table." + field + " is not base64: " + e.getMessage(), e);
        }
        if (bytes.length != 4L * count) {
            throw new WeightsFormatException("token_table." + field + " holds " + bytes.length / 4 + " floats, pieces is "
                    + count);
        }
        float[] out = new float[count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private static String base64Floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return Base64.getEncoder().encodeToString(b.array());
    }

    public static void write(ScoringModel m, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", m.version());
        ArrayNode names = root.putArray("lexical_features");
        m.lexicalNames().forEach(names::add);
        root.put("embedding_dim", m.embeddingDim());
        root.putObject("window").put("head", m.windowHead()).put("tail", m.windowTail())
                .put("layers", m.encoderLayers());
        putFloats(root.putArray("mean"), m.mean());
        putFloats(root.putArray("scale"), m.scale());
        ArrayNode layers = root.putArray("layers");
        for (DenseLayer l : m.layers()) {
            ObjectNode o = layers.addObject();
            o.put("inputs", l.inputs()).put("outputs", l.outputs()).put("activation", l.activation().name());
            putFloats(o.putArray("weights"), l.weights());
            putFloats(o.putArray("bias"), l.bias());
        }
        root.putObject("calibration").put("a", m.calibA()).put("b", m.calibB());
        ObjectNode meta = root.putObject("metadata");
        m.metadata().forEach(meta::put);
        if (m.tokens() != null) {
            ObjectNode t = root.putObject("token_table").put("pieces", m.tokens().size()).put("encoding", TABLE_ENCODING);
            t.putObject("prior").put("weight", m.tokens().priorWeight()).put("score", m.tokens().priorScore());
            t.put("weight", base64Floats(m.tokens().weight())).put("score", base64Floats(m.tokens().score()));
        }
        Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }

    private static void putFloats(ArrayNode a, float[] v) {
        for (float f : v) {
            a.add(Float.parseFloat(String.format(java.util.Locale.ROOT, "%.6g", f)));
        }
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode a = node.path(field);
        if (!a.isArray()) {
            throw new WeightsFormatException("field '" + field + "' must be an array");
        }
        return a;
    }

    private static int integer(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new WeightsFormatException("field '" + field + "' must be an integer, got " + v);
        }
        return v.intValue();
    }

    private static double number(JsonNode node, String field) {
        return number(node, field, "calibration." + field);
    }

    private static double number(JsonNode node, String field, String name) {
        JsonNode v = node.path(field);
        if (!v.isNumber()) {
            throw new WeightsFormatException("field '" + name + "' must be a number, got " + v);
        }
        return v.doubleValue();
    }

    private static float[] floats(JsonNode node, String field) {
        JsonNode a = array(node, field);
        float[] out = new float[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = a.get(i);
            // JSON has no NaN literal; Jackson may still read "NaN" strings or non-numbers: reject them by name
            if (!v.isNumber()) {
                throw new WeightsFormatException(field + "[" + i + "] is " + v + "; every weight must be a finite number");
            }
            out[i] = v.floatValue();
            if (!Float.isFinite(out[i])) {
                throw new WeightsFormatException(field + "[" + i + "] is " + out[i] + "; every weight must be finite");
            }
        }
        return out;
    }

}
