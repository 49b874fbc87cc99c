package org.sasim.models.reference;

import java.util.Map;
import org.sasim.models.tensor.FloatTensor;

/**
 * Result of running a network through the {@link ReferenceEngine}.
 *
 * @param output      the network output (the last layer's output)
 * @param activations every layer's output by layer name, in execution order, when all were kept; otherwise only the
 *                    last layer's. Unmodifiable.
 */
public record ReferenceRun(FloatTensor output, Map<String, FloatTensor> activations) {
    public ReferenceRun {
        activations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(activations));
    }

    /** Output of the named layer; throws {@link IllegalArgumentException} if it was not kept. */
    public FloatTensor activation(String layer) {
        FloatTensor t = activations.get(layer);
        if (t == null) {
            throw new IllegalArgumentException("no activation kept for layer '" + layer + "'");
        }
        return t;
    }
}
