package io.edgerouter.engine;

import io.edgerouter.engine.chat.ChatMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic input-grounded chat prompts (summarise / rewrite / extract) for tests and the bench. */
public final class Prompts {

    private static final String[] WORDS = {"the", "edge", "router", "sends", "hard", "queries", "to", "cloud",
            "model", "while", "simple", "ones", "stay", "on", "device", "privacy", "filter", "masks", "names",
            "before", "offload", "latency", "budget", "tokens", "policy", "fleet", "learns", "from", "telemetry"};
    private static final String[] TASKS = {"Summarise this text:", "Rewrite this more formally:",
            "Extract the key facts:"};

    private Prompts() {
    }

    public static List<List<ChatMessage>> grounded(int count, int words, long seed) {
        Random rng = new Random(seed);
        List<List<ChatMessage>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < words; w++) {
                text.append(w == 0 ? "" : " ").append(WORDS[rng.nextInt(WORDS.length)]);
            }
            out.add(List.of(new ChatMessage("user", TASKS[i % TASKS.length] + "\n" + text + ".")));
        }
        return out;
    }
}
