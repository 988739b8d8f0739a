package io.edgerouter.router;

import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.calibration.OnlineCalibrator;
import io.edgerouter.router.calibration.Outcome;
import io.edgerouter.router.calibration.ThresholdCalibrator;
import io.edgerouter.router.decision.CostModel;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.decision.Reasons;
import io.edgerouter.router.decision.RouteEstimate;
import io.edgerouter.router.decision.SubtaskDecision;
import io.edgerouter.router.decompose.Decomposer;
import io.edgerouter.router.decompose.Subtask;
import io.edgerouter.router.feature.Features;
import io.edgerouter.router.feature.LexicalFeatures;
import io.edgerouter.router.feature.LocalModelSignals;
import io.edgerouter.router.feature.MiniLmEncoder;
import io.edgerouter.router.feature.SentenceEncoder;
import io.edgerouter.router.feature.SignalAdjustment;
import io.edgerouter.router.feature.StaticTokenEncoder;
import io.edgerouter.router.feature.WordPieceTokenizer;
import io.edgerouter.router.policy.RoutingPolicy;
import io.edgerouter.router.policy.Thresholds;
import io.edgerouter.router.scorer.LearnedScorer;
import io.edgerouter.router.scorer.Scorer;
import io.edgerouter.router.scorer.ScoringModel;
import io.edgerouter.router.scorer.WeightsFile;
import io.edgerouter.router.scorer.WeightsFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Entry point: {@link #decide} turns a request, the device's state and the operator policy into a {@link Decision}
 * for the whole query and each of its subtasks. Thread-safe; close it to release the encoder.
 */
public final class Router implements AutoCloseable {

    private final Scorer scorer;
    private final SentenceEncoder encoder;
    private final OnlineCalibrator calibrator;
    private final Decomposer decomposer = new Decomposer();
    private final SignalAdjustment signalAdjustment;

    /** @param encoder required when {@code scorer.needsEmbedding()}, else may be null */
    public Router(Scorer scorer, SentenceEncoder encoder, OnlineCalibrator calibrator, SignalAdjustment signals) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.calibrator = Objects.requireNonNull(calibrator, "calibrator");
        this.signalAdjustment = signals == null ? SignalAdjustment.DEFAULT : signals;
        if (scorer.needsEmbedding() && encoder == null) {
            throw new IllegalArgumentException("scorer " + scorer.version() + " needs a sentence encoder");
        }
        if (scorer instanceof LearnedScorer ls && encoder instanceof MiniLmEncoder me
                && me.layers() != ls.model().encoderLayers()) {
            throw new WeightsFormatException("scorer " + scorer.version() + " was trained on " + ls.model().encoderLayers()
                    + "-layer MiniLM embeddings, the encoder runs " + me.layers() + " layers; build the encoder with the model's window and layers");
        }
        if (scorer instanceof LearnedScorer ls && ls.model().usesTokenTable() && !(encoder instanceof StaticTokenEncoder)) {
            throw new WeightsFormatException("scorer " + scorer.version() + " is a static-MiniLM model; it needs the"
                    + " StaticTokenEncoder over its own token table");
        }
        if (scorer.needsEmbedding() && encoder.dimension() != scorer.embeddingDimension()) {
            throw new WeightsFormatException("scorer " + scorer.version() + " expects " + scorer.embeddingDimension()
                    + "-dim embeddings, the encoder makes " + encoder.dimension() + "; retrain or use the matching encoder");
        }
        this.encoder = encoder;
    }

    /**
     * The committed default scorer ({@link WeightsFile#DEFAULT_RESOURCE}): static MiniLM, no transformer per request
     * (tens of microseconds per decision), with its shipped score distribution.
     */
    public static Router createDefault() {
        return create(WeightsFile.loadDefault());
    }

    /**
     * The committed scorer over MiniLM forward passes ({@link WeightsFile#MINILM_RESOURCE}, window and depth from its
     * weights file): ~10 ms per decision on two cores, for comparison or where its scores are preferred.
     */
    public static Router createMiniLm() {
        return create(WeightsFile.loadResource(WeightsFile.MINILM_RESOURCE));
    }

    /** A router for a trained model with the encoder it was trained with and its shipped score distribution. */
    public static Router create(ScoringModel m) {
        LearnedScorer scorer = new LearnedScorer(m);
        SentenceEncoder enc = m.usesTokenTable() ? new StaticTokenEncoder(WordPieceTokenizer.minilm(), m.tokens())
                : m.embeddingDim() > 0 ? new MiniLmEncoder(m.windowHead(), m.windowTail(), 1, m.encoderLayers()) : null;
        try {
            return new Router(scorer, enc, new OnlineCalibrator(ShippedQuantiles.of(m)), SignalAdjustment.DEFAULT);
        } catch (RuntimeException e) {
            if (enc != null) {
                enc.close(); // do not leak the ONNX session of a router that never started
            }
            throw e;
        }
    }

    /**
     * Decides a request. The raw score of an {@code auto} request joins the live score window that target-share
     * thresholds are quantiles of; a forced route's does not (its route was not chosen by score, and a client forcing
     * routes would otherwise skew what the thresholds mean for everyone else).
     */
    public Decision decide(RouteRequest request, DeviceState device, RoutingPolicy policy) {
        return decide(request, device, policy, request.requestedRoute() == null);
    }

    /**
     * A dry run ({@code POST /v1/route}): the decision {@link #decide} would make now, with nothing learned from it
     * (the score window is left as it is).
     */
    public Decision preview(RouteRequest request, DeviceState device, RoutingPolicy policy) {
        return decide(request, device, policy, false);
    }

    /**
     * The same request decided again once the local model has measured it ({@link RouteRequest#signals()}, e.g. from
     * the prefill a LOCAL answer runs anyway). As {@link #decide}, except that the raw score does not join the live
     * score window a second time: target-share thresholds stay quantiles of one score per request (the text-only one,
     * the same kind the shipped quantiles are), and the signals move this request's score against them.
     */
    public Decision redecide(RouteRequest request, DeviceState device, RoutingPolicy policy) {
        return decide(request, device, policy, false);
    }

    private Decision decide(RouteRequest request, DeviceState device, RoutingPolicy policy, boolean observe) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(policy, "policy");
        long t0 = System.nanoTime();
        String text = request.routedText();
        RouteRules rules = new RouteRules(request, device, policy, thresholds(request, policy));
        double raw = rawScore(text, request.signals());
        if (observe) {
            calibrator.observe(raw);
        }
        double score = calibrator.calibrate(raw);
        long outTokens = request.maxTokens();
        List<RouteEstimate> wholeEstimates = CostModel.estimate(CostModel.approxTokens(text), outTokens, policy.costs());
        RouteRules.Choice whole = rules.choose(score, wholeEstimates);

        List<Subtask> parts = policy.splitSubtasks() ? decomposer.split(text) : List.of(new Subtask(0, text, List.of()));
        List<SubtaskDecision> subtasks = new ArrayList<>(parts.size());
        if (parts.size() == 1) {
            subtasks.add(new SubtaskDecision(0, text, List.of(), whole.route(), score, raw, whole.reasons(), wholeEstimates));
        } else {
            long perPart = Math.max(1, outTokens / parts.size());
            for (Subtask s : parts) {
                double partRaw = rawScore(s.text(), request.signals());
                double partScore = calibrator.calibrate(partRaw);
                List<RouteEstimate> est = CostModel.estimate(CostModel.approxTokens(s.text()), perPart, policy.costs());
                RouteRules.Choice c = rules.choose(partScore, est);
                subtasks.add(new SubtaskDecision(s.index(), s.text(), s.dependsOn(), c.route(), partScore, partRaw,
                        c.reasons(), est));
            }
        }
        List<String> reasons = new ArrayList<>(whole.reasons());
        if (parts.size() > 1) {
            reasons.add(Reasons.DECOMPOSED + ":" + parts.size());
        }
        String signals = Reasons.localSignals(request.signals());
        if (signals != null) {
            reasons.add(signals);
        }
        double escalation = whole.route() == Route.LOCAL && policy.escalation().enabled() && rules.cloudAllowed()
                ? policy.escalation().entropyThreshold() : Double.NaN;
        return new Decision(whole.route(), score, raw, wholeEstimates, reasons, subtasks, escalation,
                policy.escalation().windowTokens(), policy.version(), modelVersion(), System.nanoTime() - t0,
                request.signals());
    }

    /** The scorer's number for one text, with local-model signals folded in; before online calibration. */
    public double rawScore(String text, LocalModelSignals signals) {
        float[] embedding = scorer.needsEmbedding() ? encoder.embed(text) : null;
        double s = scorer.score(new Features(text, LexicalFeatures.extract(text), embedding, signals));
        if (!(s >= 0 && s <= 1)) {
            throw new RouterException("scorer " + scorer.version() + " returned " + s + ", outside [0, 1]", false);
        }
        return signalAdjustment.apply(s, signals);
    }

    private Thresholds thresholds(RouteRequest request, RoutingPolicy policy) {
        var app = policy.appFor(request.appId());
        var spec = app != null && app.thresholds() != null ? app.thresholds() : policy.thresholds();
        return ThresholdCalibrator.resolve(spec, calibrator.reference(), CostModel.typicalOffloadUsd(policy.costs()));
    }

    /** Feedback from a finished request; updates calibration in place and bumps {@link #modelVersion()}. */
    public void feedback(Outcome outcome) {
        calibrator.feedback(outcome);
    }

    public String modelVersion() {
        return scorer.version() + "+" + calibrator.version();
    }

    public Scorer scorer() {
        return scorer;
    }

    public OnlineCalibrator calibrator() {
        return calibrator;
    }

    @Override
    public void close() {
        if (encoder != null) {
            encoder.close();
        }
    }
}
