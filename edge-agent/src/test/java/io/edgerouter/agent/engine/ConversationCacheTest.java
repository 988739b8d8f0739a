package io.edgerouter.agent.engine;

import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.engine.tiny.TinyModelSpec;
import io.edgerouter.engine.tiny.TinyModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The KV caches kept between turns, on the tiny model's real ONNX Runtime sessions: a follow-up turn prefills only
 * what is new, answers exactly as a fresh KV cache would, and nothing crosses apps or outgrows its bounds.
 */
class ConversationCacheTest {

    private static final int MAX = 12;
    private static final String[] TURNS = {
        "Tell me about the sea and the ships that sail on it",
        "Why is it blue?",
        "And at night?",
        "Name three fish that live there.",
        "Thank you, that is all.",
    };

    @TempDir
    static Path dir;
    static LocalEngine engine;

    @BeforeAll
    static void open() {
        TinyModels.Pair pair = TinyModels.generate(dir.resolve("tiny"), TinyModelSpec.small());
        engine = LocalEngine.open(LocalEngine.Options.of(pair.target(), null));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static ConversationCache cache(long maxBytes, long perApp, AtomicInteger made) {
        return new ConversationCache(maxBytes, perApp, 16, () -> {
            made.incrementAndGet();
            return engine.newConversation();
        });
    }

    private static GenerationResult generate(ConversationCache cache, ConversationCache.Key key, int[] prompt, int[] reused) {
        ConversationCache.Lease lease = cache.checkOut(key, prompt);
        reused[0] = lease.reused();
        GenerationResult r = lease.conversation().generate(request(prompt));
        cache.checkIn(lease);
        return r;
    }

    private static GenerationRequest request(int[] prompt) {
        return GenerationRequest.of(prompt, MAX, Decoding.VANILLA).withStops(engine.stopTokenIds(), List.of());
    }

    private static GenerationResult fresh(int[] prompt) {
        try (Conversation c = engine.newConversation()) {
            return c.generate(request(prompt));
        }
    }

    @Test
    void aFiveTurnConversationPrefillsOnlyItsNewTokensAndAnswersAsAFreshCacheWould() {
        AtomicInteger made = new AtomicInteger();
        try (ConversationCache cache = cache(64L << 20, 64L << 20, made)) {
            ConversationCache.Key key = ConversationCache.Key.of("notes", "c-1");
            List<ChatMessage> messages = new ArrayList<>();
            int[] held = new int[0];
            int prefilled = 0;
            int total = 0;
            for (int turn = 0; turn < TURNS.length; turn++) {
                messages.add(new ChatMessage("user", TURNS[turn]));
                int[] prompt = engine.chatPrompt(messages);
                int[] reused = new int[1];
                GenerationResult r = generate(cache, key, prompt, reused);
                int expected = turn == 0 ? 0 : Math.min(ConversationCache.commonPrefix(held, prompt), prompt.length - 1);
                assertThat(reused[0]).as("turn %d reuses the common prefix of its prompt and the cached turn", turn + 1)
                        .isEqualTo(expected);
                if (turn > 0) {
                    // all of the previous prompt was cached, and the answer too as far as its text re-tokenises the same
                    assertThat(reused[0]).isGreaterThanOrEqualTo(total);
                }
                assertThat(r.tokens()).as("turn %d answers exactly as a fresh KV cache", turn + 1)
                        .containsExactly(fresh(prompt).tokens());
                prefilled += prompt.length - reused[0];
                total = prompt.length;
                ConversationCache.Lease look = cache.checkOut(key, prompt);
                held = look.conversation().cachedTokens();
                cache.checkIn(look);
                messages.add(new ChatMessage("assistant", r.text()));
            }
            assertThat(made).as("one KV cache for the whole conversation").hasValue(1);
            assertThat(prefilled).as("prefilled tokens over 5 turns, against %d without the cache", total)
                    .isLessThan(total);
        }
    }

    @Test
    void withoutAConversationIdTheLongestCachedPrefixOfTheSameAppIsContinued() {
        AtomicInteger made = new AtomicInteger();
        try (ConversationCache cache = cache(64L << 20, 64L << 20, made)) {
            List<ChatMessage> first = List.of(new ChatMessage("user", TURNS[0]));
            int[] prompt1 = engine.chatPrompt(first);
            int[] reused = new int[1];
            GenerationResult a = generate(cache, ConversationCache.Key.of("app", null), prompt1, reused);
            List<ChatMessage> second = List.of(first.get(0), new ChatMessage("assistant", a.text()),
                    new ChatMessage("user", TURNS[1]));
            int[] prompt2 = engine.chatPrompt(second);

            generate(cache, ConversationCache.Key.of("other-app", null), prompt2, reused);
            assertThat(reused[0]).as("another app never continues this app's cache").isZero();
            generate(cache, ConversationCache.Key.of("app", null), prompt2, reused);
            assertThat(reused[0]).isGreaterThanOrEqualTo(prompt1.length);
            assertThat(made).hasValue(2);
        }
    }

    @Test
    void aCacheThatSharesLessThanHalfOfWhatItHoldsIsLeftToItsOwnConversation() {
        AtomicInteger made = new AtomicInteger();
        try (ConversationCache cache = cache(64L << 20, 64L << 20, made)) {
            String system = "You are a careful assistant who answers briefly.";
            int[] long1 = engine.chatPrompt(List.of(new ChatMessage("system", system),
                    new ChatMessage("user", "Tell me a long story about a lighthouse keeper and the storm of the century")));
            int[] reused = new int[1];
            generate(cache, ConversationCache.Key.of("app", null), long1, reused);
            int[] other = engine.chatPrompt(List.of(new ChatMessage("system", system), new ChatMessage("user", "Hi")));
            generate(cache, ConversationCache.Key.of("app", null), other, reused);
            assertThat(reused[0]).isZero();
            assertThat(cache.size()).as("both conversations are cached").isEqualTo(2);
        }
    }

    @Test
    void theCacheStaysWithinItsBytesEvictingTheLeastRecentlyUsedAndClosingIt() {
        int[] prompt = engine.chatPrompt(List.of(new ChatMessage("user", TURNS[0])));
        long one;
        try (Conversation probe = engine.newConversation()) {
            probe.generate(request(prompt));
            one = probe.kvBytes();
        }
        assertThat(one).isPositive();
        AtomicInteger made = new AtomicInteger();
        List<Conversation> handedOut = new ArrayList<>();
        try (ConversationCache cache = new ConversationCache(2 * one + one / 2, 2 * one + one / 2, 16, () -> {
            made.incrementAndGet();
            Conversation c = engine.newConversation();
            handedOut.add(c);
            return c;
        })) {
            int[] reused = new int[1];
            for (int i = 0; i < 3; i++) {
                generate(cache, ConversationCache.Key.of("app", "c" + i), prompt, reused);
            }
            assertThat(cache.size()).isEqualTo(2);
            assertThat(cache.bytes()).isLessThanOrEqualTo(2 * one + one / 2);
            assertThat(cache.evictions()).isEqualTo(1);
            assertThatThrownBy(() -> handedOut.get(0).generate(request(prompt)))
                    .as("the evicted (least recently used) conversation's KV cache was freed")
                    .hasMessageContaining("closed");
            generate(cache, ConversationCache.Key.of("app", "c2"), prompt, reused);
            assertThat(reused[0]).as("the most recent one is still there").isEqualTo(prompt.length - 1);
        }
        assertThatThrownBy(() -> handedOut.get(2).generate(request(prompt))).hasMessageContaining("closed");
    }

    @Test
    void oneAppCannotTakeAnotherAppsShare() {
        int[] prompt = engine.chatPrompt(List.of(new ChatMessage("user", TURNS[0])));
        long one;
        try (Conversation probe = engine.newConversation()) {
            probe.generate(request(prompt));
            one = probe.kvBytes();
        }
        AtomicInteger made = new AtomicInteger();
        try (ConversationCache cache = cache(10 * one, one + one / 2, made)) {
            int[] reused = new int[1];
            generate(cache, ConversationCache.Key.of("quiet", "q"), prompt, reused);
            for (int i = 0; i < 5; i++) {
                generate(cache, ConversationCache.Key.of("busy", "b" + i), prompt, reused);
            }
            assertThat(cache.bytesByApp()).containsEntry("quiet", one);
            assertThat(cache.bytesByApp().get("busy")).isLessThanOrEqualTo(one + one / 2);
            generate(cache, ConversationCache.Key.of("quiet", "q"), prompt, reused);
            assertThat(reused[0]).isEqualTo(prompt.length - 1);
        }
    }

    @Test
    void aZeroByteCacheKeepsNothing() {
        AtomicInteger made = new AtomicInteger();
        try (ConversationCache cache = cache(0, 0, made)) {
            int[] prompt = engine.chatPrompt(List.of(new ChatMessage("user", TURNS[0])));
            int[] reused = new int[1];
            generate(cache, ConversationCache.Key.of("app", "c"), prompt, reused);
            generate(cache, ConversationCache.Key.of("app", "c"), prompt, reused);
            assertThat(reused[0]).isZero();
            assertThat(cache.size()).isZero();
            assertThat(made).hasValue(2);
        }
    }
}
