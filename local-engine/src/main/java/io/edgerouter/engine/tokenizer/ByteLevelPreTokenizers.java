package io.edgerouter.engine.tokenizer;

import com.google.gson.JsonObject;
import io.edgerouter.engine.ModelLoadException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * How a byte-level BPE vocabulary splits text into words before merging, chosen by GGUF's
 * {@code tokenizer.ggml.pre}: the normalizer and pre-tokenizer of the source model's own tokenizer.json, which
 * llama.cpp's per-name split expressions reproduce, plus the two per-name defaults llama.cpp applies with them
 * (whole-word lookup before merging, BOS in front when the file does not say).
 */
final class ByteLevelPreTokenizers {

    /**
     * A normalizer (null for none), a pre-tokenizer, whether the BPE model looks a whole pre-token up before merging
     * ({@code ignore_merges}), and whether BOS goes in front of a prompt when {@code tokenizer.ggml.add_bos_token} is
     * absent.
     */
    record Form(JsonObject normalizer, JsonObject preTokenizer, boolean ignoreMerges, boolean addBosByDefault) {

        /** A form with GPT-2's BPE defaults: merges always, no BOS unless the file asks for it. */
        Form(JsonObject normalizer, JsonObject preTokenizer) {
            this(normalizer, preTokenizer, false, false);
        }
    }

    /**
     * The split expression of OpenAI's cl100k, as Llama 3 and Qwen2 ship it in their tokenizer.json: contractions in
     * any case, a word with at most one leading non-letter, {@code digits}, a punctuation run with the line breaks
     * after it, whitespace ending in line breaks, then other whitespace.
     */
    private static String cl100kStyle(String digits) {
        return "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|" + digits
                + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    }

    /** Llama 3's: digit runs cut into groups of up to three. */
    static final String LLAMA3_REGEX = cl100kStyle("\\p{N}{1,3}");

    /** Qwen2's: every digit its own word. */
    static final String QWEN2_REGEX = cl100kStyle("\\p{N}");

    /**
     * Mistral's tekken (Mistral Nemo): words split where lower case turns to upper, no contraction alternative,
     * single digits, and {@code /} allowed among the line breaks after a punctuation run.
     */
    static final String TEKKEN_REGEX = "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*"
            + "[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+"
            + "[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private static final String NEWLINES = "[\r\n]";

    /** CJK ideographs and Hangul, kept together (deepseek-llm and deepseek-coder). */
    private static final String CJK = "[\u4E00-\u9FA5\u0800-\u4E00\uAC00-\uD7FF]+";

    /**
     * deepseek-llm's word: letters of the cased scripts (Latin, Greek, Cyrillic, Armenian, Georgian, Cherokee, …),
     * written with escapes because several of them (U+1F7D, U+1FBE, U+1FD3, U+1FDB, U+2126, U+212A) change under
     * Unicode normalization and must stay exactly these code points.
     */
    private static final String DEEPSEEK_LLM_LETTERS = "\\s?[A-Za-z\u00B5\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u01BA"
            + "\u01BC-\u01BF\u01C4-\u0293\u0295-\u02AF\u0370-\u0373\u0376\u0377\u037B-\u037D\u037F\u0386"
            + "\u0388-\u038A\u038C\u038E-\u03A1\u03A3-\u03F5\u03F7-\u0481\u048A-\u052F\u0531-\u0556\u10A0-\u10C5"
            + "\u13A0-\u13F5\u13F8-\u13FD\u1C90-\u1CBA\u1CBD-\u1CBF\u1D00-\u1D2B\u1D6B-\u1D77\u1D79-\u1D9A"
            + "\u1E00-\u1F15\u1F18-\u1F1D\u1F20-\u1F45\u1F48-\u1F4D\u1F50-\u1F57\u1F59\u1F5B\u1F5D\u1F5F-\u1F7D"
            + "\u1F80-\u1FB4\u1FB6-\u1FBC\u1FBE\u1FC2-\u1FC4\u1FC6-\u1FCC\u1FD0-\u1FD3\u1FD6-\u1FDB\u1FE0-\u1FEC"
            + "\u1FF2-\u1FF4\u1FF6-\u1FFC\u2102\u2107\u210A-\u2113\u2115\u2119-\u211D\u2124\u2126\u2128"
            + "\u212A-\u212D\u212F-\u2134\u2139\u213C-\u213F\u2145-\u2149\u214E\u2183\u2184\u2C00-\u2C7B"
            + "\u2C7E-\u2CE4\u2CEB-\u2CEE\u2CF2\u2CF3\uA640-\uA66D\uA680-\uA69B\uA722-\uA76F\uA771-\uA787"
            + "\uA78B-\uA78E\uAB70-\uABBF\uFB00-\uFB06\uFB13-\uFB17\uFF21-\uFF3A\uFF41-\uFF5A"
            + "\uD801\uDC00-\uD801\uDC4F\uD801\uDCB0-\uD801\uDCD3\uD801\uDCD8-\uD801\uDCFB"
            + "\uD803\uDC80-\uD803\uDCB2\uD803\uDCC0-\uD803\uDCF2\uD806\uDCA0-\uD806\uDCDF"
            + "\uD83A\uDD00-\uD83A\uDD43]+";

    /** deepseek-llm's punctuation run: ASCII and full-width symbols, curly quotes, CJK full stop and comma. */
    private static final String DEEPSEEK_LLM_PUNCTUATION =
            "\\s?[!-/:-~\uFF01-\uFF0F\uFF1A-\uFF5E\u2018-\u201F\u3000-\u3002]+";

    private static final Map<String, Supplier<Form>> BY_PRE = new TreeMap<>(Map.ofEntries(
            Map.entry("gpt-2", () -> new Form(null, HfJson.byteLevel(true))),
            Map.entry("mpt", () -> new Form(HfJson.typed("NFC"), HfJson.byteLevel(true))),
            Map.entry("starcoder", ByteLevelPreTokenizers::digitsThenGpt2),
            Map.entry("refact", ByteLevelPreTokenizers::digitsThenGpt2),
            // SmolLM/SmolLM2 ship StarCoder's form: digits apart, then GPT-2's split
            Map.entry("smollm", ByteLevelPreTokenizers::digitsThenGpt2),
            Map.entry("falcon", ByteLevelPreTokenizers::falcon),
            Map.entry("deepseek-llm", () -> splitsThenBytes(DEEPSEEK_LLM_LETTERS, DEEPSEEK_LLM_PUNCTUATION, "\\s+$",
                    CJK)),
            Map.entry("deepseek-coder", () -> splitsThenBytes("\\s?\\p{L}+", "\\s?\\p{P}+", CJK)),
            Map.entry("llama-bpe", () -> new Form(null, splitThenBytes(LLAMA3_REGEX, true), true, true)),
            Map.entry("qwen2", () -> new Form(HfJson.typed("NFC"), splitThenBytes(QWEN2_REGEX, false))),
            Map.entry("tekken", () -> new Form(null, splitThenBytes(TEKKEN_REGEX, true), true, true))));

    private ByteLevelPreTokenizers() {
    }

    /**
     * The form for a {@code tokenizer.ggml.pre} value; null (absent) is GPT-2's.
     *
     * @throws ModelLoadException for a value without a known form
     */
    static Form forPre(String pre, String source) {
        Supplier<Form> form = BY_PRE.get(pre == null ? "gpt-2" : pre);
        if (form == null) {
            throw new ModelLoadException(source + ": " + GgufVocabFields.PRE + " is \"" + pre
                    + "\", expected one of " + BY_PRE.keySet() + " (or absent, for GPT-2's) for a gpt2 vocabulary");
        }
        return form.get();
    }

    /**
     * One split expression, each match its own word, then bytes without a regex (Llama 3, Qwen2, tekken).
     *
     * @param trimOffsets the ByteLevel step's {@code trim_offsets} as the source writes it (offsets only)
     */
    private static JsonObject splitThenBytes(String regex, boolean trimOffsets) {
        return HfJson.sequence("pretokenizers", List.of(HfJson.splitIsolated(regex),
                HfJson.byteLevel(false, trimOffsets)));
    }

    /** Every digit its own word, then GPT-2's split (StarCoder 2, Refact, SmolLM2). */
    private static Form digitsThenGpt2() {
        return new Form(null, HfJson.sequence("pretokenizers", List.of(digits(true), HfJson.byteLevel(true))));
    }

    /** Punctuation runs apart, GPT-2's split, digit runs apart and then cut into threes. */
    private static Form falcon() {
        JsonObject punctuation = HfJson.typed("Punctuation");
        punctuation.addProperty("behavior", "Contiguous");
        return new Form(null, HfJson.sequence("pretokenizers", List.of(punctuation, HfJson.byteLevel(true),
                digits(false), HfJson.splitIsolated("[0-9][0-9][0-9]"))));
    }

    /** Line breaks apart, then each expression's matches apart, digits one by one, then bytes without a regex. */
    private static Form splitsThenBytes(String... expressions) {
        List<JsonObject> steps = new ArrayList<>();
        steps.add(HfJson.splitIsolated(NEWLINES));
        for (String expression : expressions) {
            steps.add(HfJson.splitIsolated(expression));
        }
        steps.add(digits(true));
        steps.add(HfJson.byteLevel(false));
        return new Form(null, HfJson.sequence("pretokenizers", steps));
    }

    private static JsonObject digits(boolean individually) {
        JsonObject json = HfJson.typed("Digits");
        json.addProperty("individual_digits", individually);
        return json;
    }
}
