package org.sasim.models.weights;

import org.sasim.models.tensor.FloatTensor;

/**
 * Weight and optional bias of a convolution (weight OIHW) or linear layer (weight (out, in)).
 *
 * @param weight the weight tensor
 * @param bias   the bias, one value per output channel/feature, or {@code null} for a layer without bias
 */
public record DenseParams(FloatTensor weight, FloatTensor bias) implements LayerParams {
    public DenseParams {
        if (weight == null) {
            throw new IllegalArgumentException("weight must not be null");
        }
    }

    public boolean hasBias() {
        return bias != null;
    }
}
