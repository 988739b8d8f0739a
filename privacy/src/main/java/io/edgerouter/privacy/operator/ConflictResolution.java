package io.edgerouter.privacy.operator;

/**
 * What the anonymizer does with overlapping spans. The analyzer already dropped spans contained in a
 * stronger one; what remains may still overlap partially or be contained in a weaker span.
 */
public enum ConflictResolution {

    /**
     * Default, privacy first: overlapping spans (partial or nested) are merged into their union, typed as the
     * highest-scoring member (ties: the longer, then the earlier span). No detected character stays in clear.
     */
    MERGE_OVERLAPS,

    /**
     * Presidio-like "remove intersections": among overlapping spans only the highest-scoring one is
     * transformed (ties: the longer, then the earlier); characters of the losers outside it stay in clear.
     */
    HIGHEST_SCORE_WINS
}
