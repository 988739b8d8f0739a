package io.edgerouter.engine;

import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.engine.spec.Verifier;
import io.edgerouter.engine.spec.VerifyResult;

import java.util.Arrays;

/**
 * A verifier that knows the answer (a script of ids after the prompt): it accepts draft tokens while they follow the
 * script and returns the script's next token, the way a greedy target whose greedy output is the script would.
 */
final class ScriptedVerifier implements Verifier {

    private final int promptLength;
    private final int[] script;
    private int calls;

    ScriptedVerifier(int promptLength, int[] script) {
        this.promptLength = promptLength;
        this.script = script.clone();
    }

    /** The script of a text whose UTF-8 bytes are the ids (the tiny models' byte-level tokenizer). */
    static int[] bytes(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int[] ids = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            ids[i] = b[i] & 0xFF;
        }
        return ids;
    }

    int calls() {
        return calls;
    }

    @Override
    public VerifyResult verify(int[] context, int[] draft, double[][] draftProbs, SamplingParams params,
                               int topLogprobs) {
        calls++;
        int at = context.length - promptLength;
        if (at < 0 || !Arrays.equals(context, promptLength, context.length, script, 0, at)) {
            throw new AssertionError("the context does not continue the script at " + at);
        }
        int accepted = 0;
        while (accepted < draft.length && draft[accepted] == script[at + accepted]) {
            accepted++;
        }
        double[] logProbs = new double[accepted + 1];
        Arrays.fill(logProbs, -0.25);
        return new VerifyResult(accepted, script[at + accepted], logProbs);
    }
}
