package io.edgerouter.engine.quant;

import ai.onnx.proto.OnnxMl;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.convert.Linear;
import io.edgerouter.engine.quant.QuantizationPlan.Conversion;
import io.edgerouter.engine.quant.QuantizationPlan.Names;
import io.edgerouter.engine.quant.QuantizationPlan.Weight;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link QuantizationPlan} out: quantized weights and every external or large tensor go to one external
 * data file, one tensor at a time (a weight is quantized a band of rows at a time), and planned nodes become
 * MatMulNBits. The main graph's initializers are rewritten before its nodes, so every weight is quantized before a
 * node (or a subgraph's node) refers to it.
 */
final class ModelRewriter {

    /** Tensors smaller than this stay inside the model file (the size below which onnx keeps them inline too). */
    static final int INLINE_LIMIT = 1024;
    /** Floats of one band of weight rows handed to the quantizer at once (4 MiB). */
    private static final int BAND = 1 << 20;

    private final QuantizationPlan plan;
    private final TensorData in;
    private final ExternalDataWriter out;
    private final LinearQuantizer quantizer;
    private final int accuracyLevel;
    private final Map<Weight, Names> written = new HashMap<>(); // zero-point name null when the blocks have none
    private long weightBytesBefore;
    private long weightBytesAfter;

    ModelRewriter(QuantizationPlan plan, TensorData in, ExternalDataWriter out, LinearQuantizer quantizer,
                  int accuracyLevel) {
        this.plan = plan;
        this.in = in;
        this.out = out;
        this.quantizer = quantizer;
        this.accuracyLevel = accuracyLevel;
    }

    /** The main graph rewritten: quantized weights in place of the fp32 ones no node uses any more. */
    OnnxMl.GraphProto rewriteMain(OnnxMl.GraphProto g) {
        OnnxMl.GraphProto.Builder b = g.toBuilder().clearInitializer().clearNode();
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            Map<Weight, Names> copies = plan.copiesOf(t.getName());
            if (!copies.isEmpty()) {
                weightBytesBefore += TensorData.expectedBytes(t);
            }
            copies.forEach((w, names) -> b.addAllInitializer(quantize(t, w, names)));
            if (!plan.unused(t.getName())) {
                b.addInitializer(relocate(t, true));
            }
        }
        for (OnnxMl.NodeProto node : g.getNodeList()) {
            b.addNode(rewrite(node));
        }
        return b.build();
    }

    /** Quantized copies written (a weight used both as (K, N) and (N, K) counts twice). */
    int tensorsQuantized() {
        return written.size();
    }

    long weightBytesBefore() {
        return weightBytesBefore;
    }

    long weightBytesAfter() {
        return weightBytesAfter;
    }

    /** A subgraph: its own external tensors move to the new data file, inline ones stay where they are. */
    private OnnxMl.GraphProto rewriteSubgraph(OnnxMl.GraphProto g) {
        OnnxMl.GraphProto.Builder b = g.toBuilder().clearInitializer().clearNode();
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            b.addInitializer(relocate(t, false));
        }
        for (OnnxMl.NodeProto node : g.getNodeList()) {
            b.addNode(rewrite(node));
        }
        return b.build();
    }

    private OnnxMl.NodeProto rewrite(OnnxMl.NodeProto node) {
        Conversion c = plan.conversion(node);
        if (c != null) {
            Names names = written.get(c.weight());
            String name = node.getName().isEmpty() ? "" : node.getName() + "_Q" + quantizer.bits();
            return MatMulNBits.node(name, new MatMulNBits.Inputs(node.getInput(0), names.packed(), names.scales(),
                            names.zeroPoints(), c.bias()), node.getOutput(0), c.k(), c.n(), quantizer.bits(),
                    quantizer.blockSize(), accuracyLevel);
        }
        boolean nested = node.getAttributeList().stream()
                .anyMatch(a -> a.hasG() || a.getGraphsCount() > 0 || a.hasT() || a.getTensorsCount() > 0);
        if (!nested) {
            return node;
        }
        OnnxMl.NodeProto.Builder b = node.toBuilder().clearAttribute();
        for (OnnxMl.AttributeProto a : node.getAttributeList()) {
            OnnxMl.AttributeProto.Builder ab = a.toBuilder().clearGraphs().clearTensors();
            if (a.hasG()) {
                ab.setG(rewriteSubgraph(a.getG()));
            }
            a.getGraphsList().forEach(g -> ab.addGraphs(rewriteSubgraph(g)));
            if (a.hasT()) {
                ab.setT(relocate(a.getT(), false));
            }
            a.getTensorsList().forEach(t -> ab.addTensors(relocate(t, false)));
            b.addAttribute(ab);
        }
        return b.build();
    }

    /**
     * Quantizes initializer {@code t} (stored (K, N) when {@code w.transposed()}, else (N, K)) into MatMulNBits'
     * B, scales and zero points.
     */
    private List<OnnxMl.TensorProto> quantize(OnnxMl.TensorProto t, Weight w, Names names) {
        int k = (int) t.getDims(w.transposed() ? 0 : 1);
        int n = (int) t.getDims(w.transposed() ? 1 : 0);
        int bits = quantizer.bits();
        int blocks = Linear.Blocked.blocks(k, quantizer.blockSize());
        int zpRow = (blocks * bits + 7) / 8;
        FloatBuffer values = in.bytes(t).asFloatBuffer(); // (K, N) or (N, K)
        float[] scales = new float[n * blocks]; // (N, blocks)
        byte[] zeroPoints = null; // (N, zpRow)
        int band = Math.max(1, BAND / k);
        long packedAt = out.begin((long) n * blocks * quantizer.blockSize() * bits / 8);
        for (int r0 = 0; r0 < n; r0 += band) {
            int rows = Math.min(band, n - r0);
            Linear.Blocked q = quantizer.quantize(new Linear.Dense(rows, k, rows(values, w.transposed(), k, n, r0,
                    rows)));
            check(t, q, rows, k, r0 > 0 && (q.zeroPoints() != null) != (zeroPoints != null));
            out.write(ByteBuffer.wrap(q.packed()));
            System.arraycopy(q.scales(), 0, scales, r0 * blocks, rows * blocks);
            if (q.zeroPoints() != null) {
                zeroPoints = zeroPoints == null ? new byte[n * zpRow] : zeroPoints;
                System.arraycopy(q.zeroPoints(), 0, zeroPoints, r0 * zpRow, rows * zpRow);
            }
        }
        List<OnnxMl.TensorProto> tensors = tensors(names, n, k, packedAt, scales, zeroPoints);
        written.put(w, new Names(names.packed(), names.scales(), zeroPoints == null ? null : names.zeroPoints()));
        return tensors;
    }

    /** B (already written from {@code packedAt}), the scales and the zero points (if any) of an (N, K) weight. */
    private List<OnnxMl.TensorProto> tensors(Names names, int n, int k, long packedAt, float[] scales,
                                             byte[] zeroPoints) {
        int bits = quantizer.bits();
        int bs = quantizer.blockSize();
        List<OnnxMl.TensorProto> tensors = new ArrayList<>(3);
        tensors.add(out.finish(header(names.packed(), OnnxMl.TensorProto.DataType.UINT8_VALUE,
                MatMulNBits.weightDims(n, k, bits, bs)), packedAt));
        tensors.add(place(header(names.scales(), OnnxMl.TensorProto.DataType.FLOAT_VALUE,
                MatMulNBits.scalesDims(n, k, bs)), MatMulNBits.floatBytes(scales).asReadOnlyByteBuffer()));
        if (zeroPoints != null) {
            tensors.add(place(header(names.zeroPoints(), OnnxMl.TensorProto.DataType.UINT8_VALUE,
                    MatMulNBits.zeroPointDims(n, k, bits, bs)), ByteBuffer.wrap(zeroPoints)));
        }
        for (OnnxMl.TensorProto q : tensors) {
            weightBytesAfter += TensorData.expectedBytes(q);
        }
        return tensors;
    }

    /** Rows [r0, r0 + rows) of W (N, K), read from a (K, N) or (N, K) buffer: (rows, K). */
    private static float[] rows(FloatBuffer values, boolean transposed, int k, int n, int r0, int rows) {
        float[] band = new float[rows * k];
        if (!transposed) {
            values.get(r0 * k, band);
            return band;
        }
        float[] line = new float[rows]; // bulk reads: a mapped buffer is slow element by element
        for (int c = 0; c < k; c++) { // row c of (K, N) holds column c of every output row
            values.get(c * n + r0, line, 0, rows);
            for (int r = 0; r < rows; r++) {
                band[r * k + c] = line[r];
            }
        }
        return band;
    }

    private void check(OnnxMl.TensorProto t, Linear.Blocked q, int rows, int k, boolean zeroPointsChanged) {
        if (q.rows() != rows || q.cols() != k || q.bits() != quantizer.bits()
                || q.blockSize() != quantizer.blockSize() || zeroPointsChanged) {
            throw new ModelLoadException("quantizing tensor '" + t.getName() + "': expected " + quantizer.bits()
                    + "-bit blocks of " + quantizer.blockSize() + " for (" + rows + ", " + k + ") with zero points"
                    + " in every band or none, got " + q.bits() + "-bit blocks of " + q.blockSize() + " for ("
                    + q.rows() + ", " + q.cols() + ")");
        }
    }

    /**
     * {@code t} with its bytes in the new data file when they were external (or, if {@code large}, at least
     * {@link #INLINE_LIMIT} inline bytes); otherwise {@code t} itself.
     */
    private OnnxMl.TensorProto relocate(OnnxMl.TensorProto t, boolean large) {
        if (TensorData.isExternal(t)) {
            TensorData.Location at = in.location(t);
            long offset = out.begin(at.length());
            try {
                out.transfer(in.channel(at.file()), at.offset(), at.length());
            } catch (IOException e) {
                throw new ModelLoadException("cannot read external data file " + at.file() + " of tensor '"
                        + t.getName() + "': " + e.getMessage(), e);
            }
            return out.finish(t, offset);
        }
        if (large && t.getRawData().size() >= INLINE_LIMIT) {
            return place(t, t.getRawData().asReadOnlyByteBuffer());
        }
        return t;
    }

    /** {@code header} holding {@code data}: inline below {@link #INLINE_LIMIT} bytes, else in the data file. */
    private OnnxMl.TensorProto place(OnnxMl.TensorProto header, ByteBuffer data) {
        if (data.remaining() < INLINE_LIMIT) {
            return header.toBuilder().setRawData(com.google.protobuf.ByteString.copyFrom(data)).build();
        }
        long offset = out.begin(data.remaining());
        out.write(data);
        return out.finish(header, offset);
    }

    private static OnnxMl.TensorProto header(String name, int type, long[] dims) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type);
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
