package org.sasim.models.graph;

/**
 * A layer graph that cannot be built or evaluated: an unknown input, a cycle, or a shape that does not fit.
 * The message always names the offending layer so that a user can find it in the workload.
 */
public class GraphException extends RuntimeException {
    private final String layer;

    public GraphException(String layer, String message) {
        super(layer == null ? message : "layer '" + layer + "': " + message);
        this.layer = layer;
    }

    /** The layer the problem is about, or null when it concerns the graph as a whole. */
    public String layer() {
        return layer;
    }
}
