package io.edgerouter.engine.gguf;

/**
 * The ggml tensor types a GGUF tensor info can name: id, block size (elements per block) and type size (bytes per
 * block), as in gguf-py's {@code GGMLQuantizationType} and {@code GGML_QUANT_SIZES} (llama.cpp 0024aa74), plus Q2_0,
 * which upstream ggml added later (as does @huggingface/gguf 0.4.6). Ids 4, 5, 31‥33 and 36‥38 were removed from
 * ggml and never appear in GGUF files.
 */
public enum GgufType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 2 + 16),
    Q4_1(3, 32, 2 + 2 + 16),
    Q5_0(6, 32, 2 + 4 + 16),
    Q5_1(7, 32, 2 + 2 + 4 + 16),
    Q8_0(8, 32, 2 + 32),
    /**
     * 36 bytes (fp16 d and s, then 32 quants) as ggml's {@code block_q8_1} has been since d and s became fp16;
     * gguf-py still lists 40. Q8_1 is ggml's activation format and is not written to model files.
     */
    Q8_1(9, 32, 2 + 2 + 32),
    Q2_K(10, 256, 2 + 2 + 256 / 16 + 256 / 4),
    Q3_K(11, 256, 2 + 256 / 4 + 256 / 8 + 12),
    Q4_K(12, 256, 2 + 2 + 256 / 2 + 12),
    Q5_K(13, 256, 2 + 2 + 256 / 2 + 256 / 8 + 12),
    Q6_K(14, 256, 2 + 256 / 2 + 256 / 4 + 256 / 16),
    Q8_K(15, 256, 4 + 256 + 256 / 8),
    IQ2_XXS(16, 256, 2 + 256 / 4),
    IQ2_XS(17, 256, 2 + 256 / 4 + 256 / 32),
    IQ3_XXS(18, 256, 2 + 256 / 4 + 256 / 8),
    IQ1_S(19, 256, 2 + 256 / 8 + 256 / 16),
    IQ4_NL(20, 32, 2 + 16),
    IQ3_S(21, 256, 2 + 256 / 4 + 256 / 8 + 256 / 32 + 4),
    IQ2_S(22, 256, 2 + 256 / 4 + 256 / 16),
    IQ4_XS(23, 256, 2 + 2 + 256 / 2 + 256 / 64),
    I8(24, 1, 1),
    I16(25, 1, 2),
    I32(26, 1, 4),
    I64(27, 1, 8),
    F64(28, 1, 8),
    IQ1_M(29, 256, 256 / 8 + 256 / 16 + 256 / 32),
    BF16(30, 1, 2),
    TQ1_0(34, 256, 2 + 4 * 13),
    TQ2_0(35, 256, 2 + 64),
    MXFP4(39, 32, 1 + 16),
    NVFP4(40, 64, 4 + 32),
    Q1_0(41, 128, 2 + 16),
    Q2_0(42, 64, 2 + 16);

    /** The types {@link GgufTensor#toFloats()} decodes, in the order messages list them. */
    static final String SUPPORTED = "F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K";

    private static final GgufType[] BY_ID = new GgufType[64];

    static {
        for (GgufType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    private final int id;
    private final int blockSize;
    private final int typeSize;

    GgufType(int id, int blockSize, int typeSize) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
    }

    /** The id in the file. */
    public int id() {
        return id;
    }

    /** Elements per block (1 for the plain types). */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    public int typeSize() {
        return typeSize;
    }

    /** Whether {@link GgufTensor#toFloats()} decodes this type. */
    public boolean isDequantizable() {
        return switch (this) {
            case F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K -> true;
            default -> false;
        };
    }

    /**
     * Bytes that {@code elements} values take: elements / blockSize × typeSize, or −1 when {@code elements} is not a
     * whole number of blocks or the size overflows a long.
     */
    public long byteSize(long elements) {
        if (elements < 0 || elements % blockSize != 0) {
            return -1;
        }
        long blocks = elements / blockSize;
        return blocks > Long.MAX_VALUE / typeSize ? -1 : blocks * typeSize;
    }

    /** The type with this id, or null when ggml has none. */
    public static GgufType byId(long id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
    }
}
