package org.sasim.simulator.network;

/**
 * How long the layer outputs a tensor run hands to its observer stay valid, which decides whether the run may
 * overwrite the array of an activation nothing reads any more (element-wise vector-unit layers then write their
 * output over their input, as PyTorch's in-place ReLU: no fresh array to zero, data still in the cache).
 */
public enum OutputLifetime {
    /** Every output stays as handed over: the observer may keep it. */
    KEPT,
    /**
     * An output is valid only during the observer's call on it: once no later layer reads it, a later layer may
     * overwrite its array. For observers that look at each output right away (timing, comparing, summarizing).
     */
    DURING_CALL
}
