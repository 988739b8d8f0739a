package io.edgerouter.engine.gguf;

import io.edgerouter.engine.ModelLoadException;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A GGUF file (versions 1, 2 and 3, little-endian), mapped read-only: its metadata, parsed when opened, and its tensors,
 * decoded only on request ({@link GgufTensor}). Opening checks the whole layout — every length and count against the
 * end of the file, every tensor's data inside it — and fails with a {@link ModelLoadException} naming the file, the
 * byte offset and the field.
 *
 * <p>Not {@link AutoCloseable}: the file channel is closed as soon as the file is mapped, and a mapping cannot be
 * released on demand in Java 17; it goes when this object and its tensors are no longer reachable.
 *
 * <p><b>Metadata values as Java objects</b> ({@link #metadata()}):
 * <table>
 *   <caption>GGUF type → Java type</caption>
 *   <tr><th>GGUF</th><th>scalar</th><th>array</th></tr>
 *   <tr><td>u8, i8, u16, i16, u32, i32, u64, i64</td><td>{@link Long}</td><td>{@code long[]}</td></tr>
 *   <tr><td>f32</td><td>{@link Double} (the exact f32 value)</td><td>{@code float[]}</td></tr>
 *   <tr><td>f64</td><td>{@link Double}</td><td>{@code double[]}</td></tr>
 *   <tr><td>bool</td><td>{@link Boolean}</td><td>{@code boolean[]}</td></tr>
 *   <tr><td>string</td><td>{@link String} (UTF-8; malformed bytes become U+FFFD)</td><td>{@code List<String>}</td></tr>
 *   <tr><td>array</td><td>—</td><td>{@code List<Object>} of the array forms above</td></tr>
 * </table>
 * A u64 keeps its 64 bits, so one above {@link Long#MAX_VALUE} reads negative ({@link Long#toUnsignedString(long)}
 * prints it; {@link #integer} refuses it). Arrays in {@link #metadata()} are shared: do not modify them; the typed
 * getters return copies.
 */
public final class GgufFile {

    private final GgufBytes bytes;
    private final GgufParser.Layout layout;
    private final GgufMetadata metadata;
    private final List<GgufTensor> tensors;
    private final Map<String, GgufTensor> byName;

    private GgufFile(GgufBytes bytes) {
        this.bytes = bytes;
        this.layout = GgufParser.parse(bytes);
        this.metadata = new GgufMetadata(bytes.name(), layout.entries());
        List<GgufTensor> list = new ArrayList<>(layout.tensors().size());
        Map<String, GgufTensor> map = new LinkedHashMap<>(layout.tensors().size() * 2 + 1);
        for (GgufParser.TensorInfo info : layout.tensors()) {
            GgufTensor t = new GgufTensor(bytes, info, layout.dataStart());
            list.add(t);
            map.put(t.name(), t);
        }
        this.tensors = Collections.unmodifiableList(list);
        this.byName = Collections.unmodifiableMap(map);
    }

    /** Maps and parses {@code file}. */
    public static GgufFile open(Path file) {
        return new GgufFile(GgufBytes.map(file));
    }

    /** Opens with a chosen mapping window geometry, so tests can cross window boundaries in a small file. */
    static GgufFile open(Path file, long windowStep, int windowOverlap) {
        return new GgufFile(GgufBytes.map(file, windowStep, windowOverlap));
    }

    /** Parses bytes already in memory as if they were a file called {@code name}. */
    static GgufFile wrap(String name, ByteBuffer bytes) {
        return new GgufFile(GgufBytes.wrap(name, bytes));
    }

    /** The file name that messages start with. */
    public String name() {
        return bytes.name();
    }

    /** File size in bytes. */
    public long size() {
        return bytes.size();
    }

    /** The GGUF version: 1, 2 or 3. */
    public int version() {
        return layout.version();
    }

    /** All key/value pairs in file order; see the class comment for the Java type of each GGUF type. */
    public Map<String, Object> metadata() {
        return metadata.values();
    }

    /** The GGUF type of {@code key}'s value, or null when the key is absent. */
    public GgufValueType type(String key) {
        GgufValue v = metadata.value(key);
        return v == null ? null : v.type();
    }

    /** The element type when {@code key} holds an array, else null. */
    public GgufValueType elementType(String key) {
        GgufValue v = metadata.value(key);
        return v == null ? null : v.elementType();
    }

    /** Whether the file has {@code key}. */
    public boolean has(String key) {
        return metadata.value(key) != null;
    }

    /** A string value; fails when the key is missing or holds another type. */
    public String string(String key) {
        return metadata.string(key);
    }

    /** {@link #string} when the key is present, e.g. {@code tokenizer.chat_template}. */
    public Optional<String> optionalString(String key) {
        return metadata.optionalString(key);
    }

    /** Any of the eight integer types, as a long. */
    public long integer(String key) {
        return metadata.integer(key);
    }

    /** {@link #integer} when the key is present. */
    public OptionalLong optionalInteger(String key) {
        return metadata.optionalInteger(key);
    }

    /** f32 (widened exactly) or f64. */
    public double real(String key) {
        return metadata.real(key);
    }

    /** {@link #real} when the key is present. */
    public Optional<Double> optionalReal(String key) {
        return has(key) ? Optional.of(real(key)) : Optional.empty();
    }

    /** A bool value. */
    public boolean bool(String key) {
        return metadata.bool(key);
    }

    /** {@link #bool} when the key is present. */
    public Optional<Boolean> optionalBool(String key) {
        return has(key) ? Optional.of(bool(key)) : Optional.empty();
    }

    /** A string[] value (unmodifiable). */
    public List<String> strings(String key) {
        return metadata.strings(key);
    }

    /** An f32[] value (a copy). */
    public float[] floats(String key) {
        return metadata.floats(key);
    }

    /** An array of any integer type whose values all fit in an int (a copy). */
    public int[] ints(String key) {
        return metadata.ints(key);
    }

    /** {@code general.architecture}, e.g. {@code llama}. */
    public String architecture() {
        return string("general.architecture");
    }

    /** The key of an architecture-specific field: {@code arch("block_count")} is {@code llama.block_count}. */
    public String arch(String suffix) {
        return architecture() + "." + suffix;
    }

    /** Tensors in file order. */
    public List<GgufTensor> tensors() {
        return tensors;
    }

    /** The tensor called {@code name}, if the file has one. */
    public Optional<GgufTensor> optionalTensor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The tensor called {@code name}; fails naming the file when there is none. */
    public GgufTensor tensor(String name) {
        GgufTensor t = byName.get(name);
        if (t == null) {
            throw new ModelLoadException(bytes.name() + ": missing tensor " + name + " (the file has "
                    + tensors.size() + " tensors)");
        }
        return t;
    }

    /** The byte offset just past the tensor infos (for a file without tensors: just past the last key/value). */
    public long metadataEnd() {
        return layout.metadataEnd();
    }

    /** {@code general.alignment}, or 32 when absent. */
    public int alignment() {
        return layout.alignment();
    }

    /** Where the data section starts: {@link #metadataEnd()} rounded up to the alignment. */
    public long dataStart() {
        return layout.dataStart();
    }
}
