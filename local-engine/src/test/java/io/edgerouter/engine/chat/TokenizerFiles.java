package io.edgerouter.engine.chat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Copies of a {@code tokenizer.json} with more special tokens (e.g. a real vocabulary plus ChatML markers). */
final class TokenizerFiles {

    private TokenizerFiles() {
    }

    /** Writes {@code dir/tokenizer.json}: {@code source} plus {@code specials} as special added tokens, new ids. */
    static Path withSpecials(Path source, Path dir, String... specials) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(source)).getAsJsonObject();
        JsonArray added = json.getAsJsonArray("added_tokens");
        int next = 0;
        Set<String> present = new HashSet<>();
        for (JsonElement e : added) {
            next = Math.max(next, e.getAsJsonObject().get("id").getAsInt() + 1);
            present.add(e.getAsJsonObject().get("content").getAsString());
        }
        JsonObject vocab = json.getAsJsonObject("model").getAsJsonObject("vocab");
        for (String key : vocab.keySet()) {
            next = Math.max(next, vocab.get(key).getAsInt() + 1);
        }
        for (String special : specials) {
            if (present.contains(special)) {
                continue;
            }
            JsonObject t = new JsonObject();
            t.addProperty("id", next++);
            t.addProperty("content", special);
            t.addProperty("single_word", false);
            t.addProperty("lstrip", false);
            t.addProperty("rstrip", false);
            t.addProperty("normalized", false);
            t.addProperty("special", true);
            added.add(t);
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, json.toString());
        return file;
    }

    /** Writes {@code dir/tokenizer.json}: {@code source} with an NFKC normalizer, special tokens matched after it. */
    static Path withNfkcSpecials(Path source, Path dir) throws IOException {
        JsonObject json = JsonParser.parseString(Files.readString(source)).getAsJsonObject();
        JsonObject nfkc = new JsonObject();
        nfkc.addProperty("type", "NFKC");
        json.add("normalizer", nfkc);
        for (JsonElement e : json.getAsJsonArray("added_tokens")) {
            e.getAsJsonObject().addProperty("normalized", true);
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, json.toString());
        return file;
    }

    /** How often {@code id} occurs in {@code ids}. */
    static long count(int[] ids, int id) {
        return java.util.Arrays.stream(ids).filter(i -> i == id).count();
    }

    /** The ids strictly between the {@code n}-th (0-based) {@code open} and the next {@code close}. */
    static int[] between(int[] ids, int open, int n, int close) {
        int seen = -1;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == open && ++seen == n) {
                int end = i + 1;
                while (end < ids.length && ids[end] != close) {
                    end++;
                }
                return java.util.Arrays.copyOfRange(ids, i + 1, end);
            }
        }
        throw new AssertionError("no " + (n + 1) + "th id " + open);
    }
}
