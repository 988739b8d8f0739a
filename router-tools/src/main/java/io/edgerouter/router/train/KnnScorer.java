package io.edgerouter.router.train;

/**
 * kNN over unit-length embeddings (cosine similarity = dot product): the score of a query is the mean label of its
 * k most similar training rows. Evaluation only; shipping it would mean shipping the training embeddings.
 */
final class KnnScorer {

    private KnnScorer() {
    }

    static double score(float[] query, float[][] train, int[] trainRows, double[] labels, int k) {
        double[] bestSim = new double[k];
        int[] bestRow = new int[k];
        java.util.Arrays.fill(bestSim, Double.NEGATIVE_INFINITY);
        for (int r : trainRows) {
            float[] t = train[r];
            double s = 0;
            for (int d = 0; d < query.length; d++) s += query[d] * t[d];
            if (s > bestSim[k - 1]) {
                int p = k - 1;
                while (p > 0 && bestSim[p - 1] < s) {
                    bestSim[p] = bestSim[p - 1];
                    bestRow[p] = bestRow[p - 1];
                    p--;
                }
                bestSim[p] = s;
                bestRow[p] = r;
            }
        }
        double sum = 0;
        for (int i = 0; i < k; i++) sum += labels[bestRow[i]];
        return sum / k;
    }
}
