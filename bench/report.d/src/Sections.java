import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One Markdown section (with its figures) per benchmark, plus the scaling summary; a missing input says so. */
final class Sections {

    private final Report report;
    private final Figures figures;
    private final Targets targets;
    private final List<String[]> scaling = new ArrayList<>();
    private Markdown md;

    Sections(Report report, Figures figures, Targets targets) {
        this.report = report;
        this.figures = figures;
        this.targets = targets;
    }

    void run(Markdown body) {
        this.md = body;
        section("Router", this::router);
        section("Local engine", this::engine);
        section("VERIFY, OFFLOAD and LOCAL against round-trip time", this::verify);
        section("Edge agent overhead", this::agent);
        section("Privacy filter", this::privacy);
        md.h2("Scaling: how each cost grows with its input");
        md.line("Measured points only (at least three per input; the figures above show every point). `exponent` is"
                + " the log-log slope between the first and the last point (0 = flat, 1 = linear, 2 = quadratic);"
                + " `slope` the added cost per unit of input between them.").blank();
        md.table(new String[] {"input", "cost", "first point", "last point", "points", "cost ratio", "exponent",
                "slope"}, scaling);
        md.line("Demo (`bench/demo`): see its last line in the step table; it is a functional run, not a timing.");
        md.blank();
    }

    private void section(String title, Runnable body) {
        md.h2(title);
        try {
            body.run();
        } catch (RuntimeException e) {
            md.line("Section incomplete: " + e).blank();
        }
    }

    private static String n(double v, int d) {
        return Markdown.num(v, d);
    }

    private void missing(String what, String step) {
        md.line("*Not measured in this run:* " + what + " (step `" + step + "` failed or was skipped; see the step"
                + " table and logs/" + step + ".log).").blank();
    }

    /** A scaling row from the first and last points of x → y: ratio, log-log exponent and slope per input unit. */
    private void scale(String input, String cost, double[] x, double[] y, String xUnit, String yUnit, int decimals) {
        if (x.length < 3) {
            return;
        }
        int last = x.length - 1;
        double ratio = y[last] / y[0];
        double exponent = x[0] > 0 && y[0] > 0 ? Math.log(ratio) / Math.log(x[last] / x[0]) : Double.NaN;
        double slope = (y[last] - y[0]) / (x[last] - x[0]);
        scaling.add(new String[] {input, cost, n(x[0], 0) + " " + xUnit + " → " + n(y[0], decimals) + " " + yUnit,
                n(x[last], 0) + " " + xUnit + " → " + n(y[last], decimals) + " " + yUnit, x.length + "",
                "×" + n(ratio, 2), n(exponent, 2), String.format(java.util.Locale.ROOT, "%.3g", slope) + " " + yUnit
                + " per " + singular(xUnit)});
    }

    private static String singular(String unit) {
        return switch (unit) {
            case "pieces" -> "word piece";
            case "subtasks" -> "subtask";
            case "tokens" -> "token";
            case "clients" -> "client";
            case "k" -> "draft token";
            case "B" -> "byte";
            case "ms RTT" -> "ms of RTT";
            default -> unit;
        };
    }

    private void figure(String file, String alt) {
        md.image(file, alt);
    }

    private void router() {
        Tsv apgr = report.tsv("router_apgr.tsv");
        Tsv curves = report.tsv("router_curves.tsv");
        if (apgr == null || curves == null) {
            missing("router quality curves", "router-sweeps");
        } else {
            int rows = (int) apgr.col("n")[0];
            String subset = apgr.text("subset")[0].replace('_', ' ');
            XYChart c = Figures.xy("Router quality vs cloud share (" + subset + ", n=" + rows + ")",
                    "share of prompts sent to the cloud model", "accuracy of the local/cloud mix");
            for (String s : new String[] {"learned", "length", "random", "oracle"}) {
                Figures.line(c, s + " (APGR " + n(apgr.get("scorer", s, "apgr"), 3) + ")", curves.col("cloud_share"),
                        curves.col(s)).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            }
            figure(figures.save(c, "router_quality_vs_share"), "router quality vs cloud share");
            List<String[]> t = new ArrayList<>();
            for (String s : new String[] {"learned", "length", "random", "oracle"}) {
                t.add(new String[] {s, n(apgr.get("scorer", s, "apgr"), 4), n(apgr.get("scorer", s, "cpt50"), 4),
                        n(apgr.get("scorer", s, "cpt80"), 4)});
            }
            md.line("Scorer `" + apgr.text("version")[0] + "` on the " + rows + " rows of the subjects it was never"
                    + " trained on (local model correct " + n(100 * apgr.col("local_acc")[0], 1) + " %, cloud model "
                    + n(100 * apgr.col("cloud_acc")[0], 1) + " %). APGR and CPT as RouteLLM defines them (the oracle"
                    + " exceeds 1 because it also avoids the prompts the cloud model gets wrong).").blank();
            md.table(new String[] {"scorer", "APGR", "CPT(50 %)", "CPT(80 %)"}, t);
            double learned = apgr.get("scorer", "learned", "apgr");
            targets.add("router APGR ≥ 0.65 on held-out subjects (issue 5)", n(learned, 3) + " (length baseline "
                    + n(apgr.get("scorer", "length", "apgr"), 3) + ")", learned, 0.65, false, "router quality figure");
        }
        double all = report.lastNumber("router", "apgr");
        if (!Double.isNaN(all)) {
            md.line("`bench/router` itself ran on the same held-out subject files (bench/all passes only those, so its"
                    + " last line is a held-out number, not the partly in-sample all-rows one): APGR " + n(all, 4)
                    + ", CPT(50 %) " + report.last("router").get("cpt50") + ", n=" + report.last("router").get("n")
                    + ".").blank();
        }
        routerLatency();
    }

    private void routerLatency() {
        Tsv len = report.tsv("router_prompt_length.tsv");
        if (len == null) {
            missing("router decision latency against prompt length", "router-sweeps");
            targets.add("router decision p99 ≤ 5 ms, 32-piece prompt", "", Double.NaN, 5, true, "");
        } else {
            double[] x = len.col("prompt_pieces");
            XYChart c = Figures.xy("Router decision latency vs prompt length", "prompt length (word pieces)",
                    "milliseconds per Router.decide");
            c.getStyler().setXAxisLogarithmic(true);
            c.getStyler().setYAxisLogarithmic(true);
            Figures.line(c, "p50, embedding included", x, len.col("p50_ms"));
            Figures.line(c, "p99, embedding included", x, len.col("p99_ms"));
            Figures.line(c, "p99 thread CPU time, embedding included", x, len.col("cpu_p99_ms"));
            Figures.line(c, "p99 without embedding (length scorer)", x, len.col("lexical_p99_ms"));
            Figures.target(c, "target p99 32 pieces: 5 ms", x[0], x[x.length - 1], 5);
            Figures.target(c, "target p99 512 pieces: 15 ms", x[0], x[x.length - 1], 15);
            Figures.target(c, "target without embedding: 0.05 ms", x[0], x[x.length - 1], 0.05);
            figure(figures.save(c, "router_decision_vs_prompt_length"), "router decision latency vs prompt length");
            List<String[]> t = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                t.add(new String[] {n(x[i], 0), n(len.col("p50_ms")[i], 2), n(len.col("p99_ms")[i], 2),
                        n(len.col("cpu_p50_ms")[i], 2), n(len.col("cpu_p99_ms")[i], 2),
                        n(len.col("lexical_p50_ms")[i], 4), n(len.col("lexical_p99_ms")[i], 4)});
            }
            md.table(new String[] {"word pieces", "p50 ms", "p99 ms", "CPU p50 ms", "CPU p99 ms", "no-embedding p50 ms",
                    "no-embedding p99 ms"}, t);
            md.line("The encoder reads only the head and tail of a long prompt (the scorer's window), so the embedding"
                    + " cost stops growing past that window; the lexical features still read the whole text.").blank();
            double p32 = len.get("prompt_pieces", "32", "p99_ms"), p512 = len.get("prompt_pieces", "512", "p99_ms");
            targets.add("router decision p99 ≤ 5 ms, 32-piece prompt, embedding included", n(p32, 2) + " ms (thread CPU "
                    + n(len.get("prompt_pieces", "32", "cpu_p99_ms"), 2) + " ms; bench/router "
                    + n(report.lastNumber("router", "p99_ms_short"), 2) + " ms)", p32, 5, true, "router sweep");
            targets.add("router decision p99 ≤ 15 ms, 512-piece prompt", n(p512, 2) + " ms (thread CPU "
                    + n(len.get("prompt_pieces", "512", "cpu_p99_ms"), 2) + " ms; bench/router "
                    + n(report.lastNumber("router", "p99_ms_long"), 2) + " ms)", p512, 15, true, "router sweep");
            double lex = Math.max(len.get("prompt_pieces", "32", "lexical_p99_ms"),
                    len.get("prompt_pieces", "512", "lexical_p99_ms"));
            targets.add("router decision without embedding ≤ 0.05 ms (p99, 32 and 512 pieces)", n(lex * 1000, 1)
                    + " µs", lex, 0.05, true, "router sweep");
            scale("prompt length → router decision", "p50 ms", x, len.col("p50_ms"), "pieces", "ms", 2);
            scale("prompt length → router decision without embedding", "p50 ms", x, len.col("lexical_p50_ms"),
                    "pieces", "ms", 4);
        }
        Tsv sub = report.tsv("router_subtasks.tsv");
        if (sub == null) {
            missing("router decision latency against the number of subtasks", "router-sweeps");
            return;
        }
        double[] x = sub.col("subtasks");
        XYChart c = Figures.xy("Router decision of a multi-part request vs number of subtasks",
                "subtasks in a numbered request (about 20 word pieces each)", "milliseconds per Router.decide");
        Figures.line(c, "p50", x, sub.col("p50_ms"));
        Figures.line(c, "p99", x, sub.col("p99_ms"));
        Figures.line(c, "p50 thread CPU time", x, sub.col("cpu_p50_ms"));
        figure(figures.save(c, "router_decision_vs_subtasks"), "router decision vs subtasks");
        scale("subtasks in one request → router decision", "p50 ms", x, sub.col("p50_ms"), "subtasks", "ms", 2);
    }

    private void engine() {
        Tsv modes = report.tsv("engine_modes.tsv");
        if (modes == null) {
            missing("engine decoding speed", "engine");
        } else {
            CategoryChart c = Figures.bars("Local engine decoding speed (greedy, tiny 16-layer target, 1-layer draft)",
                    "decoding", "tokens per second");
            double vanilla = modes.get("mode", "vanilla", "tokens_per_s");
            List<String> labels = new ArrayList<>();
            for (String[] r : modes.rows()) {
                double tps = Double.parseDouble(r[modes.index("tokens_per_s")]);
                labels.add(r[0] + (r[0].equals("vanilla") ? "" : " (×" + n(tps / vanilla, 2) + ")"));
            }
            c.addSeries("tokens/s", labels, Arrays.stream(modes.col("tokens_per_s")).boxed().toList());
            c.getStyler().setLegendVisible(false);
            figure(figures.save(c, "engine_tokens_per_s"), "engine tokens per second");
            List<String[]> t = new ArrayList<>();
            for (String[] r : modes.rows()) {
                t.add(new String[] {r[0], r[3], r[5], r[8]});
            }
            md.table(new String[] {"decoding", "tokens/s", "tokens per target pass", "acceptance"}, t);
        }
        Map last = new Map(report, "engine");
        targets.add("engine ≤ 5 % over bare ONNX Runtime forward passes", n(100 * last.num("overhead"), 1) + " %",
                last.num("overhead"), 0.05, true, "bench/engine");
        targets.addText("speculative decoding lossless", last.get("lossless"), last.get("lossless").equals("true")
                ? "met" : last.get("lossless").equals("—") ? "not measured" : "**not met**", "bench/engine");
        targets.add("prompt lookup ≥ 2× tokens/s (input-grounded prompts)", "×" + n(last.num("pld_speedup"), 2),
                last.num("pld_speedup"), 2, false, "bench/engine");
        targets.add("draft model ≥ 1.8× at acceptance ≥ 0.7", "×" + n(last.num("spec_speedup"), 2) + " at "
                + n(last.num("acceptance"), 3), last.num("acceptance") >= 0.7 ? last.num("spec_speedup") : 0, 1.8,
                false, "bench/engine");
        draftLength();
        Tsv pre = report.tsv("engine_prefill.tsv");
        if (pre == null) {
            missing("prefill time against prompt length", "engine");
            return;
        }
        double[] x = pre.col("prompt_tokens");
        XYChart c = Figures.xy("Engine prefill vs prompt length (target model, fresh KV cache)", "prompt tokens",
                "milliseconds (median)");
        Figures.line(c, "prefill", x, pre.col("prefill_ms"));
        figure(figures.save(c, "engine_prefill_vs_prompt_length"), "engine prefill vs prompt length");
        scale("prompt length → engine prefill", "ms", x, pre.col("prefill_ms"), "tokens", "ms", 1);
    }

    private void draftLength() {
        Tsv dl = report.tsv("engine_draft_length.tsv");
        if (dl == null) {
            missing("acceptance against draft length", "engine");
            return;
        }
        XYChart acc = Figures.xy("Acceptance vs draft length (fixed k per run)", "draft length k (tokens)",
                "accepted / drafted");
        XYChart tps = Figures.xy("Tokens/s vs draft length (fixed k per run)", "draft length k (tokens)",
                "tokens per second");
        for (String mode : new String[] {"draft-model", "prompt-lookup"}) {
            Tsv m = dl.where("mode", mode);
            Figures.line(acc, mode, m.col("draft_length"), m.col("acceptance"));
            Figures.line(tps, mode, m.col("draft_length"), m.col("tokens_per_s"));
            scale("draft length → " + mode + " tokens/s", "tokens/s", m.col("draft_length"), m.col("tokens_per_s"),
                    "k", "tok/s", 0);
            scale("draft length → " + mode + " acceptance", "accepted/drafted", m.col("draft_length"),
                    m.col("acceptance"), "k", "", 3);
        }
        double[] k = dl.where("mode", "draft-model").col("draft_length");
        Figures.target(tps, "vanilla", k[0], k[k.length - 1], dl.get("mode", "vanilla", "tokens_per_s"));
        figure(figures.save(acc, "engine_acceptance_vs_draft_length"), "acceptance vs draft length");
        figure(figures.save(tps, "engine_tokens_per_s_vs_draft_length"), "tokens/s vs draft length");
    }

    private void verify() {
        Tsv v = report.tsv("verify_rtt.tsv");
        Map last = new Map(report, "verify");
        if (v == null) {
            missing("time to answer against round-trip time", "verify");
            targets.add("VERIFY ≥ 4 accepted tokens per cloud round trip at acceptance ≥ 0.75",
                    n(last.num("tokens_per_roundtrip"), 2) + " tokens per round trip", last.num("tokens_per_roundtrip"),
                    4, false, "bench/verify");
        } else {
            XYChart c = Figures.xy("Time to answer vs injected edge-cloud round-trip time", "round-trip time (ms)",
                    "milliseconds per answer (" + (int) v.col("tokens")[0] / (int) v.col("prompts")[0] + " tokens)");
            List<String[]> t = new ArrayList<>();
            for (String mode : new String[] {"LOCAL", "VERIFY(rounds)", "VERIFY(one-shot)", "OFFLOAD"}) {
                Tsv m = v.where("mode", mode);
                Figures.line(c, mode, m.col("rtt_ms"), m.col("ms_per_answer"));
                double p = m.col("prompts")[0];
                t.add(new String[] {mode, n(m.col("round_trips")[0] / p, 1), n(m.col("cloud_passes")[0] / p, 1),
                        n(m.col("acceptance")[0], 3), n(m.col("ms_per_answer")[0], 0),
                        n(m.col("ms_per_answer")[m.rows().size() - 1], 0)});
            }
            figure(figures.save(c, "verify_time_vs_rtt"), "time to answer vs round-trip time");
            double[] rtt = v.where("mode", "LOCAL").col("rtt_ms");
            md.table(new String[] {"route", "round trips per answer", "cloud forward passes per answer", "acceptance",
                    "ms per answer at " + n(rtt[0], 0) + " ms RTT", "at " + n(rtt[rtt.length - 1], 0) + " ms"}, t);
            md.line("LOCAL is the edge model alone (its answer is the small model's, not the cloud model's). VERIFY"
                    + " and OFFLOAD return identical text (checked). Every number comes from one gateway process and"
                    + " one edge JVM on loopback sharing 2 cores, so the cloud's forward passes compete with the edge's"
                    + " drafting; the round-trip time is a sleep before each call.").blank();
            Tsv rounds = v.where("mode", "VERIFY(rounds)");
            double[] r = rounds.col("rtt_ms");
            double[] lat = rounds.col("ms_per_answer");
            scale("round-trip time → VERIFY(rounds) time to answer", "ms per answer", r, lat, "ms RTT", "ms", 0);
            scale("round-trip time → VERIFY(one-shot) time to answer", "ms per answer", r,
                    v.where("mode", "VERIFY(one-shot)").col("ms_per_answer"), "ms RTT", "ms", 0);
            scale("round-trip time → OFFLOAD time to answer", "ms per answer", r,
                    v.where("mode", "OFFLOAD").col("ms_per_answer"), "ms RTT", "ms", 0);
            double acc = rounds.col("acceptance")[0];
            double tpr = last.num("tokens_per_roundtrip");
            String target = "VERIFY ≥ 4 accepted tokens per cloud round trip at acceptance ≥ 0.75";
            String measured = n(tpr, 2) + " tokens per round trip at acceptance " + n(acc, 3);
            if (acc >= 0.75 - 1e-9 || Double.isNaN(tpr)) {
                targets.add(target, measured, tpr, 4, false, "bench/verify");
            } else {
                targets.addText(target, measured, tpr >= 4 ? "met, at a lower acceptance than the target assumes"
                        : "**not met** (acceptance below 0.75)", "bench/verify");
            }
        }
        targets.add("VERIFY cloud forward passes ≥ 50 % fewer than OFFLOAD", n(100 * last.num("cloud_passes_saved"), 0)
                + " % fewer", last.num("cloud_passes_saved"), 0.5, false, "bench/verify");
    }

    private void agent() {
        Tsv load = report.tsv("agent_load.tsv");
        Map last = new Map(report, "agent-overhead");
        if (load == null) {
            missing("agent overhead against offered load", "agent-overhead");
        } else {
            double[] x = load.col("offered_rps");
            XYChart c = Figures.xy("Edge agent overhead vs offered load (model: local, max_tokens 1)",
                    "offered load (requests/s, open loop)", "overhead the agent adds (ms, x-edge-overhead-ms)");
            c.getStyler().setYAxisLogarithmic(true);
            for (String p : new String[] {"p50", "p90", "p99", "p999"}) {
                Figures.line(c, p.equals("p999") ? "p99.9" : p, x, load.col(p + "_ms"));
            }
            Figures.target(c, "target p50: 1 ms", x[0], x[x.length - 1], 1);
            Figures.target(c, "target p99: 3 ms at 500/s", x[0], x[x.length - 1], 3);
            figure(figures.save(c, "agent_overhead_vs_load"), "agent overhead vs load");
            List<String[]> t = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                t.add(new String[] {n(x[i], 0), n(load.col("achieved_rps")[i], 0), n(load.col("p50_ms")[i], 3),
                        n(load.col("p99_ms")[i], 3), n(load.col("client_p50_ms")[i], 2),
                        n(load.col("client_p99_ms")[i], 2), n(load.col("errors")[i], 0)});
            }
            md.table(new String[] {"offered/s", "answered/s", "overhead p50 ms", "overhead p99 ms", "client p50 ms",
                    "client p99 ms", "errors"}, t);
            md.line("Client latency includes the one-token generation and queueing for the single engine slot"
                    + " (edge.engine.max-concurrency=1); errors are 429s once the offered rate exceeds what that one"
                    + " slot answers (its queue is 2000 deep here). The load generator runs on the same 2 cores. The"
                    + " overhead is not higher at low rates because of more work: an idle server's threads have to be"
                    + " woken for each request, and the lowest rate runs first, right after the warm-up.").blank();
            scale("offered load → agent overhead", "p99 ms", x, load.col("p99_ms"), "req/s", "ms", 3);
        }
        double p50 = load == null ? last.num("p50_ms") : load.get("offered_rps", "500", "p50_ms");
        double p99 = load == null ? last.num("p99_ms") : load.get("offered_rps", "500", "p99_ms");
        targets.add("agent overhead p50 ≤ 1 ms at 500 requests/s", n(p50, 3) + " ms", p50, 1, true,
                "bench/agent-overhead");
        targets.add("agent overhead p99 ≤ 3 ms at 500 requests/s", n(p99, 3) + " ms", p99, 3, true,
                "bench/agent-overhead");
        Tsv conc = report.tsv("agent_concurrency.tsv");
        if (conc == null) {
            missing("agent overhead against concurrent requests", "agent-overhead");
            return;
        }
        double[] x = conc.col("concurrency");
        XYChart c = Figures.xy("Edge agent vs concurrent requests (closed loop)", "concurrent clients",
                "milliseconds");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        Figures.line(c, "overhead p50", x, conc.col("p50_ms"));
        Figures.line(c, "overhead p99", x, conc.col("p99_ms"));
        Figures.line(c, "client latency p50 (queueing for the engine included)", x, conc.col("client_p50_ms"));
        figure(figures.save(c, "agent_overhead_vs_concurrency"), "agent overhead vs concurrency");
        List<String[]> t = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            t.add(new String[] {n(x[i], 0), n(conc.col("achieved_rps")[i], 0), n(conc.col("p50_ms")[i], 3),
                    n(conc.col("p99_ms")[i], 3), n(conc.col("client_p50_ms")[i], 2), n(conc.col("errors")[i], 0)});
        }
        md.table(new String[] {"clients", "answered/s", "overhead p50 ms", "overhead p99 ms", "client p50 ms", "errors"},
                t);
        scale("concurrent requests → agent overhead", "p50 ms", x, conc.col("p50_ms"), "clients", "ms", 3);
        scale("concurrent requests → agent overhead", "p99 ms", x, conc.col("p99_ms"), "clients", "ms", 3);
    }

    private void privacy() {
        Tsv p = report.tsv("privacy_sizes.tsv");
        Map last = new Map(report, "privacy");
        if (p == null) {
            missing("privacy throughput against prompt size", "privacy");
        } else {
            double[] kb = Arrays.stream(p.col("bytes")).map(b -> b / 1024).toArray();
            XYChart c = Figures.xy("Privacy analyze + anonymize throughput vs prompt size (one thread)",
                    "prompt size (KB)", "MB per second");
            c.getStyler().setXAxisLogarithmic(true);
            Figures.line(c, "throughput (wall clock)", kb, p.col("mb_per_s"));
            figure(figures.save(c, "privacy_throughput_vs_size"), "privacy throughput vs prompt size");
            XYChart l = Figures.xy("Privacy analyze + anonymize latency vs prompt size", "prompt size (KB)",
                    "milliseconds per prompt");
            l.getStyler().setXAxisLogarithmic(true);
            l.getStyler().setYAxisLogarithmic(true);
            Figures.line(l, "p50", kb, p.col("p50_ms"));
            Figures.line(l, "p99", kb, p.col("p99_ms"));
            Figures.line(l, "p99 thread CPU time", kb, p.col("cpu_p99_ms"));
            Figures.target(l, "target p99 at 2 KB: 2 ms", kb[0], kb[kb.length - 1], 2);
            figure(figures.save(l, "privacy_latency_vs_size"), "privacy latency vs prompt size");
            List<String[]> t = new ArrayList<>();
            for (int i = 0; i < kb.length; i++) {
                t.add(new String[] {n(p.col("bytes")[i], 0), n(p.col("n")[i], 0), n(p.col("p50_ms")[i], 3),
                        n(p.col("p99_ms")[i], 3), n(p.col("cpu_p99_ms")[i], 3), n(p.col("mb_per_s")[i], 2)});
            }
            md.table(new String[] {"bytes", "runs", "p50 ms", "p99 ms", "CPU p99 ms", "MB/s"}, t);
            scale("prompt size → privacy analyze + anonymize", "p50 ms", p.col("bytes"), p.col("p50_ms"), "B", "ms", 3);
        }
        double p99 = last.num("p99_ms_2kb");
        double cpu = p == null ? Double.NaN : p.col("cpu_p99_ms")[nearest(p.col("bytes"), 2048)];
        targets.add("privacy analyze + anonymize of a 2 KB prompt: p99 ≤ 2 ms", n(p99, 3) + " ms (thread CPU p99 "
                + n(cpu, 3) + " ms)", p99, 2, true, "bench/privacy");
    }

    private static int nearest(double[] values, double target) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (Math.abs(values[i] - target) < Math.abs(values[best] - target)) {
                best = i;
            }
        }
        return best;
    }

    /** A step's last line as numbers and strings, "—" / NaN when absent. */
    private record Map(Report report, String step) {
        double num(String key) {
            return report.lastNumber(step, key);
        }

        String get(String key) {
            return report.last(step).getOrDefault(key, "—");
        }
    }
}
