package io.edgerouter.engine.spec;

/**
 * Proposes up to {@code k} tokens to follow {@code sequence}; the target model verifies them. k = 0 yields an empty
 * draft; k &lt; 0 is an {@link io.edgerouter.engine.InvalidRequestException}.
 */
public interface Drafter {

    Draft draft(int[] sequence, int k);
}
