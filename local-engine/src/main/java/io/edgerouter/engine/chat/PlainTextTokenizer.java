package io.edgerouter.engine.chat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.edgerouter.engine.InvalidRequestException;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.model.ModelConfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A second instance of a {@code tokenizer.json} in which special-token text is ordinary text. Each special added
 * token's content is replaced by a placeholder of Unicode noncharacters (U+FDD0 and four of U+FDE0–U+FDEF, a range
 * Unicode reserves for a program's internal use), so the characters {@code <|im_end|>} typed by a user no longer match
 * it; the template's own control tokens are written as their placeholders, and placeholder ids are translated back to
 * the original ids. The normalizer, pre-tokenizer, model, the non-special added tokens and each special token's
 * lstrip/rstrip/normalized flags are the original's, and the whole prompt is encoded in one call, so rules that depend
 * on the position in the input (a Metaspace "▁" only at the start, Phi-3's markers eating the newline after them)
 * act as they do in the original.
 *
 * <p>Built only when some data really holds special-token text, so a prompt without any costs nothing extra.
 */
final class PlainTextTokenizer implements AutoCloseable {

    /** First and last character of the range no input may hold when special-token text is kept as data. */
    static final char FIRST_RESERVED = '\uFDD0';
    static final char LAST_RESERVED = '\uFDEF';
    private static final char MARK = '\uFDD0';
    private static final char DIGIT_ZERO = '\uFDE0'; // U+FDE0..U+FDEF are the 16 hex digits of a placeholder
    private static final int DIGITS = 4;
    private static final Map<String, String> OPTIONS = Map.of("addSpecialTokens", "false", "truncation", "false");

    private final HuggingFaceTokenizer tokenizer;
    private final Path file;
    private final Map<String, String> placeholders; // special token text → its placeholder, longest text first
    private final Map<Integer, Integer> originalIds; // this instance's id of an added token → the original's id
    private final Set<Integer> specialIds;

    private PlainTextTokenizer(HuggingFaceTokenizer tokenizer, Path file, Map<String, String> placeholders,
                               Map<Integer, Integer> originalIds, Set<Integer> specialIds) {
        this.tokenizer = tokenizer;
        this.file = file;
        this.placeholders = placeholders;
        this.originalIds = originalIds;
        this.specialIds = specialIds;
    }

    /**
     * @param specialIds the original's special token ids
     * @throws ModelLoadException when the rewritten file does not load, or an added token is not one token in it
     */
    static PlainTextTokenizer load(Path file, Set<Integer> specialIds) {
        JsonObject json = ModelConfig.readJson(file);
        Map<String, String> placeholders = new HashMap<>();
        Map<String, Integer> ids = new LinkedHashMap<>(); // text of each added token in the rewritten file → its id
        int n = 0;
        for (JsonElement e : json.getAsJsonArray("added_tokens")) {
            JsonObject token = e.getAsJsonObject();
            String content = token.get("content").getAsString();
            if (token.has("special") && token.get("special").getAsBoolean()) {
                String placeholder = placeholder(n++, file);
                placeholders.put(content, placeholder);
                token.addProperty("content", placeholder);
                content = placeholder;
            }
            ids.put(content, token.get("id").getAsInt());
        }
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8)), OPTIONS);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot load " + file + " with its special tokens as plain text: "
                    + e.getMessage(), e);
        }
        try {
            return new PlainTextTokenizer(tokenizer, file, longestFirst(placeholders),
                    originalIds(tokenizer, ids, file), specialIds);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /**
     * Tokenises the parts in one call: special-token text in control parts becomes control tokens, in data parts
     * ordinary text.
     *
     * @throws InvalidRequestException when a part holds a reserved noncharacter (U+FDD0–U+FDEF), or when the
     *                                 tokenizer still turns data into control tokens (its model has the special text
     *                                 as an ordinary piece)
     */
    int[] encode(List<PromptPart> parts) {
        StringBuilder marked = new StringBuilder();
        int expected = 0;
        for (PromptPart part : parts) {
            int reserved = firstReserved(part.text());
            if (reserved >= 0) {
                throw new InvalidRequestException("text holding special-token text also holds U+"
                        + Integer.toHexString(part.text().charAt(reserved)).toUpperCase(Locale.ROOT)
                        + " at " + reserved + ", a Unicode noncharacter (U+FDD0–U+FDEF) the engine reserves for"
                        + " marking control tokens");
            }
            expected += part.control() ? appendMarked(marked, part.text()) : append(marked, part.text());
        }
        long[] ids = tokenizer.encode(marked.toString()).getIds();
        int[] out = new int[ids.length];
        int control = 0;
        for (int i = 0; i < ids.length; i++) {
            out[i] = originalIds.getOrDefault((int) ids[i], (int) ids[i]);
            control += specialIds.contains(out[i]) ? 1 : 0;
        }
        if (control != expected) {
            throw new InvalidRequestException("tokenizer " + file + " cannot keep special-token text as plain text:"
                    + " it produced " + control + " control tokens where the template has " + expected);
        }
        return out;
    }

    /** Index of the first reserved noncharacter in {@code text}, or -1. */
    static int firstReserved(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= FIRST_RESERVED && c <= LAST_RESERVED) {
                return i;
            }
        }
        return -1;
    }

    private static int append(StringBuilder out, String text) {
        out.append(text);
        return 0;
    }

    /** Appends {@code text} with each special token (leftmost, longest) as its placeholder; returns how many. */
    private int appendMarked(StringBuilder out, String text) {
        int count = 0;
        int i = 0;
        while (i < text.length()) {
            String match = null;
            for (String special : placeholders.keySet()) {
                if (text.startsWith(special, i)) {
                    match = special;
                    break;
                }
            }
            if (match == null) {
                out.append(text.charAt(i++));
            } else {
                out.append(placeholders.get(match));
                i += match.length();
                count++;
            }
        }
        return count;
    }

    private static String placeholder(int n, Path file) {
        if (n >= 1 << (4 * DIGITS)) {
            throw new ModelLoadException(file + " has more than " + (1 << (4 * DIGITS)) + " special tokens");
        }
        char[] chars = new char[DIGITS + 1];
        chars[0] = MARK;
        for (int d = DIGITS; d >= 1; d--, n >>= 4) {
            chars[d] = (char) (DIGIT_ZERO + (n & 0xF));
        }
        return new String(chars);
    }

    private static Map<String, String> longestFirst(Map<String, String> placeholders) {
        Map<String, String> sorted = new LinkedHashMap<>();
        placeholders.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
                .forEach(k -> sorted.put(k, placeholders.get(k)));
        return sorted;
    }

    /** The id each added token gets here (the loader numbers them anew) mapped to its id in the original. */
    private static Map<Integer, Integer> originalIds(HuggingFaceTokenizer tokenizer, Map<String, Integer> ids,
                                                     Path file) {
        Map<Integer, Integer> map = new HashMap<>();
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            long[] got = tokenizer.encode(e.getKey()).getIds();
            if (got.length != 1) {
                throw new ModelLoadException("cannot read special tokens of " + file + " as plain text: added token "
                        + e.getValue() + " is " + got.length + " tokens when its text is encoded alone");
            }
            map.put((int) got[0], e.getValue());
        }
        return map;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
