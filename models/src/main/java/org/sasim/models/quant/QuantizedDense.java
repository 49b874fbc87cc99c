package org.sasim.models.quant;

import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.IntTensor;

/**
 * A conv or linear layer in int8: int8 weights (symmetric, in [-127, 127]), an int32 bias in units of
 * {@code inputScale * weightScale[o]}, and per output channel the fixed-point multiplier
 * {@code inputScale * weightScale[o] / outputScale} that requantizes the int32 accumulator to the int8 output.
 *
 * @param weight        OIHW or (out, in) int8 weights (batch norm already folded in, when there was one)
 * @param bias          one int32 per output channel (zeros for a layer without bias)
 * @param weightScales  scale of each output channel's weights (all equal for per-tensor weights)
 * @param requantizers  fixed-point accumulator-to-output multiplier of each output channel
 */
public record QuantizedDense(ByteTensor weight, IntTensor bias, double[] weightScales,
                             QuantizedMultiplier[] requantizers) {
    public QuantizedDense {
        int channels = weight.shape().dim(0);
        if (bias.data().length != channels || weightScales.length != channels || requantizers.length != channels) {
            throw new IllegalArgumentException("bias, scales and requantizers need one entry per output channel ("
                    + channels + ")");
        }
        weightScales = weightScales.clone();
        requantizers = requantizers.clone();
    }

    /** The int8 output of one accumulator (bias already added) of output channel {@code channel}. */
    public byte requantize(int accumulator, int channel) {
        return IntegerRounding.saturateInt8(requantizers[channel].apply(accumulator));
    }

    @Override
    public double[] weightScales() {
        return weightScales.clone();
    }

    @Override
    public QuantizedMultiplier[] requantizers() {
        return requantizers.clone();
    }
}
