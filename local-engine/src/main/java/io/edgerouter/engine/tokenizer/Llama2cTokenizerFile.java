package io.edgerouter.engine.tokenizer;

import io.edgerouter.engine.ModelLoadException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A llama2.c {@code tokenizer.bin}: little-endian int32 {@code max_token_length}, then for every token
 * {f32 score, i32 length, length bytes of UTF-8}. The number of tokens is not stored, so the file is read to its end
 * and the count is checked against the model's vocabulary size.
 *
 * <p>The pieces are kept exactly as the file has them: llama2.c's exporter wrote SentencePiece's {@code ▁} as a
 * plain space and the BOS/EOS pieces as {@code "\n<s>\n"} / {@code "\n</s>\n"}; {@link #toSentencePiece()} undoes
 * that.
 *
 * @param maxTokenLength the longest piece in bytes, as the header states
 * @param pieces         the pieces by id
 * @param scores         the merge score of each piece by id (a copy is kept and handed out)
 */
public record Llama2cTokenizerFile(int maxTokenLength, List<String> pieces, float[] scores) {

    /** The exporter's fixed layout: 0 unknown, 1 BOS, 2 EOS, then the 256 byte pieces. */
    static final int UNK_ID = 0;
    static final int BOS_ID = 1;
    static final int EOS_ID = 2;
    static final int FIRST_BYTE_ID = 3;

    public Llama2cTokenizerFile {
        pieces = List.copyOf(pieces);
        scores = scores.clone();
        if (maxTokenLength <= 0) {
            throw new IllegalArgumentException("max_token_length must be positive, got " + maxTokenLength);
        }
        if (pieces.size() != scores.length) {
            throw new IllegalArgumentException(pieces.size() + " pieces but " + scores.length + " scores");
        }
    }

    @Override
    public float[] scores() {
        return scores.clone();
    }

    /** Number of tokens. */
    public int size() {
        return pieces.size();
    }

    /**
     * Reads a tokenizer.bin whose token count must equal {@code expectedVocab}, the model's {@code vocab_size}.
     *
     * @throws ModelLoadException naming the file and what was wrong: unreadable, truncated, a negative or too long
     *                            piece length, a piece that is not UTF-8, a count different from expectedVocab, or
     *                            byte pieces missing from ids 3..258 where llama2.c's encoder looks for them
     */
    public static Llama2cTokenizerFile read(Path tokenizerBin, int expectedVocab) {
        return read(tokenizerBin, expectedVocab, "the model's vocab_size");
    }

    /**
     * As {@link #read(Path, int)}; {@code expectedFrom} says where expectedVocab came from in error messages, e.g.
     * {@code "vocab_size in stories260K.bin"}.
     */
    public static Llama2cTokenizerFile read(Path tokenizerBin, int expectedVocab, String expectedFrom) {
        String name = String.valueOf(tokenizerBin.getFileName());
        ByteBuffer in;
        try {
            in = ByteBuffer.wrap(Files.readAllBytes(tokenizerBin)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read tokenizer " + tokenizerBin + ": " + e.getMessage(), e);
        }
        if (in.remaining() < Integer.BYTES) {
            throw new ModelLoadException(name + ": " + in.remaining()
                    + " bytes, too short for the int32 max_token_length header");
        }
        int maxTokenLength = in.getInt();
        if (maxTokenLength <= 0) {
            throw new ModelLoadException(name + ": max_token_length is " + maxTokenLength + ", expected > 0");
        }
        List<String> pieces = new ArrayList<>();
        // every piece takes at least 8 bytes, which bounds the count whatever expectedVocab claims
        float[] scores = new float[Math.min(Math.max(16, expectedVocab), in.remaining() / 8 + 1)];
        while (in.hasRemaining()) {
            int id = pieces.size();
            if (id == scores.length) {
                scores = Arrays.copyOf(scores, id * 2);
            }
            scores[id] = readScore(in, name, id);
            pieces.add(readPiece(in, name, id, maxTokenLength));
        }
        if (pieces.size() != expectedVocab) {
            throw new ModelLoadException(name + ": " + pieces.size() + " pieces, but the model's vocabulary has "
                    + expectedVocab + " (" + expectedFrom + ")");
        }
        Llama2cTokenizerFile file = new Llama2cTokenizerFile(maxTokenLength, pieces,
                Arrays.copyOf(scores, pieces.size()));
        file.checkBytePieces(name);
        return file;
    }

    private static float readScore(ByteBuffer in, String name, int id) {
        if (in.remaining() < Float.BYTES + Integer.BYTES) {
            throw new ModelLoadException(name + ": truncated at byte " + in.position() + " in the header of piece "
                    + id + ": expected an f32 score and an i32 length (8 bytes), found " + in.remaining());
        }
        return in.getFloat();
    }

    private static String readPiece(ByteBuffer in, String name, int id, int maxTokenLength) {
        int length = in.getInt();
        if (length < 0 || length > maxTokenLength) {
            throw new ModelLoadException(name + ": piece " + id + " has length " + length + ", expected 0.."
                    + maxTokenLength + " (max_token_length)");
        }
        if (in.remaining() < length) {
            throw new ModelLoadException(name + ": truncated in piece " + id + ": its length is " + length
                    + " bytes, but only " + in.remaining() + " remain");
        }
        ByteBuffer bytes = in.slice();
        bytes.limit(length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new ModelLoadException(name + ": piece " + id + " is not valid UTF-8", e);
        }
    }

    /** run.c encodes an unknown byte b as id b + 3, so the byte pieces must sit exactly there. */
    private void checkBytePieces(String name) {
        if (pieces.size() < FIRST_BYTE_ID + 256) {
            throw new ModelLoadException(name + ": " + pieces.size() + " pieces, expected at least "
                    + (FIRST_BYTE_ID + 256) + " (<unk>, <s>, </s> and the 256 byte pieces)");
        }
        for (int b = 0; b < 256; b++) {
            String expected = SentencePieceVocab.bytePiece(b);
            String actual = pieces.get(FIRST_BYTE_ID + b);
            if (!actual.equals(expected)) {
                throw new ModelLoadException(name + ": piece " + (FIRST_BYTE_ID + b) + " is \"" + actual
                        + "\", expected the byte piece " + expected);
            }
        }
    }

    /**
     * The same vocabulary in SentencePiece's own form: spaces back to {@code ▁}, {@code <s>} / {@code </s>} at ids 1
     * and 2, id 0 the unknown token, ids 3..258 byte pieces and every other piece normal.
     */
    public SentencePieceVocab toSentencePiece() {
        List<String> spm = new ArrayList<>(pieces.size());
        List<TokenType> types = new ArrayList<>(pieces.size());
        for (int id = 0; id < pieces.size(); id++) {
            String piece = pieces.get(id);
            if (id == BOS_ID || id == EOS_ID) {
                // the exporter wrapped BOS/EOS in newlines so that run.c prints them on their own line
                spm.add(piece.strip());
                types.add(TokenType.CONTROL);
            } else if (id == UNK_ID) {
                spm.add(piece);
                types.add(TokenType.UNKNOWN);
            } else if (id < FIRST_BYTE_ID + 256) {
                spm.add(piece);
                types.add(TokenType.BYTE);
            } else {
                spm.add(piece.replace(' ', SentencePieceVocab.SPACE));
                types.add(TokenType.NORMAL);
            }
        }
        return new SentencePieceVocab(spm, scores, types, UNK_ID, BOS_ID, EOS_ID, true);
    }
}
