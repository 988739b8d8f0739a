package io.edgerouter.engine.quant;

import ai.onnx.proto.OnnxMl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The analysis before anything is written: which {@code MatMul} / {@code Gemm} nodes (in the main graph or in
 * subgraphs of If/Loop/Scan) multiply by a 2-D float32 initializer of the main graph and become MatMulNBits, which
 * such nodes stay fp32 and why, and which initializers no node uses afterwards. A name a subgraph defines itself
 * shadows the main graph's, so a subgraph's reference only counts when nothing on its path redefines it.
 */
final class QuantizationPlan {

    /** A quantized copy of initializer {@code name}; {@code transposed} when it is stored (K, N). */
    record Weight(String name, boolean transposed) {
    }

    /** One node to convert: Y = A · W (+ bias) with W of {@code k} in and {@code n} out features. */
    record Conversion(Weight weight, int k, int n, String bias) {
    }

    /** The new initializers of one quantized weight. */
    record Names(String packed, String scales, String zeroPoints) {
    }

    private final Map<OnnxMl.NodeProto, Conversion> conversions = new IdentityHashMap<>();
    private final Map<Weight, Names> names = new LinkedHashMap<>();
    private final Map<String, Integer> uses = new HashMap<>();
    private final Set<String> unused = new HashSet<>();
    private final List<String> keptFloat = new ArrayList<>();
    private final Map<String, OnnxMl.TensorProto> constants = new HashMap<>();
    private final Set<String> inputs = new HashSet<>();
    private final Set<String> taken = new HashSet<>();
    private final int blockSize;

    private QuantizationPlan(int blockSize) {
        this.blockSize = blockSize;
    }

    /** Plans the conversion of {@code graph} (the main graph) to {@code bits}-wide blocks of {@code blockSize}. */
    static QuantizationPlan of(OnnxMl.GraphProto graph, int bits, int blockSize) {
        QuantizationPlan plan = new QuantizationPlan(blockSize);
        for (OnnxMl.ValueInfoProto in : graph.getInputList()) {
            plan.inputs.add(in.getName());
        }
        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            plan.constants.put(t.getName(), t);
        }
        plan.walk(graph, Set.of(), true);
        Set<String> converted = new HashSet<>();
        for (Conversion c : plan.conversions.values()) {
            plan.uses.merge(c.weight().name(), -1, Integer::sum);
            converted.add(c.weight().name());
        }
        for (String name : converted) {
            if (plan.uses.getOrDefault(name, 0) == 0) {
                plan.unused.add(name);
            }
        }
        for (Weight w : plan.names.keySet()) {
            String base = w.name() + (w.transposed() ? "_T" : "");
            plan.names.put(w, new Names(plan.fresh(base + "_Q" + bits), plan.fresh(base + "_scales"),
                    plan.fresh(base + "_zp")));
        }
        return plan;
    }

    /** The conversion of {@code node} (identity: the node object of the parsed model), or null. */
    Conversion conversion(OnnxMl.NodeProto node) {
        return conversions.get(node);
    }

    /** The quantized copies to make of initializer {@code name}, with the names of their tensors. */
    Map<Weight, Names> copiesOf(String name) {
        Map<Weight, Names> out = new LinkedHashMap<>();
        names.forEach((w, n) -> {
            if (w.name().equals(name)) {
                out.put(w, n);
            }
        });
        return out;
    }

    /** Whether no node uses initializer {@code name} once the planned nodes are converted. */
    boolean unused(String name) {
        return unused.contains(name);
    }

    int conversions() {
        return conversions.size();
    }

    /** One line per node that multiplies by a constant weight but stays fp32, saying why. */
    List<String> keptFloat() {
        return List.copyOf(keptFloat);
    }

    private void walk(OnnxMl.GraphProto g, Set<String> shadowed, boolean main) {
        for (OnnxMl.NodeProto node : g.getNodeList()) {
            taken.addAll(node.getOutputList());
            for (String in : node.getInputList()) {
                if (!in.isEmpty() && !shadowed.contains(in)) {
                    uses.merge(in, 1, Integer::sum);
                }
            }
            consider(node, shadowed);
            for (OnnxMl.AttributeProto a : node.getAttributeList()) {
                List<OnnxMl.GraphProto> subgraphs = new ArrayList<>(a.getGraphsList());
                if (a.hasG()) {
                    subgraphs.add(a.getG());
                }
                for (OnnxMl.GraphProto sub : subgraphs) {
                    walk(sub, shadow(shadowed, sub), false);
                }
            }
        }
        for (OnnxMl.ValueInfoProto out : g.getOutputList()) {
            if (!shadowed.contains(out.getName())) {
                uses.merge(out.getName(), 1, Integer::sum); // an initializer may be a graph output
            }
        }
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            taken.add(t.getName());
        }
        if (main) {
            taken.addAll(inputs);
        }
    }

    /** The names {@code sub} defines itself, added to those already shadowed. */
    private Set<String> shadow(Set<String> shadowed, OnnxMl.GraphProto sub) {
        Set<String> out = new HashSet<>(shadowed);
        sub.getInputList().forEach(v -> out.add(v.getName()));
        sub.getInitializerList().forEach(t -> out.add(t.getName()));
        sub.getNodeList().forEach(n -> out.addAll(n.getOutputList()));
        taken.addAll(out);
        return out;
    }

    private void consider(OnnxMl.NodeProto node, Set<String> shadowed) {
        boolean standard = node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
        boolean matMul = node.getOpType().equals("MatMul");
        if (!standard || !(matMul || node.getOpType().equals("Gemm")) || node.getInputCount() < 2) {
            return;
        }
        String b = node.getInput(1);
        OnnxMl.TensorProto w = shadowed.contains(b) ? null : constants.get(b);
        if (w == null) {
            return; // activations times activations: nothing to quantize
        }
        String why = matMul ? weightProblem(w, 0) : gemmProblem(node, w, shadowed);
        if (why != null) {
            keptFloat.add(node.getOpType() + " '" + node.getName() + "' (B = '" + b + "'): " + why);
            return;
        }
        boolean transB = !matMul && intAttribute(node, "transB", 0) != 0;
        int k = (int) w.getDims(transB ? 1 : 0);
        int n = (int) w.getDims(transB ? 0 : 1);
        String bias = matMul || node.getInputCount() < 3 || node.getInput(2).isEmpty() ? null : node.getInput(2);
        Weight weight = new Weight(b, !transB);
        names.putIfAbsent(weight, null);
        conversions.put(node, new Conversion(weight, k, n, bias));
    }

    /** Why initializer {@code w} cannot be quantized with its input features on axis {@code kAxis}, or null. */
    private String weightProblem(OnnxMl.TensorProto w, int kAxis) {
        if (inputs.contains(w.getName())) {
            return "the initializer is also a graph input, so callers may override it";
        }
        if (w.getDataType() != OnnxMl.TensorProto.DataType.FLOAT_VALUE) {
            return "weight type " + OnnxMl.TensorProto.DataType.forNumber(w.getDataType()) + ", not float32";
        }
        if (w.getDimsCount() != 2) {
            return "weight dims " + w.getDimsList() + " are not 2-D";
        }
        if (w.getDims(0) > Integer.MAX_VALUE || w.getDims(1) > Integer.MAX_VALUE) {
            return "weight dims " + w.getDimsList() + " exceed 2^31";
        }
        if (w.getDims(kAxis) < blockSize) {
            return "K = " + w.getDims(kAxis) + " is smaller than the block size " + blockSize;
        }
        return null;
    }

    private String gemmProblem(OnnxMl.NodeProto node, OnnxMl.TensorProto w, Set<String> shadowed) {
        if (intAttribute(node, "transA", 0) != 0 || floatAttribute(node, "alpha") != 1f) {
            return "Gemm with transA or alpha ≠ 1";
        }
        boolean transB = intAttribute(node, "transB", 0) != 0;
        String weight = weightProblem(w, transB ? 1 : 0);
        if (weight != null || node.getInputCount() < 3 || node.getInput(2).isEmpty()) {
            return weight;
        }
        OnnxMl.TensorProto c = shadowed.contains(node.getInput(2)) ? null : constants.get(node.getInput(2));
        long n = w.getDims(transB ? 0 : 1);
        boolean vector = c != null && c.getDataType() == OnnxMl.TensorProto.DataType.FLOAT_VALUE
                && c.getDimsCount() == 1 && c.getDims(0) == n && !inputs.contains(c.getName());
        return vector && floatAttribute(node, "beta") == 1f ? null
                : "Gemm bias C is not a float32 (" + n + ") initializer added with beta = 1";
    }

    private static long intAttribute(OnnxMl.NodeProto node, String name, long otherwise) {
        for (OnnxMl.AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return otherwise;
    }

    /** A float attribute, 1 when absent (alpha and beta default to 1). */
    private static float floatAttribute(OnnxMl.NodeProto node, String name) {
        for (OnnxMl.AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getF();
            }
        }
        return 1f;
    }

    private String fresh(String base) {
        String name = base;
        for (int i = 1; taken.contains(name); i++) {
            name = base + "_" + i;
        }
        taken.add(name);
        return name;
    }
}
