package io.edgerouter.engine.quant;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import io.edgerouter.engine.InvalidRequestException;
import io.edgerouter.engine.ModelLoadException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Weight-only quantization of an fp32 ONNX model: every {@code MatMul} (and simple {@code Gemm}) whose weight is a
 * 2-D float32 initializer with at least {@code blockSize} input features becomes a {@code com.microsoft.MatMulNBits}
 * node over the quantized weight; everything else, graph inputs and outputs included, is kept. The output's tensors
 * of 1 KiB or more go to {@code <model>.data} beside it, written one tensor at a time, so the heap holds at most one
 * weight (and the model's graph) at once.
 *
 * <pre>{@code
 * QuantizationReport r = OnnxWeightQuantizer.quantize(fp32Dir, int4Dir, 4, 32);
 * try (LocalEngine engine = LocalEngine.open(LocalEngine.Options.of(int4Dir, null))) { ... }
 * }</pre>
 */
public final class OnnxWeightQuantizer {

    public static final String MODEL_FILE = "model.onnx";
    /**
     * {@code accuracy_level} written on every node: 4 lets the CPU kernel quantize activations to int8, which makes
     * int4 3.5× and int8 2.5× faster than the fp32 MatMul for one token (K = 896, N = 4864), where level 0 is slower
     * than fp32 for int4 and 12× slower for int8 (ONNX Runtime 1.29 dequantizes 8-bit weights on every call).
     */
    public static final int DEFAULT_ACCURACY_LEVEL = 4;

    private final LinearQuantizer quantizer;
    private final int accuracyLevel;

    /** @param accuracyLevel MatMulNBits' accuracy_level: 0 (fp32 activations) … 4 (int8 activations) */
    public OnnxWeightQuantizer(LinearQuantizer quantizer, int accuracyLevel) {
        if (quantizer == null) {
            throw new InvalidRequestException("a quantizer is required");
        }
        if (accuracyLevel < 0 || accuracyLevel > 4) {
            throw new InvalidRequestException("accuracy level must be 0…4, got " + accuracyLevel);
        }
        this.quantizer = quantizer;
        this.accuracyLevel = accuracyLevel;
    }

    /**
     * Quantizes {@code inDir/model.onnx} into {@code outDir} with {@link WeightQuantizer#DEFAULT_SCHEME} blocks and
     * {@link #DEFAULT_ACCURACY_LEVEL}; see {@link #quantizeDirectory}.
     */
    public static QuantizationReport quantize(Path inDir, Path outDir, int bits, int blockSize) {
        return new OnnxWeightQuantizer(new WeightQuantizer(bits, blockSize, WeightQuantizer.DEFAULT_SCHEME),
                DEFAULT_ACCURACY_LEVEL).quantizeDirectory(inDir, outDir);
    }

    /**
     * Writes the quantized {@code model.onnx} (+ {@code model.onnx.data}) to {@code outDir} and copies every other
     * file of {@code inDir} (config.json, tokenizer files, …) unchanged; the input's own external data files are not
     * copied, their tensors now live in the new data file.
     *
     * @throws ModelLoadException naming the file and tensor when the model or its external data cannot be read
     */
    public QuantizationReport quantizeDirectory(Path inDir, Path outDir) {
        long start = System.nanoTime();
        Path in = inDir.toAbsolutePath().normalize();
        Path out = outDir.toAbsolutePath().normalize();
        if (in.equals(out)) {
            throw new InvalidRequestException("output directory " + outDir + " must differ from the input");
        }
        Path model = in.resolve(MODEL_FILE);
        if (!Files.isRegularFile(model)) {
            throw new ModelLoadException("missing " + MODEL_FILE + " in model directory " + inDir);
        }
        createDirectories(out);
        Pass pass = run(model, out.resolve(MODEL_FILE));
        Set<Path> skip = new HashSet<>(pass.externalFiles());
        skip.add(model);
        skip.add(in.resolve(MODEL_FILE + ".data")); // its name is taken by the data file just written
        try (Stream<Path> files = Files.walk(in)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p) && !skip.contains(p) && !p.startsWith(out)) {
                    Path target = out.resolve(in.relativize(p).toString());
                    createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ModelLoadException("cannot copy the files of " + inDir + " to " + outDir + ": "
                    + e.getMessage(), e);
        }
        QuantizationReport r = pass.report();
        return new QuantizationReport(r.nodesConverted(), r.tensorsQuantized(), r.weightBytesBefore(),
                r.weightBytesAfter(), r.bytesBefore(), r.bytesAfter(), (System.nanoTime() - start) / 1e9,
                r.keptFloat());
    }

    /**
     * Quantizes one model file; its tensors of 1 KiB or more go to {@code outModel}'s name + {@code .data} beside it.
     * {@code outModel} must be in another directory than {@code inModel}, whose external data files it may not
     * overwrite.
     */
    public QuantizationReport quantizeModel(Path inModel, Path outModel) {
        Path in = inModel.toAbsolutePath().normalize();
        Path out = outModel.toAbsolutePath().normalize();
        if (in.getParent().equals(out.getParent())) {
            throw new InvalidRequestException("write " + outModel + " to another directory than " + inModel);
        }
        createDirectories(out.getParent());
        return run(in, out).report();
    }

    private record Pass(QuantizationReport report, Set<Path> externalFiles) {
    }

    private Pass run(Path inModel, Path outModel) {
        long start = System.nanoTime();
        OnnxMl.ModelProto model = read(inModel);
        QuantizationPlan plan = QuantizationPlan.of(model.getGraph(), quantizer.bits(), quantizer.blockSize());
        Path data = outModel.resolveSibling(outModel.getFileName() + ".data");
        ModelRewriter rewriter;
        Set<Path> external;
        try (TensorData tensors = new TensorData(inModel);
             ExternalDataWriter writer = new ExternalDataWriter(data, data.getFileName().toString())) {
            rewriter = new ModelRewriter(plan, tensors, writer, quantizer, accuracyLevel);
            OnnxMl.ModelProto.Builder result = model.toBuilder().setGraph(rewriter.rewriteMain(model.getGraph()));
            if (plan.conversions() > 0 && result.getOpsetImportList().stream()
                    .noneMatch(o -> o.getDomain().equals(MatMulNBits.DOMAIN))) {
                result.addOpsetImport(MatMulNBits.opsetImport());
            }
            write(result.build(), outModel);
            external = tensors.files();
        }
        long before = size(inModel) + external.stream().mapToLong(OnnxWeightQuantizer::size).sum();
        if (size(data) == 0) {
            delete(data);
        }
        long after = size(outModel) + (Files.exists(data) ? size(data) : 0);
        return new Pass(new QuantizationReport(plan.conversions(), rewriter.tensorsQuantized(),
                rewriter.weightBytesBefore(), rewriter.weightBytesAfter(), before, after,
                (System.nanoTime() - start) / 1e9, plan.keptFloat()), external);
    }

    private static OnnxMl.ModelProto read(Path model) {
        try {
            return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(model));
        } catch (InvalidProtocolBufferException e) {
            throw new ModelLoadException(model + " is not an ONNX model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + model + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code model} to a temporary file moved into place, so a reader never sees half a model. */
    private static void write(OnnxMl.ModelProto model, Path file) {
        int size = model.getSerializedSize();
        if (size < 0) {
            throw new ModelLoadException("the quantized graph of " + file + " would exceed protobuf's 2 GiB limit");
        }
        try {
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, model.toByteArray());
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ModelLoadException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ModelLoadException("cannot delete the empty " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ModelLoadException("cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
