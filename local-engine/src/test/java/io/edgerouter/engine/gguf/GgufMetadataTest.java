package io.edgerouter.engine.gguf;

import io.edgerouter.engine.ModelLoadException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed getters: what each accepts, and the message when the key is missing or has another type. */
class GgufMetadataTest {

    @TempDir
    Path dir;

    private GgufFile f;

    @BeforeEach
    void write() {
        f = GgufFile.open(GgufRoundTripTest.everyValueType(3)
                .putArray("tokenizer.ggml.scores", GgufValueType.STRING, List.of("not", "floats"))
                .put("llama.block_count", GgufValueType.U32, 22L)
                .put("llama.rope.freq_base", GgufValueType.F32, 10000f)
                .write(dir.resolve("meta.gguf")));
    }

    @Test
    void readsEachTypeThroughItsGetter() {
        assertThat(f.string("string")).isEqualTo("Grüße, 世界 ▁<0x0A>");
        assertThat(f.optionalString("string")).contains("Grüße, 世界 ▁<0x0A>");
        assertThat(f.optionalString("tokenizer.chat_template")).isEmpty();
        assertThat(f.integer("u8")).isEqualTo(255);
        assertThat(f.integer("i8")).isEqualTo(-128);
        assertThat(f.integer("u32")).isEqualTo(4294967295L);
        assertThat(f.integer("i64")).isEqualTo(Long.MIN_VALUE);
        assertThat(f.optionalInteger("i16")).hasValue(-32768);
        assertThat(f.optionalInteger("absent")).isEmpty();
        assertThat(f.real("f32")).isEqualTo((double) 0.1f);
        assertThat(f.real("f64")).isEqualTo(Math.PI);
        assertThat(f.optionalReal("absent")).isEmpty();
        assertThat(f.bool("bool")).isTrue();
        assertThat(f.optionalBool("bool")).contains(true);
        assertThat(f.strings("a.string")).containsExactly("a b", "", "ü");
        assertThat(f.floats("a.f32")).containsExactly(1.5f, -0.0f, 1e-40f);
        assertThat(f.ints("a.i32")).containsExactly(1, -2, 3);
        assertThat(f.ints("a.u8")).containsExactly(0, 200);
        assertThat(f.architecture()).isEqualTo("llama");
        assertThat(f.integer(f.arch("block_count"))).isEqualTo(22);
        assertThat(f.real(f.arch("rope.freq_base"))).isEqualTo(10000.0);
    }

    @Test
    void returnsCopiesOfArraysSoCallersCannotChangeTheFile() {
        f.floats("a.f32")[0] = 99;
        f.ints("a.i32")[0] = 99;
        assertThat(f.floats("a.f32")[0]).isEqualTo(1.5f);
        assertThat(f.ints("a.i32")[0]).isEqualTo(1);
        assertThatThrownBy(() -> f.strings("a.string").set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> f.metadata().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void namesTheActualAndTheExpectedTypeOnAMismatch() {
        Map<ThrowingSupplier<?>, String> cases = Map.of(
                () -> f.floats("tokenizer.ggml.scores"), "meta.gguf: tokenizer.ggml.scores is string[], expected f32[]",
                () -> f.string("u32"), "meta.gguf: u32 is u32, expected string",
                () -> f.integer("f32"), "meta.gguf: f32 is f32, expected an integer",
                () -> f.real("u8"), "meta.gguf: u8 is u8, expected f32 or f64",
                () -> f.bool("string"), "meta.gguf: string is string, expected bool",
                () -> f.strings("a.f64"), "meta.gguf: a.f64 is f64[], expected string[]",
                () -> f.ints("a.f32"), "meta.gguf: a.f32 is f32[], expected an integer array",
                () -> f.floats("a.nested"), "meta.gguf: a.nested is array[], expected f32[]");
        cases.forEach((call, message) -> assertThatThrownBy(call::get).isInstanceOf(ModelLoadException.class)
                .hasMessage(message));
    }

    @Test
    void namesAMissingKeyAndValuesOutsideTheJavaRange() {
        assertThatThrownBy(() -> f.integer("llama.context_length")).isInstanceOf(ModelLoadException.class)
                .hasMessage("meta.gguf: missing key llama.context_length (the file has 27 keys)");
        assertThatThrownBy(() -> f.integer("u64")).isInstanceOf(ModelLoadException.class)
                .hasMessage("meta.gguf: u64 is u64 18446744073709551615, beyond the signed 64-bit range");
        assertThatThrownBy(() -> f.ints("a.u32")).isInstanceOf(ModelLoadException.class)
                .hasMessage("meta.gguf: a.u32[0] is u32 4000000000, outside the int range");
        assertThatThrownBy(() -> f.tensor("output.weight")).isInstanceOf(ModelLoadException.class)
                .hasMessage("meta.gguf: missing tensor output.weight (the file has 0 tensors)");
        assertThat(f.optionalTensor("output.weight")).isEmpty();
    }
}
