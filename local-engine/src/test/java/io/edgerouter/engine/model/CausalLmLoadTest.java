package io.edgerouter.engine.model;

import ai.onnx.proto.OnnxMl;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.TinyFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CausalLmLoadTest {

    @TempDir
    Path dir;

    @Test
    void discoversNamesAndGroupedQueryShapesFromTheSession() {
        try (CausalLm model = CausalLm.load(TinyFixture.pair().target(), 1)) {
            ModelSignature sig = model.signature();
            assertThat(sig.positionIds().name()).isEqualTo("position_ids");
            assertThat(sig.cache()).hasSize(2 * (TinyFixture.SPEC.layers() + 1)); // key + value, + the copy head's
            assertThat(sig.cache().get(0).shape()[1]).isEqualTo(TinyFixture.SPEC.kvHeads())
                    .isLessThan(model.config().numHeads());
            assertThat(sig.cache().get(0).shape()[3]).isEqualTo(TinyFixture.SPEC.headDim());
            assertThat(sig.cache().get(0).seqAxis()).isEqualTo(2);
            assertThat(model.vocabSize()).isEqualTo(259);
        }
    }

    @Test
    void rejectsAMissingDirectory() {
        assertThatThrownBy(() -> CausalLm.load(dir.resolve("nope"), 1)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("nope");
    }

    @Test
    void rejectsADirectoryWithoutModelOnnx() throws IOException {
        copy("config.json", "tokenizer.json");
        assertThatThrownBy(() -> CausalLm.load(dir, 1)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("holds config.json, tokenizer.json")
                .hasMessageContaining("expected one of: model.onnx + config.json (Hugging Face Optimum)")
                .hasMessageContaining("genai_config.json").hasMessageContaining(".gguf");
    }

    @Test
    void rejectsADirectoryWithoutConfigJson() throws IOException {
        copy("model.onnx", "tokenizer.json");
        assertThatThrownBy(() -> CausalLm.load(dir, 1)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("has model.onnx but no config.json");
    }

    @Test
    void engineRejectsADirectoryWithoutTokenizerJson() throws IOException {
        copy("model.onnx", "config.json");
        assertThatThrownBy(() -> LocalEngine.open(LocalEngine.Options.of(dir, null)))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("missing tokenizer.json");
    }

    @Test
    void rejectsAModelWithoutAttentionMask() throws IOException {
        copy("config.json");
        writeGraph(false);
        assertThatThrownBy(() -> CausalLm.load(dir, 1)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("no input 'attention_mask'").hasMessageContaining("input_ids");
    }

    @Test
    void rejectsAModelExportedWithoutPastKeyValues() throws IOException {
        copy("config.json");
        writeGraph(true);
        assertThatThrownBy(() -> CausalLm.load(dir, 1)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("no input past_key_values.0.key")
                .hasMessageContaining("text-generation-with-past");
    }

    private void copy(String... files) throws IOException {
        for (String f : files) {
            Files.copy(TinyFixture.pair().target().resolve(f), dir.resolve(f));
        }
    }

    /** A graph input_ids (+ attention_mask) → logits that is not a causal LM export with past. */
    private void writeGraph(boolean withMask) throws IOException {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("not_a_decoder")
                .addInput(info("input_ids", OnnxMl.TensorProto.DataType.INT64_VALUE))
                .addOutput(info("logits", OnnxMl.TensorProto.DataType.FLOAT_VALUE))
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Cast").addInput("input_ids").addOutput("logits")
                        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("to").setI(1)
                                .setType(OnnxMl.AttributeProto.AttributeType.INT)));
        if (withMask) {
            g.addInput(info("attention_mask", OnnxMl.TensorProto.DataType.INT64_VALUE));
            g.addOutput(info("mask_out", OnnxMl.TensorProto.DataType.INT64_VALUE));
            g.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").addInput("attention_mask")
                    .addOutput("mask_out"));
        }
        byte[] model = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(17)).build().toByteArray();
        Files.write(dir.resolve("model.onnx"), model);
    }

    private static OnnxMl.ValueInfoProto info(String name, int type) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("b"))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("s"));
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
    }
}
