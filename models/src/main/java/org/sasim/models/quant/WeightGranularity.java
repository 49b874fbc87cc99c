package org.sasim.models.quant;

/** How conv and linear weights are scaled when quantized to int8. */
public enum WeightGranularity {
    /** One scale per weight tensor: max |w| / 127. */
    PER_TENSOR,
    /** One scale per output channel (feature): max |w[o]| / 127. */
    PER_CHANNEL
}
