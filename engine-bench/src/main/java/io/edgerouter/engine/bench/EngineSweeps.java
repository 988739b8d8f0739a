package io.edgerouter.engine.bench;

import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.model.DecoderSession;
import io.edgerouter.engine.model.EngineLimits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The sweeps behind {@code bench/all}'s engine figures, written as tab-separated files: tokens/s and acceptance
 * against a fixed draft length, and prefill time against prompt length. Measured, one point per setting.
 */
final class EngineSweeps {

    private static final int[] DRAFT_LENGTHS = {1, 2, 3, 4, 6, 8, 10};
    private static final int[] PROMPT_LENGTHS = {64, 128, 256, 512, 1000};
    private static final int PREFILL_REPEATS = 5;

    private final LocalEngine engine;
    private final Path dir;

    EngineSweeps(LocalEngine engine, Path dir) {
        this.engine = engine;
        this.dir = dir;
    }

    /** engine_modes.tsv: one row per decoding mode, from the main run's totals. */
    void writeModes(String[] names, EngineBench.Totals[] totals) {
        StringBuilder tsv = new StringBuilder("mode\ttokens\tseconds\ttokens_per_s\ttarget_passes\ttokens_per_pass"
                + "\tdrafted\taccepted\tacceptance\n");
        for (int m = 0; m < names.length; m++) {
            EngineBench.Totals t = totals[m];
            tsv.append(String.format(Locale.ROOT, "%s\t%d\t%.4f\t%.2f\t%d\t%.3f\t%d\t%d\t%.4f%n", names[m], t.tokens,
                    t.nanos / 1e9, t.tokensPerSecond(), t.rounds, (double) t.tokens / t.rounds, t.drafted, t.accepted,
                    t.drafted == 0 ? 0 : (double) t.accepted / t.drafted));
        }
        write("engine_modes.tsv", tsv);
    }

    /** engine_draft_length.tsv: draft-model and prompt-lookup decoding with a fixed draft length k. */
    void draftLengths(List<int[]> prompts, int maxTokens) {
        StringBuilder tsv = new StringBuilder("mode\tdraft_length\ttokens\tseconds\ttokens_per_s\ttarget_passes"
                + "\ttokens_per_pass\tacceptance\n");
        for (Decoding mode : new Decoding[] {Decoding.VANILLA, Decoding.DRAFT_MODEL, Decoding.PROMPT_LOOKUP}) {
            for (int k : mode == Decoding.VANILLA ? new int[] {0} : DRAFT_LENGTHS) {
                long tokens = 0, nanos = 0, rounds = 0, drafted = 0, accepted = 0;
                for (int[] prompt : prompts) {
                    GenerationResult r = decode(prompt, maxTokens, mode, Math.max(1, k));
                    tokens += r.tokens().length;
                    nanos += r.elapsedNanos();
                    rounds += r.rounds();
                    drafted += r.drafted();
                    accepted += r.accepted();
                }
                String row = String.format(Locale.ROOT, "%s\t%d\t%d\t%.4f\t%.2f\t%d\t%.3f\t%.4f", name(mode), k,
                        tokens, nanos / 1e9, tokens / (nanos / 1e9), rounds, (double) tokens / rounds,
                        drafted == 0 ? 0 : (double) accepted / drafted);
                System.out.println("sweep draft_length " + row.replace('\t', ' '));
                tsv.append(row).append('\n');
            }
        }
        write("engine_draft_length.tsv", tsv);
    }

    /** engine_prefill.tsv: time to prefill a prompt of n tokens into a fresh target KV cache (median of repeats). */
    void prefill() {
        int[] source = longPrompt(Arrays.stream(PROMPT_LENGTHS).max().orElse(0));
        StringBuilder tsv = new StringBuilder("prompt_tokens\tprefill_ms\tms_per_token\n");
        prefillNanos(Arrays.copyOf(source, 32)); // warm-up
        for (int n : PROMPT_LENGTHS) {
            long[] nanos = new long[PREFILL_REPEATS];
            for (int i = 0; i < nanos.length; i++) {
                nanos[i] = prefillNanos(Arrays.copyOf(source, n));
            }
            Arrays.sort(nanos);
            double ms = nanos[nanos.length / 2] / 1e6;
            String row = String.format(Locale.ROOT, "%d\t%.3f\t%.4f", n, ms, ms / n);
            System.out.println("sweep prefill " + row.replace('\t', ' '));
            tsv.append(row).append('\n');
        }
        write("engine_prefill.tsv", tsv);
    }

    private GenerationResult decode(int[] prompt, int maxTokens, Decoding mode, int k) {
        try (Conversation c = engine.newConversation()) {
            c.prefill(Arrays.copyOf(prompt, prompt.length - 1)); // decoding speed only, as in the main run
            return c.generate(GenerationRequest.of(prompt, maxTokens, mode)
                    .withStops(engine.stopTokenIds(), List.of()).withDraftLength(k, k));
        }
    }

    private long prefillNanos(int[] tokens) {
        try (DecoderSession session = new DecoderSession(engine.target(), EngineLimits.unlimited())) {
            long t0 = System.nanoTime();
            session.extendTo(tokens, 1);
            return System.nanoTime() - t0;
        }
    }

    /** Byte-level tokens of an English-like text at least {@code n} long. */
    private int[] longPrompt(int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 2 * n; i++) {
            text.append("the edge agent routes query ").append(i).append(" to the local model or the cloud. ");
        }
        int[] ids = engine.tokenizer().encode(text.toString());
        if (ids.length < n) {
            throw new IllegalStateException("prompt of " + ids.length + " tokens, need " + n);
        }
        return ids;
    }

    private static String name(Decoding mode) {
        return switch (mode) {
            case VANILLA -> "vanilla";
            case DRAFT_MODEL -> "draft-model";
            case PROMPT_LOOKUP -> "prompt-lookup";
        };
    }

    private void write(String file, CharSequence text) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(file), e);
        }
    }
}
