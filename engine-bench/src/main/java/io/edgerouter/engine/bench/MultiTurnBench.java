package io.edgerouter.engine.bench;

import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.chat.ChatMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A 5-turn chat answered twice: in one {@link Conversation} whose KV cache carries over from turn to turn (what the
 * agent's conversation cache does), and with a fresh KV cache per turn. Counts the prompt tokens each way has to
 * prefill and checks that both give the same answers.
 */
final class MultiTurnBench {

    static final String[] TURNS = {
        "Summarise this text: the committee met on Tuesday to review the harbour plan and the budget for the new pier.",
        "Which two topics did they review?",
        "Rewrite the first sentence more formally.",
        "Now list the people who would care about the pier.",
        "Thank you. One line, please: what happens next?",
    };

    /** Prefill tokens with and without the carried-over cache, wall time of both runs, and whether the answers agree. */
    record Result(int turns, long prefillCached, long prefillFresh, double cachedMs, double freshMs, boolean same) {
        double saved() {
            return prefillFresh == 0 ? 0 : 1 - (double) prefillCached / prefillFresh;
        }

        String describe() {
            return String.format(Locale.ROOT, "multi-turn: %d turns, prefill %d tokens with the carried-over KV cache vs %d"
                    + " fresh (%.0f%% saved); %.1f ms vs %.1f ms; same answers: %s", turns, prefillCached, prefillFresh,
                    100 * saved(), cachedMs, freshMs, same);
        }
    }

    private MultiTurnBench() {
    }

    static Result run(LocalEngine engine, int maxTokens) {
        List<ChatMessage> messages = new ArrayList<>();
        long prefillCached = 0;
        long prefillFresh = 0;
        long cachedNanos = 0;
        long freshNanos = 0;
        boolean same = true;
        try (Conversation kept = engine.newConversation()) {
            for (String turn : TURNS) {
                messages.add(new ChatMessage("user", turn));
                int[] prompt = engine.chatPrompt(messages);
                GenerationRequest request = GenerationRequest.of(prompt, maxTokens, Decoding.VANILLA)
                        .withStops(engine.stopTokenIds(), engine.chatStopStrings());
                int reused = Math.min(commonPrefix(kept.cachedTokens(), prompt), prompt.length - 1);
                prefillCached += prompt.length - reused;
                prefillFresh += prompt.length;
                long t0 = System.nanoTime();
                GenerationResult carried = kept.generate(request);
                cachedNanos += System.nanoTime() - t0;
                GenerationResult fresh;
                long t1 = System.nanoTime();
                try (Conversation once = engine.newConversation()) {
                    fresh = once.generate(request);
                }
                freshNanos += System.nanoTime() - t1;
                same &= Arrays.equals(carried.tokens(), fresh.tokens());
                messages.add(new ChatMessage("assistant", carried.text()));
            }
        }
        return new Result(TURNS.length, prefillCached, prefillFresh, cachedNanos / 1e6, freshNanos / 1e6, same);
    }

    private static int commonPrefix(int[] a, int[] b) {
        int i = 0;
        while (i < a.length && i < b.length && a[i] == b[i]) {
            i++;
        }
        return i;
    }
}
