package io.edgerouter.router.feature;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java WordPiece tokenizer gives the native Hugging Face tokenizer's ids, on real prompts and on odd text. */
class WordPieceTokenizerTest {

    private static HuggingFaceTokenizer reference;
    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = WordPieceTokenizerTest.class.getResourceAsStream(WordPieceTokenizer.RESOURCE)) {
            reference = HuggingFaceTokenizer.newInstance(in, Map.of("truncation", "false", "padding", "false",
                    "maxLength", "100000"));
        }
        tokenizer = WordPieceTokenizer.minilm();
    }

    @AfterAll
    static void close() {
        reference.close();
    }

    private static long[] expected(String text) {
        return reference.encode(text, false, false).getIds();
    }

    private static void assertSame(String text) {
        long[] want = expected(text);
        int[] got = tokenizer.ids(text);
        assertThat(Arrays.stream(got).asLongStream().toArray()).as("ids of %s", text).containsExactly(want);
    }

    @Test
    void ordinaryEnglishAndPunctuation() {
        assertSame("What is the capital of France?");
        assertSame("Find all c in Z_3 such that Z_3[x]/(x^2 + c) is a field. A. 0 B. 1 C. 2 D. 3");
        assertSame("don't stop-believing... \"quoted\" (parens) {braces} <tags> $5.00 100% a+b=c ~x `code` |pipe|");
        assertSame("Unbelievably antidisestablishmentarianism supercalifragilisticexpialidocious");
        assertSame("  leading and   trailing spaces\tand\ttabs\r\nand newlines\n");
        assertSame("");
    }

    @Test
    void accentsCaseAndScriptsAsTheNativeTokenizer() {
        assertSame("Café Müller naïve résumé ÅNGSTRÖM İstanbul ΣΟΦΙΑ σοφίας");
        assertSame("Москва — столица России. Ελληνικά κείμενα.");
        assertSame("東京は日本の首都です。中文句子，标点符号！한국어 텍스트");
        assertSame("مرحبا بالعالم، كيف حالك؟ שלום עולם");
        assertSame("emoji 😀👍🏽 family 👨‍👩‍👧 flags 🇫🇷 and math 𝔸𝔹ℂ ∑∫√∞ ≤ ≥");
        assertSame("zero\u200Bwidth soft\u00ADhyphen nbsp\u00A0space ideographic\u3000space bom\uFEFF");
        assertSame("control\u0001chars\u0007and\u001Fdel\u007F and replacement \uFFFD char");
    }

    @Test
    void specialTokensWrittenInTheTextStayWhole() {
        assertSame("[CLS] hello [SEP] world [MASK] [PAD][UNK] [cls] [NOT] [ SEP] [SEP");
    }

    @Test
    void overlongAndUncoverableWordsBecomeUnknown() {
        assertSame("a".repeat(100) + " " + "b".repeat(101) + " ok");
        assertSame("x".repeat(5000));
        assertSame("\u2603\u2603snowman\u2603 \u0D9Fsinhala");
    }
}
