package io.edgerouter.engine.quant;

import java.util.List;

/**
 * What {@link OnnxWeightQuantizer} did to one model.
 *
 * @param nodesConverted    MatMul / Gemm nodes now MatMulNBits
 * @param tensorsQuantized  fp32 weights written as blocks (one per weight and orientation)
 * @param weightBytesBefore bytes of those fp32 weights
 * @param weightBytesAfter  bytes of their blocks, scales and zero points
 * @param bytesBefore       the input model file plus the external data files it read
 * @param bytesAfter        the output model file plus its external data file
 * @param seconds           wall time of the whole pass
 * @param keptFloat         one line per node with a constant weight that stayed fp32, saying why
 */
public record QuantizationReport(int nodesConverted, int tensorsQuantized, long weightBytesBefore,
                                 long weightBytesAfter, long bytesBefore, long bytesAfter, double seconds,
                                 List<String> keptFloat) {

    public QuantizationReport {
        if (nodesConverted < 0 || tensorsQuantized < 0 || weightBytesBefore < 0 || weightBytesAfter < 0
                || bytesBefore < 0 || bytesAfter < 0 || !(seconds >= 0)) {
            throw new IllegalArgumentException("counts, sizes and time must be ≥ 0");
        }
        keptFloat = List.copyOf(keptFloat);
    }

    /** One line of {@code key=value} pairs, e.g. for the command's output. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "tensors_quantized=%d nodes_converted=%d nodes_kept_fp32=%d"
                        + " weight_bytes_before=%d weight_bytes_after=%d bytes_before=%d bytes_after=%d seconds=%.3f",
                tensorsQuantized, nodesConverted, keptFloat.size(), weightBytesBefore, weightBytesAfter,
                bytesBefore, bytesAfter, seconds);
    }
}
