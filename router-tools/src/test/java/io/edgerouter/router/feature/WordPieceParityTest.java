package io.edgerouter.router.feature;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.edgerouter.router.train.RoutingData;
import io.edgerouter.router.train.RoutingDataset;
import io.edgerouter.router.train.RoutingExample;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The router's Java WordPiece tokenizer (what the static table and the MiniLM encoder look pieces up with) gives the
 * native Hugging Face tokenizer's ids on every prompt of the routing data: all MMLU subjects, the LLMRouter families
 * (code, maths, multiple choice, open questions) and the Chatbot Arena prompts (long, multilingual, formatted). The
 * data lives in ../shared; without it the test skips.
 */
class WordPieceParityTest {

    @Test
    void everyRoutingPromptTokenisesAsTheNativeTokenizer() throws Exception {
        Path root = RoutingData.requireRoot();
        List<RoutingExample> all = new ArrayList<>(RoutingDataset.load(root.resolve("routing")));
        all.addAll(RoutingDataset.load(root.resolve("routing-extra")));
        assertThat(all).hasSizeGreaterThan(15_000);
        WordPieceTokenizer tokenizer = WordPieceTokenizer.minilm();
        List<String> mismatches = new ArrayList<>();
        long pieces = 0;
        try (InputStream in = WordPieceTokenizer.class.getResourceAsStream(WordPieceTokenizer.RESOURCE);
             HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(in, Map.of("truncation", "false",
                     "padding", "false", "maxLength", "1000000"))) {
            for (RoutingExample e : all) {
                long[] want = reference.encode(e.prompt(), false, false).getIds();
                long[] got = Arrays.stream(tokenizer.ids(e.prompt())).asLongStream().toArray();
                pieces += got.length;
                if (!Arrays.equals(want, got) && mismatches.size() < 20) {
                    mismatches.add(e.group() + ": " + e.prompt().substring(0, Math.min(80, e.prompt().length())));
                }
            }
        }
        assertThat(mismatches).as("prompts whose ids differ (first 20)").isEmpty();
        assertThat(pieces).as("word pieces compared").isGreaterThan(1_000_000);
    }
}
