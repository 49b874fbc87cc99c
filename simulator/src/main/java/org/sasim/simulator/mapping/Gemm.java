package org.sasim.simulator.mapping;

/**
 * A layer seen as {@code groups} independent matrix products C[M x N] = A[M x K] * B[K x N].
 *
 * @param m      rows of A and C per group: output pixels over the whole batch (N * Ho * Wo), or the batch for a
 *               linear layer
 * @param n      columns of B and C per group: output channels per group (filters)
 * @param k      reduction length: kH * kW * Cin/groups, or input features
 * @param groups independent GEMMs (conv groups; 1 for ordinary layers, Cin for depthwise)
 */
public record Gemm(int m, int n, int k, int groups) {
    public Gemm {
        if (m <= 0 || n <= 0 || k <= 0 || groups <= 0) {
            throw new IllegalArgumentException("GEMM dimensions must be positive: M=" + m + " N=" + n + " K=" + k
                    + " groups=" + groups);
        }
    }

    /** Multiply-accumulates over all groups. */
    public long macs() {
        return (long) m * n * k * groups;
    }
}
