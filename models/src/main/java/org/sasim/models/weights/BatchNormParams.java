package org.sasim.models.weights;

import org.sasim.models.tensor.FloatTensor;

/**
 * Inference-mode batch-norm state, one value per channel each:
 * y = (x - runningMean) / sqrt(runningVar + eps) * gamma + beta.
 *
 * @param gamma       scale (PyTorch {@code weight})
 * @param beta        shift (PyTorch {@code bias})
 * @param runningMean running mean of the input
 * @param runningVar  running variance of the input (non-negative)
 */
public record BatchNormParams(FloatTensor gamma, FloatTensor beta, FloatTensor runningMean, FloatTensor runningVar)
        implements LayerParams {
    public BatchNormParams {
        if (gamma == null || beta == null || runningMean == null || runningVar == null) {
            throw new IllegalArgumentException("batch-norm gamma, beta, running mean and running var are required");
        }
    }
}
