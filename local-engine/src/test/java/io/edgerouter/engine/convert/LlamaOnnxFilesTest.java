package io.edgerouter.engine.convert;

import ai.onnx.proto.OnnxMl;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.edgerouter.engine.SharedModels;
import io.edgerouter.engine.kv.KvCache;
import io.edgerouter.engine.model.CausalLm;
import io.edgerouter.engine.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link LlamaOnnx} leaves in the directory, and that the engine itself runs it. */
class LlamaOnnxFilesTest {

    @TempDir
    Path tmp;

    @Test
    void largeInitializersLiveInTheDataFileAtAlignedNonOverlappingOffsets() throws Exception {
        Llama2cCheckpoint weights = LlamaOnnxTest.stories260k();
        LlamaOnnx.write(weights, tmp, LlamaOnnx.Options.defaults());
        OnnxMl.GraphProto graph = graph();
        long dataSize = Files.size(tmp.resolve(LlamaOnnx.DATA));
        long end = 0;
        int external = 0;
        for (OnnxMl.TensorProto t : graph.getInitializerList()) {
            if (t.getDataLocation() != OnnxMl.TensorProto.DataLocation.EXTERNAL) {
                assertThat(t.getRawData().size()).as(t.getName()).isLessThan(1024);
                continue;
            }
            external++;
            Map<String, String> where = new HashMap<>();
            t.getExternalDataList().forEach(e -> where.put(e.getKey(), e.getValue()));
            long offset = Long.parseLong(where.get("offset"));
            long length = Long.parseLong(where.get("length"));
            assertThat(where.get("location")).isEqualTo("model.onnx.data");
            assertThat(offset % (length >= 4096 ? 4096 : 64)).as(t.getName()).isZero();
            assertThat(offset).as(t.getName() + " starts after the previous tensor").isGreaterThanOrEqualTo(end);
            end = offset + length;
        }
        assertThat(end).isEqualTo(dataSize);
        assertThat(external).as("embedding, 4 stacked projections a layer, cos and sin (norms of 256 B stay inline)")
                .isEqualTo(1 + 5 * 4 + 2);
        assertThat(Files.size(tmp.resolve(LlamaOnnx.MODEL))).isLessThan(64 * 1024);
        assertThat(embeddingBytes(graph)).isEqualTo(weights.tokenEmbedding());
    }

    @Test
    void theTiedEmbeddingIsOneInitializerReadByTheGatherAndTheHead() throws Exception {
        LlamaOnnx.write(LlamaOnnxTest.stories260k(), tmp, LlamaOnnx.Options.defaults());
        OnnxMl.GraphProto graph = graph();
        List<String> readers = new ArrayList<>();
        for (OnnxMl.NodeProto n : graph.getNodeList()) {
            if (n.getInputList().contains("token_embd.weight")) {
                readers.add(n.getOpType());
            }
        }
        assertThat(readers).containsExactlyInAnyOrder("Gather", "Gemm");
        assertThat(graph.getInitializerList()).filteredOn(t -> t.getDimsList().equals(List.of(512L, 64L))
                || t.getDimsList().equals(List.of(64L, 512L))).hasSize(1);
    }

    @Test
    void configJsonCarriesTheHuggingFaceFieldsTheEngineReads() throws Exception {
        LlamaConfig c = new LlamaConfig("qwen2", 97, 48, 80, 3, 6, 2, 16, 8, 64, 1e6, LlamaConfig.RopeStyle.HALF,
                1e-6, true, false, 5, 7);
        LlamaOnnx.write(new RandomLlamaWeights(c, 1), tmp, LlamaOnnx.Options.defaults());
        ModelConfig engine = ModelConfig.read(tmp);
        assertThat(engine).isEqualTo(new ModelConfig("qwen2", 3, 6, 2, 16, 97, 64, Set.of(7), 5, false));
        JsonObject json = JsonParser.parseString(Files.readString(tmp.resolve("config.json"))).getAsJsonObject();
        assertThat(json.getAsJsonArray("architectures").get(0).getAsString()).isEqualTo("Qwen2ForCausalLM");
        assertThat(json.get("head_dim").getAsInt()).isEqualTo(16);
        assertThat(json.get("intermediate_size").getAsInt()).isEqualTo(80);
        assertThat(json.get("rope_theta").getAsDouble()).isEqualTo(1e6);
        assertThat(json.get("rms_norm_eps").getAsDouble()).isEqualTo(1e-6);
        assertThat(json.get("tie_word_embeddings").getAsBoolean()).isFalse();
        assertThat(json.get("bos_token_id").getAsInt()).isEqualTo(5);
        assertThat(json.get("partial_rotary_factor").getAsDouble()).isEqualTo(0.5);
        JsonObject generation = JsonParser.parseString(Files.readString(tmp.resolve("generation_config.json")))
                .getAsJsonObject();
        assertThat(generation.get("eos_token_id").getAsInt()).isEqualTo(7);
    }

    @Test
    void theWriterAsksForEveryTensorExactlyOnce() throws Exception {
        Map<String, Integer> asked = new HashMap<>();
        Llama2cCheckpoint base = LlamaOnnxTest.stories260k();
        LlamaWeights counting = new LlamaWeights() {
            public LlamaConfig config() {
                return base.config();
            }

            public float[] tokenEmbedding() {
                asked.merge("token_embd", 1, Integer::sum);
                return base.tokenEmbedding();
            }

            public float[] norm(String name) {
                asked.merge(name, 1, Integer::sum);
                return base.norm(name);
            }

            public Linear linear(String name) {
                asked.merge(name, 1, Integer::sum);
                return base.linear(name);
            }

            public float[] bias(String name) {
                return base.bias(name);
            }
        };
        LlamaOnnx.write(counting, tmp, LlamaOnnx.Options.defaults());
        assertThat(asked).hasSize(2 + 5 * 9).allSatisfy((name, times) -> assertThat(times).as(name).isEqualTo(1));
    }

    /** The engine's own loader and KV cache run the converted directory: run.c's greedy output, token for token. */
    @Test
    void theEngineLoadsConvertedStories260kAndGreedyDecodesLlama2csPublishedOutput() throws Exception {
        LlamaOnnx.write(LlamaOnnxTest.stories260k(), tmp, LlamaOnnx.Options.defaults());
        Llama2cPieces pieces = Llama2cPieces.read(SharedModels.file("stories260K/tok512.bin"), 512);
        byte[] expected = Files.readAllBytes(SharedModels.file("stories260K/greedy_from_bos.txt"));
        int[] tokens = new int[257];
        tokens[0] = Llama2cPieces.BOS;
        try (CausalLm model = CausalLm.load(tmp, 1); KvCache cache = model.newCache()) {
            for (int pos = 0; pos < 256; pos++) {
                tokens[pos + 1] = LlamaReferenceTest.argmax(model.forward(new int[] {tokens[pos]}, cache, 1));
            }
        }
        assertThat(new String(pieces.print(tokens), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }

    private OnnxMl.GraphProto graph() throws Exception {
        return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(tmp.resolve(LlamaOnnx.MODEL))).getGraph();
    }

    /** The embedding's floats read back from the data file at its recorded offset. */
    private float[] embeddingBytes(OnnxMl.GraphProto graph) throws Exception {
        OnnxMl.TensorProto t = graph.getInitializerList().stream()
                .filter(i -> i.getName().equals("token_embd.weight")).findFirst().orElseThrow();
        long offset = Long.parseLong(t.getExternalDataList().stream().filter(e -> e.getKey().equals("offset"))
                .findFirst().orElseThrow().getValue());
        float[] out = new float[512 * 64];
        try (FileChannel ch = FileChannel.open(tmp.resolve(LlamaOnnx.DATA))) {
            ByteBuffer b = ByteBuffer.allocate(out.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, offset);
            b.flip().asFloatBuffer().get(out);
        }
        return out;
    }
}
