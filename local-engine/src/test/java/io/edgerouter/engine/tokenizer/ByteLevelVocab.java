package io.edgerouter.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hand-built byte-level BPE vocabulary as GGUF stores one ({@code tokenizer.ggml.model = gpt2}): ids 0..255 are the
 * single bytes in GPT-2's byte-to-character form (id = byte value), then for each word the token of every prefix,
 * each made by one merge of the previous prefix and the next byte, then control tokens (stored as raw text). With it
 * comes a plain BPE encoder over the same merges ({@link #encode}), written from the algorithm's definition, that the
 * converted tokenizer.json is checked against: given a pre-token split worked out by hand, it says which ids HF's
 * tokenizer must produce.
 */
public final class ByteLevelVocab {

    private final List<String> tokens;
    private final List<TokenType> types;
    private final List<String> merges; // "left right", in rank order
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, Integer> ranks = new HashMap<>();

    private ByteLevelVocab(List<String> tokens, List<TokenType> types, List<String> merges) {
        this.tokens = List.copyOf(tokens);
        this.types = List.copyOf(types);
        this.merges = List.copyOf(merges);
        for (int id = 0; id < tokens.size(); id++) {
            ids.put(tokens.get(id), id);
        }
        for (int rank = 0; rank < merges.size(); rank++) {
            ranks.put(merges.get(rank), rank);
        }
    }

    /**
     * The bytes, the prefixes of {@code words} (raw text, UTF-8) in the given order, then {@code controls} as control
     * tokens.
     */
    public static ByteLevelVocab of(List<String> words, List<String> controls) {
        Set<String> tokens = new LinkedHashSet<>();
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(byteChar(b)));
        }
        Set<String> merges = new LinkedHashSet<>();
        for (String word : words) {
            String mapped = mapped(word);
            for (int end = 2; end <= mapped.length(); end++) {
                merges.add(mapped.substring(0, end - 1) + " " + mapped.charAt(end - 1));
                tokens.add(mapped.substring(0, end));
            }
        }
        List<TokenType> types = new ArrayList<>();
        tokens.forEach(t -> types.add(TokenType.NORMAL));
        for (String control : controls) {
            tokens.add(control);
            types.add(TokenType.CONTROL);
        }
        return new ByteLevelVocab(new ArrayList<>(tokens), types, new ArrayList<>(merges));
    }

    public List<String> tokens() {
        return tokens;
    }

    public List<TokenType> types() {
        return types;
    }

    public List<String> merges() {
        return merges;
    }

    public int size() {
        return tokens.size();
    }

    /** The id of a control token, or of the token whose bytes are {@code raw}'s UTF-8. */
    public int id(String raw) {
        Integer id = ids.get(raw);
        id = id != null && types.get(id) == TokenType.CONTROL ? id : ids.get(mapped(raw));
        if (id == null) {
            throw new IllegalArgumentException("no token for \"" + raw + "\"");
        }
        return id;
    }

    /**
     * The ids BPE gives pre-tokens (raw text): each pre-token's bytes as characters, then repeatedly the adjacent pair
     * with the lowest merge rank (the leftmost on a tie) merged, until no pair is a merge. With {@code ignoreMerges}
     * a pre-token that is itself a token is taken whole first.
     */
    public int[] encode(List<String> preTokens, boolean ignoreMerges) {
        List<Integer> out = new ArrayList<>();
        for (String preToken : preTokens) {
            String mapped = mapped(preToken);
            if (ignoreMerges && ids.containsKey(mapped)) {
                out.add(ids.get(mapped));
                continue;
            }
            List<String> symbols = new ArrayList<>();
            mapped.chars().forEach(c -> symbols.add(String.valueOf((char) c)));
            mergeAll(symbols);
            symbols.forEach(s -> out.add(ids.get(s)));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private void mergeAll(List<String> symbols) {
        while (true) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer rank = ranks.get(symbols.get(i) + " " + symbols.get(i + 1));
                if (rank != null && rank < bestRank) {
                    best = i;
                    bestRank = rank;
                }
            }
            if (best < 0) {
                return;
            }
            symbols.set(best, symbols.get(best) + symbols.remove(best + 1));
        }
    }

    /** {@code tokenizer.ggml.*} keys of this vocabulary (model, tokens, token types, merges) plus {@code extra}. */
    MapMetadata metadata(Map<String, Object> extra) {
        int[] codes = types.stream().mapToInt(TokenType::code).toArray();
        MapMetadata meta = new MapMetadata().with("tokenizer.ggml.model", "gpt2")
                .with("tokenizer.ggml.tokens", tokens).with("tokenizer.ggml.token_type", codes)
                .with("tokenizer.ggml.merges", merges);
        extra.forEach(meta::with);
        return meta;
    }

    /** The UTF-8 bytes of {@code raw}, each as its GPT-2 character. */
    public static String mapped(String raw) {
        StringBuilder sb = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            sb.append(byteChar(b & 0xFF));
        }
        return sb.toString();
    }

    /**
     * GPT-2's printable stand-in for a byte: the byte itself for '!'..'~', '¡'..'¬' and '®'..'ÿ', otherwise
     * U+0100 + n for the n-th of the remaining bytes in byte order.
     */
    static char byteChar(int b) {
        if (printable(b)) {
            return (char) b;
        }
        int n = 0;
        for (int i = 0; i < b; i++) {
            n += printable(i) ? 0 : 1;
        }
        return (char) (256 + n);
    }

    private static boolean printable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }
}
