package io.edgerouter.engine.tokenizer;

import io.edgerouter.engine.SharedModels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The texts the tokenizer tests encode, and llama.cpp's tokenizer test vectors in ../shared/data/models/gguf-vocab. */
final class TokenizerCases {

    /** Separator of llama.cpp's {@code .inp} files (see the shared README). */
    private static final String INP_SEPARATOR = "\n__ggml_vocab_test__\n";

    private TokenizerCases() {
    }

    /** Texts chosen to reach every path of a SentencePiece encoder: merges, ties, byte fallback, empty text. */
    static List<String> table() {
        return List.of(
                "",
                "Hello world",
                "Once upon a time, there was a little girl named Lily. She loved to play outside in the park.",
                "Hello, world! How are you? (Fine.) \"Quoted\" -- [brackets] {braces} <angle>",
                "It's 3:45 p.m.; the total is $12.50 & 7% off #hashtag @user ~tilde^ `tick` |pipe|",
                "1234567890 3333333 0.5 -42 1e10",
                " leading space",
                "   three leading spaces",
                "trailing space ",
                "trailing spaces   ",
                "multiple   inner    spaces",
                " ",
                "  ",
                "                 ",
                "a" + " ".repeat(20) + "b" + " ".repeat(33) + "c",
                "\t",
                "tab\tseparated\tvalues",
                "line one\nline two\n\nline four",
                "\n",
                "\n\n\n",
                "windows\r\nline end",
                "café naïve résumé façade",
                "Äpfel über Straße, ÆØÅ æøå",
                "日本語のテキストです。",
                "中文测试：你好，世界！",
                "안녕하세요 세계",
                "Привет, мир",
                "emoji 🦙🚀 and 👍🏽 family 👨‍👩‍👧",
                "مرحبا بالعالم",
                "שלום עולם",
                "mixed עברית and English, العربية too",
                "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math letters",
                "zero\u200bwidth\u200djoiner",
                "ὀδυσσεύς",
                "a",
                "x".repeat(64),
                "def main():\n    print(\"hi\")\n\treturn 0\n");
    }

    /** Texts with U+00A0 NO-BREAK SPACE, the character where HF's Llama-2 tokenizer.json differs. */
    static List<String> withNoBreakSpace() {
        return List.of("\u00a0", "price:\u00a0100\u00a0€", " \u00a0 ", "\u00a0\u00a0\u00a0\u00a0x", "a \u00a0b");
    }

    /** The inputs of a vocabulary file's {@code .inp}, in order. */
    static List<String> vectorInputs(String ggufName) {
        String text = read(SharedModels.file("gguf-vocab/" + ggufName + ".inp"));
        List<String> inputs = new ArrayList<>(Arrays.asList(text.split(Pattern.quote(INP_SEPARATOR), -1)));
        if (!inputs.isEmpty() && inputs.get(inputs.size() - 1).isEmpty()) {
            inputs.remove(inputs.size() - 1);
        }
        return inputs;
    }

    /** The expected ids of a vocabulary file's {@code .out}, one list per input. */
    static List<List<Integer>> vectorOutputs(String ggufName) {
        String text = read(SharedModels.file("gguf-vocab/" + ggufName + ".out"));
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines.stream().map(line -> Arrays.stream(line.trim().split(" "))
                .filter(s -> !s.isEmpty()).map(Integer::valueOf).collect(Collectors.toList()))
                .collect(Collectors.toList());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
