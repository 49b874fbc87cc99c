package org.sasim.simulator.arch;

/**
 * The vector unit that runs the non-GEMM layers (pooling, activations, batch norm, residual add, softmax, LRN).
 *
 * @param lanes elements processed per cycle
 */
public record VectorUnitSpec(int lanes) {
    public VectorUnitSpec {
        if (lanes <= 0) {
            throw new IllegalArgumentException("vector lanes must be positive, got " + lanes);
        }
    }
}
