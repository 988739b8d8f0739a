package io.edgerouter.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * llama2.c's {@code run.c} tokenizer, written plainly from its algorithm as the oracle for the converted
 * tokenizer.json. It reads tokenizer.bin on its own (not through the code under test) and keeps run.c's quirks:
 * pieces hold real spaces, the dummy prefix is the piece {@code " "}, an unknown code point becomes ids byte + 3, and
 * each step merges the adjacent pair whose concatenation is the best-scoring piece (the leftmost on a tie).
 */
final class Llama2cReference {

    private static final int BOS = 1;

    private final List<String> pieces = new ArrayList<>();
    private final List<Float> scores = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();

    private Llama2cReference(Path tokenizerBin) {
        ByteBuffer in;
        try {
            in = ByteBuffer.wrap(Files.readAllBytes(tokenizerBin)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        in.getInt(); // max_token_length: run.c only sizes a buffer with it
        while (in.hasRemaining()) {
            scores.add(in.getFloat());
            byte[] piece = new byte[in.getInt()];
            in.get(piece);
            String text = new String(piece, StandardCharsets.UTF_8);
            ids.putIfAbsent(text, pieces.size());
            pieces.add(text);
        }
    }

    static Llama2cReference load(Path tokenizerBin) {
        return new Llama2cReference(tokenizerBin);
    }

    /** run.c {@code encode(text, bos=0, eos=0)}. */
    List<Integer> encode(String text) {
        List<Integer> tokens = new ArrayList<>();
        if (!text.isEmpty()) {
            tokens.add(ids.get(" "));
        }
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            Integer id = ids.get(ch);
            if (id != null) {
                tokens.add(id);
            } else {
                for (byte b : ch.getBytes(StandardCharsets.UTF_8)) {
                    tokens.add((b & 0xFF) + 3);
                }
            }
        });
        while (mergeBestPair(tokens)) {
            // each pass merges one pair
        }
        return tokens;
    }

    private boolean mergeBestPair(List<Integer> tokens) {
        float bestScore = -1e10f;
        int bestId = -1;
        int bestIndex = -1;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Integer id = ids.get(pieces.get(tokens.get(i)) + pieces.get(tokens.get(i + 1)));
            if (id != null && scores.get(id) > bestScore) {
                bestScore = scores.get(id);
                bestId = id;
                bestIndex = i;
            }
        }
        if (bestIndex < 0) {
            return false;
        }
        tokens.set(bestIndex, bestId);
        tokens.remove(bestIndex + 1);
        return true;
    }

    /** run.c's {@code decode} over a sequence, each piece given the token before it; BOS/EOS print nothing here. */
    String decode(List<Integer> tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int previous = -1;
        for (int token : tokens) {
            if (token > 2) {
                String piece = pieces.get(token);
                if (previous == BOS && piece.startsWith(" ")) {
                    piece = piece.substring(1);
                }
                if (piece.matches("<0x[0-9A-F]{2}>")) {
                    out.write(Integer.parseInt(piece.substring(3, 5), 16));
                } else {
                    out.writeBytes(piece.getBytes(StandardCharsets.UTF_8));
                }
            }
            previous = token;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
