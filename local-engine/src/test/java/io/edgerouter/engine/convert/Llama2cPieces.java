package io.edgerouter.engine.convert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pieces of a llama2.c {@code tokenizer.bin} (int32 max_token_length, then per token float32 score, int32 length,
 * bytes), decoded the way run.c prints them: a leading space dropped after BOS, {@code <0xNN>} pieces as the raw
 * byte, single unprintable bytes skipped.
 */
final class Llama2cPieces {

    static final int BOS = 1;

    private final byte[][] pieces;
    private final float[] scores;
    private final Map<String, Integer> ids = new HashMap<>();

    private Llama2cPieces(byte[][] pieces, float[] scores) {
        this.pieces = pieces;
        this.scores = scores;
        for (int i = 0; i < pieces.length; i++) {
            ids.putIfAbsent(new String(pieces[i], StandardCharsets.ISO_8859_1), i);
        }
    }

    static Llama2cPieces read(Path file, int vocab) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        b.getInt(); // max_token_length, not needed to decode
        byte[][] pieces = new byte[vocab][];
        float[] scores = new float[vocab];
        for (int i = 0; i < vocab; i++) {
            scores[i] = b.getFloat();
            pieces[i] = new byte[b.getInt()];
            b.get(pieces[i]);
        }
        return new Llama2cPieces(pieces, scores);
    }

    /** What run.c prints for {@code token} following {@code previous}. */
    byte[] printed(int previous, int token) {
        String piece = new String(pieces[token], StandardCharsets.ISO_8859_1);
        if (previous == BOS && piece.startsWith(" ")) {
            piece = piece.substring(1);
        }
        if (piece.matches("<0x[0-9A-F]{2}>")) {
            piece = String.valueOf((char) Integer.parseInt(piece.substring(3, 5), 16));
        }
        byte[] bytes = piece.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length == 1 && !printableOrSpace(bytes[0] & 0xFF)) {
            return new byte[0];
        }
        return bytes;
    }

    /** C's isprint || isspace in the "C" locale. */
    private static boolean printableOrSpace(int b) {
        return (b >= 0x20 && b < 0x7F) || (b >= 0x09 && b <= 0x0D);
    }

    /**
     * run.c's BPE encoding of {@code text} (no BOS, no dummy prefix): one token per byte, its own piece or the
     * {@code <0xNN>} fallback, then repeatedly merging the adjacent pair whose joined piece scores highest.
     */
    int[] encode(byte[] text) {
        List<String> parts = new ArrayList<>();
        for (byte t : text) {
            parts.add(new String(new byte[] {t}, StandardCharsets.ISO_8859_1));
        }
        while (true) {
            int best = -1;
            float bestScore = Float.NEGATIVE_INFINITY;
            for (int i = 0; i + 1 < parts.size(); i++) {
                Integer id = ids.get(parts.get(i) + parts.get(i + 1));
                if (id != null && scores[id] > bestScore) {
                    best = i;
                    bestScore = scores[id];
                }
            }
            if (best < 0) {
                break;
            }
            parts.set(best, parts.get(best) + parts.remove(best + 1));
        }
        int[] out = new int[parts.size()];
        for (int i = 0; i < out.length; i++) {
            Integer id = ids.get(parts.get(i));
            out[i] = id != null ? id : (parts.get(i).charAt(0) & 0xFF) + 3;
        }
        return out;
    }

    /** The concatenated printout of {@code tokens} (tokens[0] is the BOS the generation started from). */
    byte[] print(int[] tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i < tokens.length; i++) {
            out.writeBytes(printed(tokens[i - 1], tokens[i]));
        }
        return out.toByteArray();
    }
}
