package org.sasim.simulator.compute;

/** Which engine computes a layer: both give the same cycles and the same output bits. */
public enum Engine {
    /** Closed-form timing and blocked, multithreaded GEMM kernels. */
    FAST,
    /** Cycle-stepped PE array (small layers). */
    CYCLE
}
