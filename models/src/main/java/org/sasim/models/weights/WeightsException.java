package org.sasim.models.weights;

/**
 * Weights that do not fit their network: a missing or surplus tensor, or a shape that does not match the layer.
 * The message names the layer and, when the weights came from files, the file.
 */
public class WeightsException extends IllegalArgumentException {
    public WeightsException(String message) {
        super(message);
    }

    public WeightsException(String message, Throwable cause) {
        super(message, cause);
    }
}
