package org.sasim.models.weights;

/**
 * The learned parameters and buffers of one layer. Only {@link org.sasim.models.graph.Conv2d},
 * {@link org.sasim.models.graph.Linear} ({@link DenseParams}) and {@link org.sasim.models.graph.BatchNorm2d}
 * ({@link BatchNormParams}) have any.
 */
public sealed interface LayerParams permits DenseParams, BatchNormParams {
}
