package io.edgerouter.engine.bench;

import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.model.CausalLm;
import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.model.EngineLimits;
import io.edgerouter.engine.source.ModelSource;
import io.edgerouter.engine.source.TransformersJsLayout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Speed and memory of one model at its real shapes: prefill and decode tokens/s, the engine's overhead over the time
 * spent inside {@code OrtSession.run}, KV-cache bytes per token, peak RSS, and decode speed as a fraction of the
 * memory-bandwidth limit (weight bytes × tokens/s against this machine's measured copy bandwidth). With a draft model
 * it also decodes speculatively and reports the acceptance rate and whether the output is the vanilla output.
 */
public final class ModelBench {

    /** What to measure. */
    public record Settings(ModelSource model, ModelSource draft, Path importDir, int promptTokens, int decodeTokens,
                           int repeats, int threads) {
    }

    private ModelBench() {
    }

    public static void run(Settings s) {
        try {
            measure(s);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the model graph: " + e.getMessage(), e);
        }
    }

    /** The 1-minute load average, so a reader knows how busy the machine was. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void measure(Settings s) throws IOException {
        double copyGbps = MemoryBandwidth.copyGigabytesPerSecond();
        long loadStart = System.nanoTime();
        try (LocalEngine engine = LocalEngine.open(new LocalEngine.Options(s.model(), s.draft(),
                EngineLimits.unlimited(), s.threads(), s.importDir()))) {
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            CausalLm target = engine.target();
            int[] prompt = prompt(engine, s.promptTokens());
            System.out.printf(Locale.ROOT, "model: %s (%s), vocab %d, %d cache tensors, loaded in %.2f s%n",
                    s.model().path(), target.kind(), target.vocabSize(), target.signature().cache().size(),
                    loadSeconds);
            prefill(target, prompt, 1); // warm-up
            double prefillTps = 0;
            for (int r = 0; r < s.repeats(); r++) {
                prefillTps = Math.max(prefillTps, prefill(target, prompt, 1));
            }
            GenerationResult vanilla = null;
            for (int r = 0; r < s.repeats() + 1; r++) { // the first is warm-up
                vanilla = decode(engine, prompt, s.decodeTokens(), Decoding.VANILLA);
            }
            double decodeTps = vanilla.tokens().length / (vanilla.elapsedNanos() / 1e9);
            double overhead = (double) (vanilla.elapsedNanos() - vanilla.runNanos()) / vanilla.runNanos();
            long weightBytes = TransformersJsLayout.bytesWithData(target.resolved().graph());
            long readBytes = WeightTraffic.bytesReadPerToken(target.resolved().graph());
            double bandwidthFraction = readBytes * decodeTps / (copyGbps * 1e9);
            System.out.printf(Locale.ROOT, "prefill: %d tokens at %.1f tokens/s (best of %d)%n", prompt.length,
                    prefillTps, s.repeats());
            System.out.printf(Locale.ROOT, "decode: %d tokens at %.2f tokens/s, %.3f ms per token, of which"
                            + " OrtSession.run %.3f ms%n", vanilla.tokens().length, decodeTps,
                    vanilla.elapsedNanos() / 1e6 / vanilla.tokens().length,
                    vanilla.runNanos() / 1e6 / vanilla.tokens().length);
            System.out.printf(Locale.ROOT, "memory: weights %.1f MB on disk, %.1f MB read per token (all but"
                            + " Gather-only tables), copy bandwidth %.2f GB/s (read + write): decode runs at %.1f%% of"
                            + " that limit%n", weightBytes / 1e6, readBytes / 1e6, copyGbps, 100 * bandwidthFraction);
            String spec = "";
            if (engine.draft().isPresent()) {
                decode(engine, prompt, s.decodeTokens(), Decoding.DRAFT_MODEL);
                GenerationResult drafted = decode(engine, prompt, s.decodeTokens(), Decoding.DRAFT_MODEL);
                double acceptance = (double) drafted.accepted() / Math.max(1, drafted.drafted());
                double speedup = (drafted.tokens().length / (drafted.elapsedNanos() / 1e9)) / decodeTps;
                boolean lossless = Arrays.equals(drafted.tokens(), vanilla.tokens());
                System.out.printf(Locale.ROOT, "draft model %s: drafted %d accepted %d (%.3f), %.2f tokens per"
                                + " target pass, speedup %.2f, identical to vanilla: %s%n", s.draft().path(),
                        drafted.drafted(), drafted.accepted(), acceptance,
                        (double) drafted.tokens().length / drafted.rounds(), speedup, lossless);
                spec = String.format(Locale.ROOT, " draft_acceptance=%.3f draft_speedup=%.2f lossless=%s", acceptance,
                        speedup, lossless);
            }
            System.out.printf(Locale.ROOT, "model=%s prefill_tok_s=%.1f decode_tok_s=%.2f overhead=%.3f"
                            + " kv_bytes_per_token=%d peak_rss_mb=%.0f weight_mb=%.1f read_mb_per_token=%.1f"
                            + " copy_gbps=%.2f bandwidth_fraction=%.3f load=%.1f%s%n", s.model().path().getFileName(),
                    prefillTps, decodeTps, overhead, target.signature().kvBytesPerToken(), PeakRss.megabytes(),
                    weightBytes / 1e6, readBytes / 1e6, copyGbps, bandwidthFraction, loadAverage(), spec);
        }
    }

    private static double prefill(CausalLm model, int[] prompt, int rows) {
        try (DecoderSession session = new DecoderSession(model, EngineLimits.unlimited())) {
            long start = System.nanoTime();
            session.append(prompt, rows);
            return prompt.length / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static GenerationResult decode(LocalEngine engine, int[] prompt, int tokens, Decoding decoding) {
        try (Conversation c = engine.newConversation()) {
            c.prefill(Arrays.copyOf(prompt, prompt.length - 1)); // time decoding, not the prompt
            return c.generate(GenerationRequest.of(prompt, tokens, decoding).withDraftLength(2, 8));
        }
    }

    /** A prompt of about {@code n} tokens: English text when the model has a tokenizer that encodes it. */
    private static int[] prompt(LocalEngine engine, int n) {
        Random rng = new Random(11);
        int[] ids = new int[n];
        int vocab = Math.min(engine.target().vocabSize(), engine.tokenizer().idLimit());
        int[] text = engine.textPrompt(String.join(" ", List.of(("Once upon a time there was a little robot who"
                + " lived in a quiet town by the sea. Every morning it walked to the harbour and counted the boats,"
                + " and every evening it told the children a story about the places the boats had been.").split(" "))));
        for (int i = 0; i < n; i++) {
            ids[i] = i < text.length ? text[i] : text[rng.nextInt(text.length)];
        }
        for (int i = 0; i < n; i++) {
            ids[i] = Math.min(ids[i], vocab - 1);
        }
        return ids;
    }
}
