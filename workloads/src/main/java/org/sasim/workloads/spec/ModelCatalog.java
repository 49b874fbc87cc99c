package org.sasim.workloads.spec;

import java.util.List;
import org.sasim.models.graph.Network;

/** Named models a workload can refer to with {@code model.name} (the model zoo). */
public interface ModelCatalog {
    /** Known model names, in display order. */
    List<String> names();

    /** Default input height and width of a model, pixels. */
    int[] defaultSize(String name);

    /**
     * Builds a model at an input size and batch.
     *
     * @throws org.sasim.models.graph.GraphException when the size does not fit the model
     */
    Network build(String name, int batch, int height, int width);
}
