package io.edgerouter.engine.tiny;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A byte-level BPE {@code tokenizer.json} (GPT-2 byte-to-unicode alphabet, no merges, so every byte is one token)
 * plus ChatML special tokens, and the matching {@code tokenizer_config.json}.
 */
final class TinyTokenizerFiles {

    static final String[] SPECIALS = {"<|endoftext|>", "<|im_start|>", "<|im_end|>"};

    static final String CHATML_TEMPLATE = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'"
            + " + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private TinyTokenizerFiles() {
    }

    /** The printable character GPT-2's byte-level alphabet uses for byte {@code b}. */
    static char byteChar(int b) {
        boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
        if (printable) {
            return (char) b;
        }
        int shift = 0;
        for (int i = 0; i < b; i++) {
            boolean p = (i >= '!' && i <= '~') || (i >= 0xA1 && i <= 0xAC) || (i >= 0xAE && i <= 0xFF);
            if (!p) {
                shift++;
            }
        }
        return (char) (256 + shift);
    }

    static JsonObject tokenizerJson() {
        JsonObject vocab = new JsonObject();
        for (int b = 0; b < 256; b++) {
            vocab.addProperty(String.valueOf(byteChar(b)), b);
        }
        JsonArray added = new JsonArray();
        for (int i = 0; i < SPECIALS.length; i++) {
            vocab.addProperty(SPECIALS[i], 256 + i);
            JsonObject t = new JsonObject();
            t.addProperty("id", 256 + i);
            t.addProperty("content", SPECIALS[i]);
            t.addProperty("single_word", false);
            t.addProperty("lstrip", false);
            t.addProperty("rstrip", false);
            t.addProperty("normalized", false);
            t.addProperty("special", true);
            added.add(t);
        }
        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        model.add("dropout", null);
        model.add("unk_token", null);
        model.add("continuing_subword_prefix", null);
        model.add("end_of_word_suffix", null);
        model.addProperty("fuse_unk", false);
        model.addProperty("byte_fallback", false);
        model.add("vocab", vocab);
        model.add("merges", new JsonArray());
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", null);
        root.add("padding", null);
        root.add("added_tokens", added);
        root.add("normalizer", null);
        root.add("pre_tokenizer", byteLevel(false));
        root.add("post_processor", null);
        root.add("decoder", byteLevel(true));
        root.add("model", model);
        return root;
    }

    static JsonObject tokenizerConfig() {
        JsonObject c = new JsonObject();
        c.addProperty("tokenizer_class", "PreTrainedTokenizerFast");
        c.addProperty("bos_token", (String) null);
        c.addProperty("eos_token", "<|im_end|>");
        c.addProperty("pad_token", "<|endoftext|>");
        c.addProperty("model_max_length", 1024);
        c.addProperty("chat_template", CHATML_TEMPLATE);
        return c;
    }

    private static JsonObject byteLevel(boolean prefixSpace) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "ByteLevel");
        o.addProperty("add_prefix_space", prefixSpace);
        o.addProperty("trim_offsets", true);
        o.addProperty("use_regex", true);
        return o;
    }
}
