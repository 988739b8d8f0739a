package io.edgerouter.engine.convert;

import io.edgerouter.engine.SharedModels;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class LlamaReferenceTest {

    /**
     * run.c's loop: forward at pos = 0..steps−1 starting from BOS, each step appending the argmax (stopping early on
     * BOS); the printout drops the leading space after BOS. The shared file holds that printout without run.c's
     * closing newline, so the 256 printed pieces must equal its bytes exactly.
     */
    @Test
    void greedyDecodingFromBosReproducesLlama2csPublishedStories260kOutput() throws IOException {
        Llama2cPieces pieces = Llama2cPieces.read(SharedModels.file("stories260K/tok512.bin"), 512);
        byte[] expected = Files.readAllBytes(SharedModels.file("stories260K/greedy_from_bos.txt"));
        int[] tokens = greedy(stories260k(), 256, textDraft(pieces, expected));
        assertThat(tokens).hasSize(257);
        assertThat(new String(pieces.print(tokens), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }

    @Test
    void draftedGreedyEqualsOneTokenAtATimeGreedy() throws IOException {
        Llama2cPieces pieces = Llama2cPieces.read(SharedModels.file("stories260K/tok512.bin"), 512);
        byte[] expected = Files.readAllBytes(SharedModels.file("stories260K/greedy_from_bos.txt"));
        LlamaReference reference = stories260k();
        int[] plain = greedy(reference, 24, sequence -> new int[0]);
        assertThat(greedy(reference, 24, textDraft(pieces, expected))).isEqualTo(plain);
        assertThat(greedy(reference, 24, sequence -> new int[] {7, 7, 7, 7})).isEqualTo(plain);
    }

    private static LlamaReference stories260k() {
        return new LlamaReference(Llama2cCheckpoint.open(SharedModels.file("stories260K/stories260K.bin")));
    }

    /**
     * BOS followed by up to {@code steps} greedy tokens (stopping before a BOS), computed by verifying drafts:
     * one forward pass over sequence + draft yields, at every position whose inputs are all confirmed, the argmax
     * that token-at-a-time decoding would compute (the reference is causal, position i reads tokens 0..i only).
     * Each pass keeps the draft tokens that equal those argmaxes plus the first argmax that differs, so the result
     * is the greedy sequence whatever the draft; a good draft only saves passes.
     */
    static int[] greedy(LlamaReference reference, int steps, Function<int[], int[]> draft) {
        int[] seq = {Llama2cPieces.BOS};
        while (seq.length <= steps) {
            int[] proposal = draft.apply(seq);
            int[] input = Arrays.copyOf(seq, seq.length + Math.min(proposal.length, steps + 1 - seq.length));
            System.arraycopy(proposal, 0, input, seq.length, input.length - seq.length);
            float[][] logits = reference.logits(input); // (input, vocab)
            int n = seq.length;
            int[] grown = Arrays.copyOf(input, steps + 1);
            for (int i = n - 1; n <= steps; i++) {
                int next = argmax(logits[i]);
                if (next == Llama2cPieces.BOS) {
                    return Arrays.copyOf(grown, n);
                }
                grown[n++] = next;
                if (i + 1 >= input.length || input[i + 1] != next) {
                    break;
                }
            }
            seq = Arrays.copyOf(grown, n);
        }
        return seq;
    }

    /**
     * Drafts the rest of {@code text} as its BPE encoding (a guess at the tokens the model chose, checked above):
     * after BOS the printout dropped the first piece's leading space, so that space is put back before encoding.
     */
    private static Function<int[], int[]> textDraft(Llama2cPieces pieces, byte[] text) {
        return sequence -> {
            byte[] printed = pieces.print(sequence);
            if (printed.length > text.length || !Arrays.equals(printed, Arrays.copyOf(text, printed.length))) {
                return new int[0];
            }
            byte[] rest = Arrays.copyOfRange(text, printed.length, text.length);
            if (sequence.length == 1) {
                rest = (" " + new String(rest, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
            }
            return pieces.encode(rest);
        };
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }
}
