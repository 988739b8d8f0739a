package io.edgerouter.engine.bench;

import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.engine.model.CausalLm;
import io.edgerouter.engine.tiny.TinyModelSpec;
import io.edgerouter.engine.tiny.TinyModels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmarks vanilla, draft-model and prompt-lookup greedy decoding on the generated tiny pair and checks that
 * all three emit the same tokens. Timing covers decoding only: all but the last prompt token are first prefilled
 * into the conversation's KV caches ({@link Conversation#prefill}), which the timed call then reuses.
 * Usage: {@code EngineBench <models-dir> [prompts] [max-tokens]}. With {@code -Dbench.out=DIR} it also writes
 * the per-mode totals and the sweeps of {@link EngineSweeps} (draft length, prompt length) as TSV files into DIR.
 */
public final class EngineBench {

    private static final String[] WORDS = {
            "the", "edge", "router", "sends", "hard", "queries", "to", "a", "cloud", "model", "while", "simple",
            "ones", "stay", "on", "device", "and", "privacy", "filter", "masks", "names", "before", "any", "offload",
            "so", "latency", "budget", "remains", "low", "every", "agent", "reports", "telemetry", "through",
            "kafka", "where", "fleet", "learning", "updates", "policy", "thresholds", "nightly", "operators",
            "review", "dashboards", "showing", "accuracy", "costs", "tokens", "per", "second", "acceptance", "rates",
            "draft", "lengths", "verify", "rounds", "battery", "usage", "memory", "pressure", "network", "outages",
            "retries", "circuit", "breakers", "fallback", "answers", "cached", "responses", "user", "feedback",
            "ratings", "improve", "future", "routing", "decisions"};
    private static final String[] TASKS = {"Summarise this text:", "Rewrite this more formally:",
            "Extract the key facts:"};

    private EngineBench() {
    }

    /** Totals of one decoding mode over all prompts. */
    static final class Totals {
        long tokens;
        long nanos;
        long runNanos;
        long rounds;
        long drafted;
        long accepted;
        long draftRunNanos;
        long draftRuns;

        void add(GenerationResult r, long draftNanos, long draftPasses) {
            draftRunNanos += draftNanos;
            draftRuns += draftPasses;
            tokens += r.tokens().length;
            nanos += r.elapsedNanos();
            runNanos += r.runNanos();
            rounds += r.rounds();
            drafted += r.drafted();
            accepted += r.accepted();
        }

        double tokensPerSecond() {
            return tokens / (nanos / 1e9);
        }

        String describe(String name) {
            return String.format(Locale.ROOT, "%-14s tokens=%d time=%.2fs ort_run=%.2fs (draft %.2fs in %d passes)"
                            + " tokens/s=%.1f target_passes=%d tokens/step=%.2f accepted/step=%.2f drafted=%d"
                            + " accepted=%d acceptance=%.3f", name, tokens, nanos / 1e9, runNanos / 1e9,
                    draftRunNanos / 1e9, draftRuns, tokensPerSecond(), rounds, (double) tokens / rounds,
                    (double) accepted / rounds, drafted, accepted, drafted == 0 ? 0 : (double) accepted / drafted);
        }
    }

    public static void main(String[] args) {
        if (args.length > 1 && args[0].equals("--shape")) { // --shape NAME PRECISION ROOT [model options]
            Path dir = ShapeModels.generate(Path.of(args[3]), args[1], args[2]);
            String[] rest = Arrays.copyOfRange(args, 4, args.length);
            String[] model = new String[rest.length + 1];
            model[0] = dir.toString();
            System.arraycopy(rest, 0, model, 1, rest.length);
            ModelBench.run(ModelBenchArgs.parse(model));
            return;
        }
        if (args.length > 0 && args[0].equals("--model")) {
            ModelBench.run(ModelBenchArgs.parse(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        Path dir = Path.of(args.length > 0 ? args[0] : "target/tiny-models/bench");
        int promptCount = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int maxTokens = args.length > 2 ? Integer.parseInt(args[2]) : 96;
        TinyModels.Pair pair = TinyModels.generate(dir, TinyModelSpec.benchmark());
        System.out.println("models: " + pair.target() + " + " + pair.draft() + " spec=" + TinyModelSpec.benchmark());
        try (LocalEngine engine = LocalEngine.open(LocalEngine.Options.of(pair.target(), pair.draft()))) {
            List<int[]> prompts = prompts(engine, promptCount);
            System.out.printf(Locale.ROOT, "prompts: %d input-grounded, mean %.0f tokens; max new tokens %d%n",
                    prompts.size(), prompts.stream().mapToInt(p -> p.length).average().orElse(0), maxTokens);
            // warm-up: JIT and ORT allocations
            run(engine, prompts.subList(0, Math.min(2, prompts.size())), maxTokens, null);
            Totals[] totals = {new Totals(), new Totals(), new Totals()};
            boolean lossless = run(engine, prompts, maxTokens, totals);
            System.out.println(totals[0].describe("vanilla"));
            System.out.println(totals[1].describe("draft-model"));
            System.out.println(totals[2].describe("prompt-lookup"));
            double overhead = (double) (totals[0].nanos - totals[0].runNanos) / totals[0].runNanos;
            double specSpeedup = totals[1].tokensPerSecond() / totals[0].tokensPerSecond();
            double pldSpeedup = totals[2].tokensPerSecond() / totals[0].tokensPerSecond();
            double acceptance = (double) totals[1].accepted / Math.max(1, totals[1].drafted);
            System.out.printf(Locale.ROOT, "vanilla: %.3f ms per token, of which OrtSession.run %.3f ms%n",
                    totals[0].nanos / 1e6 / totals[0].tokens, totals[0].runNanos / 1e6 / totals[0].tokens);
            Totals spec = totals[1];
            System.out.printf(Locale.ROOT, "draft-model: mean target pass %.2f ms (verifying %.2f tokens), mean draft"
                            + " pass %.2f ms%n", (spec.runNanos - spec.draftRunNanos) / 1e6 / spec.rounds,
                    1 + (double) spec.drafted / spec.rounds, spec.draftRunNanos / 1e6 / Math.max(1, spec.draftRuns));
            System.out.println("note: prompt lookup is measured on a model whose copying comes from a built-in"
                    + " bigram induction head (see README), not from training");
            String out = System.getProperty("bench.out");
            if (out != null) {
                EngineSweeps sweeps = new EngineSweeps(engine, Path.of(out));
                sweeps.writeModes(new String[] {"vanilla", "draft-model", "prompt-lookup"}, totals);
                sweeps.draftLengths(prompts.subList(0, Math.min(4, prompts.size())), maxTokens);
                sweeps.prefill();
            }
            MultiTurnBench.Result turns = MultiTurnBench.run(engine, maxTokens);
            System.out.println(turns.describe());
            System.out.printf(Locale.ROOT, "lossless=%s spec_speedup=%.2f pld_speedup=%.2f acceptance=%.3f"
                    + " overhead=%.3f turns=%d prefill_tokens=%d prefill_tokens_fresh=%d prefill_saved=%.3f%n",
                    lossless && turns.same(), specSpeedup, pldSpeedup, acceptance, overhead, turns.turns(),
                    turns.prefillCached(), turns.prefillFresh(), turns.saved());
        }
    }

    private static boolean run(LocalEngine engine, List<int[]> prompts, int maxTokens, Totals[] totals) {
        boolean lossless = true;
        Decoding[] modes = {Decoding.VANILLA, Decoding.DRAFT_MODEL, Decoding.PROMPT_LOOKUP};
        for (int[] prompt : prompts) {
            int[] reference = null;
            for (int m = 0; m < modes.length; m++) {
                try (Conversation c = engine.newConversation()) {
                    GenerationRequest request = GenerationRequest.of(prompt, maxTokens, modes[m])
                            .withStops(engine.stopTokenIds(), List.of()).withDraftLength(2, 10);
                    // prefill all but the last prompt token outside the timing: we compare decoding speed
                    c.prefill(Arrays.copyOf(prompt, prompt.length - 1));
                    long draftNanos = engine.draft().map(CausalLm::runNanos).orElse(0L);
                    long draftRuns = engine.draft().map(CausalLm::runs).orElse(0L);
                    GenerationResult r = c.generate(request);
                    if (totals != null) {
                        totals[m].add(r, engine.draft().map(CausalLm::runNanos).orElse(0L) - draftNanos,
                                engine.draft().map(CausalLm::runs).orElse(0L) - draftRuns);
                    }
                    if (reference == null) {
                        reference = r.tokens();
                    } else if (!Arrays.equals(reference, r.tokens())) {
                        lossless = false;
                        System.out.println("MISMATCH " + modes[m] + " on prompt " + Arrays.toString(prompt));
                    }
                }
            }
        }
        return lossless;
    }

    private static List<int[]> prompts(LocalEngine engine, int count) {
        Random rng = new Random(5);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 40; w++) {
                text.append(w == 0 ? "" : " ").append(WORDS[rng.nextInt(WORDS.length)]);
            }
            out.add(engine.chatPrompt(List.of(new ChatMessage("user", TASKS[i % TASKS.length] + "\n" + text + "."))));
        }
        return out;
    }
}
