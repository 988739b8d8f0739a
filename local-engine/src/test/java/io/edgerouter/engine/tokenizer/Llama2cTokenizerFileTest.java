package io.edgerouter.engine.tokenizer;

import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading llama2.c's tokenizer.bin: the shared files as the README describes them, and every malformed case. */
class Llama2cTokenizerFileTest {

    @TempDir
    Path dir;

    @Test
    void readsStories260KsTok512AsTheSharedReadmeDescribesIt() {
        Llama2cTokenizerFile file = Llama2cTokenizerFile.read(SharedModels.file("stories260K/tok512.bin"), 512);
        assertThat(file.maxTokenLength()).isEqualTo(7);
        assertThat(file.size()).isEqualTo(512);
        assertThat(file.pieces().subList(0, 4)).containsExactly("<unk>", "\n<s>\n", "\n</s>\n", "<0x00>");
        assertThat(file.pieces().get(258)).isEqualTo("<0xFF>");
        assertThat(file.pieces().subList(259, 262)).containsExactly(" t", "he", " a");
        assertThat(file.scores()[261]).isEqualTo(-2f);
    }

    @Test
    void givesTheSentencePieceFormWithMetaSymbolsAndTypes() {
        SentencePieceVocab vocab = Llama2cTokenizerFile.read(SharedModels.file("stories260K/tok512.bin"), 512)
                .toSentencePiece();
        assertThat(vocab.pieces().subList(0, 3)).containsExactly("<unk>", "<s>", "</s>");
        assertThat(vocab.pieces().get(259)).isEqualTo("\u2581t");
        assertThat(vocab.types().subList(0, 4)).containsExactly(TokenType.UNKNOWN, TokenType.CONTROL,
                TokenType.CONTROL, TokenType.BYTE);
        assertThat(vocab.types().get(259)).isEqualTo(TokenType.NORMAL);
        assertThat(vocab.addSpacePrefix()).isTrue();
    }

    @Test
    void rejectsAVocabularySizeOtherThanTheModelsNamingBoth() {
        Path tok512 = SharedModels.file("stories260K/tok512.bin"); // outside the lambda: its skip must not be caught
        assertThatThrownBy(() -> Llama2cTokenizerFile.read(tok512, 511,
                "vocab_size in stories260K.bin")).isInstanceOf(ModelLoadException.class)
                .hasMessage("tok512.bin: 512 pieces, but the model's vocabulary has 511 (vocab_size in stories260K.bin)");
    }

    @Test
    void rejectsAFileCutInsideAPiece() throws IOException {
        byte[] whole = Files.readAllBytes(SharedModels.file("stories260K/tok512.bin"));
        Path cut = write("tokenizer.bin", Arrays.copyOf(whole, whole.length - 2));
        assertThatThrownBy(() -> Llama2cTokenizerFile.read(cut, 512)).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("tokenizer.bin: truncated in piece 511: its length is ")
                .hasMessageContaining("bytes, but only");
    }

    @Test
    void rejectsAFileCutInsideAPieceHeader() throws IOException {
        Path cut = write("tokenizer.bin", bin(7, base(), 5));
        assertThatThrownBy(() -> Llama2cTokenizerFile.read(cut, 260)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("truncated at byte").hasMessageContaining("in the header of piece 259")
                .hasMessageContaining("found 5");
    }

    @Test
    void rejectsNegativeAndHugePieceLengths() throws IOException {
        for (int length : new int[] {-5, 1 << 30, 8}) {
            ByteBuffer bytes = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(7).putFloat(0)
                    .putInt(length);
            Path file = write("bad.bin", bytes.array());
            assertThatThrownBy(() -> Llama2cTokenizerFile.read(file, 1)).isInstanceOf(ModelLoadException.class)
                    .hasMessage("bad.bin: piece 0 has length " + length + ", expected 0..7 (max_token_length)");
        }
    }

    @Test
    void rejectsAMissingOrNonPositiveHeader() throws IOException {
        Path empty = write("empty.bin", new byte[2]);
        assertThatThrownBy(() -> Llama2cTokenizerFile.read(empty, 1)).isInstanceOf(ModelLoadException.class)
                .hasMessage("empty.bin: 2 bytes, too short for the int32 max_token_length header");
        Path zero = write("zero.bin", new byte[4]);
        assertThatThrownBy(() -> Llama2cTokenizerFile.read(zero, 1)).isInstanceOf(ModelLoadException.class)
                .hasMessage("zero.bin: max_token_length is 0, expected > 0");
    }

    @Test
    void rejectsBytePiecesAwayFromIds3To258WhereRunCLooksForThem() throws IOException {
        List<String> pieces = base();
        pieces.set(3 + 0x41, "A");
        Path file = write("tokenizer.bin", bin(7, pieces, 0));
        assertThatThrownBy(() -> Llama2cTokenizerFile.read(file, 259)).isInstanceOf(ModelLoadException.class)
                .hasMessage("tokenizer.bin: piece 68 is \"A\", expected the byte piece <0x41>");
    }

    @Test
    void rejectsAPieceThatIsNotUtf8() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bin(7, base(), 0));
        out.writeBytes(ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).putFloat(-1).putInt(1)
                .put((byte) 0xC3).array());
        Path file = write("tokenizer.bin", out.toByteArray());
        assertThatThrownBy(() -> Llama2cTokenizerFile.read(file, 260)).isInstanceOf(ModelLoadException.class)
                .hasMessage("tokenizer.bin: piece 259 is not valid UTF-8");
    }

    @Test
    void rejectsAMissingFileNamingIt() {
        Path missing = dir.resolve("nope.bin");
        assertThatThrownBy(() -> Llama2cTokenizerFile.read(missing, 512)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("cannot read tokenizer").hasMessageContaining("nope.bin");
    }

    /** llama2.c's fixed first 259 pieces. */
    private static List<String> base() {
        List<String> pieces = new ArrayList<>(List.of("<unk>", "\n<s>\n", "\n</s>\n"));
        for (int b = 0; b < 256; b++) {
            pieces.add(String.format("<0x%02X>", b));
        }
        return pieces;
    }

    /** A tokenizer.bin of the pieces (score 0), then {@code extra} bytes of a cut-off next header. */
    private static byte[] bin(int maxTokenLength, List<String> pieces, int extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(maxTokenLength).array());
        for (String piece : pieces) {
            byte[] utf8 = piece.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0).putInt(utf8.length)
                    .array());
            out.writeBytes(utf8);
        }
        out.writeBytes(new byte[extra]);
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
