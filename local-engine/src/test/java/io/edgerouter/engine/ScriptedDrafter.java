package io.edgerouter.engine;

import io.edgerouter.engine.spec.Draft;
import io.edgerouter.engine.spec.Drafter;

import java.util.Arrays;

/**
 * Drafts the script's next k tokens but gets every {@code wrongEvery}-th script position wrong, so rounds emit several
 * tokens and some drafts are cut short by the verifier.
 */
final class ScriptedDrafter implements Drafter {

    private final int promptLength;
    private final int[] script;
    private final int wrongEvery;

    ScriptedDrafter(int promptLength, int[] script, int wrongEvery) {
        this.promptLength = promptLength;
        this.script = script.clone();
        this.wrongEvery = wrongEvery;
    }

    @Override
    public Draft draft(int[] sequence, int k) {
        int at = sequence.length - promptLength;
        int[] tokens = Arrays.copyOfRange(script, at, Math.min(script.length, at + k));
        for (int i = 0; i < tokens.length; i++) {
            if ((at + i) % wrongEvery == wrongEvery - 1) {
                tokens[i] = (tokens[i] + 1) % 256;
            }
        }
        return new Draft(tokens, null);
    }
}
